"""FactorDiff's persistent options: one typed wrapper over QSettings.

Each option is declared once in `OPTIONS` with its type, default and validator. A stored value
that cannot be read back as that type, or that the validator rejects (a hand-edited ini file, a
value written by an older version), falls back to the default instead of reaching the widgets.
Keys not in `OPTIONS` are dropped when the settings are saved. The file itself is opened only
when it is safe to (gui.settings_store); otherwise `warning` says why the defaults are used.

    settings = Settings()
    settings.font_size = 12.5
    settings.font_size          # -> 12.5
    settings.add_recent_file("/filings/nvidia-2024.htm")
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from core.diff.options import DiffOptions
from gui.fonts import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, clamp_font_size
from gui.settings_store import MemoryStore, Store, open_store, sync_known, writable

T = TypeVar("T")

MAX_RECENT_FILES = 10
THEMES = ("light", "dark")
PRINT_LAYOUTS = ("side-by-side", "blackline")  # gui.print_document.PrintLayout's values


def _to_bool(raw: object) -> bool:
    # QSettings' ini backend hands booleans back as the strings "true"/"false".
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    raise ValueError(f"not a boolean: {raw!r}")


def _to_float(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"not a number: {raw!r}")
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {raw!r}")
    return value


def _to_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"not text: {raw!r}")
    return raw


def _to_str_list(raw: object) -> list[str]:
    # A one-element list comes back from the ini backend as a plain string.
    if isinstance(raw, str):
        return [raw] if raw else []
    if isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        return list(raw)
    raise ValueError(f"not a list of text: {raw!r}")


def _to_bytes(raw: object) -> bytes:
    if isinstance(raw, QByteArray):
        return bytes(raw.data())
    if isinstance(raw, bytes):
        return raw
    raise ValueError(f"not binary data: {raw!r}")


def _always(_value: object) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One stored option: `convert` reads the raw QSettings value (raising ValueError when it
    cannot), `valid` says whether a converted value may be used."""

    key: str
    default: T
    convert: Callable[[object], T]
    valid: Callable[[T], bool] = _always


def _font_size_ok(points: float) -> bool:
    return MIN_FONT_SIZE <= points <= MAX_FONT_SIZE


def _folder_ok(folder: str) -> bool:
    return folder == "" or Path(folder).is_dir()


def _recent_ok(paths: list[str]) -> bool:
    return len(paths) <= MAX_RECENT_FILES


class RecentPair(NamedTuple):
    """A comparison opened lately: its two files and how it was named ('IIJ — FY2008 vs
    FY2009')."""

    old: str
    new: str
    label: str


def _recent_pair(entry: str) -> RecentPair:
    """A stored entry (JSON of old, new, label) read back; ValueError when it is not one."""
    try:
        fields = json.loads(entry)
        return RecentPair(str(fields["old"]), str(fields["new"]), str(fields["label"]))
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"not a recent comparison: {entry!r}") from error


def _recent_pairs_ok(entries: list[str]) -> bool:
    try:
        [_recent_pair(entry) for entry in entries]
    except ValueError:
        return False
    return len(entries) <= MAX_RECENT_FILES


_NO_FILES: list[str] = []

_DECLARED: tuple[Option[Any], ...] = (
    Option("window/geometry", b"", _to_bytes),
    # Toolbar, factor dock (shown or not, and its width): QMainWindow.saveState().
    Option("window/state", b"", _to_bytes),
    Option("files/recent", _NO_FILES, _to_str_list, _recent_ok),
    # Comparisons opened lately, newest first: JSON of {old, new, label} each.
    Option("files/recent_pairs", _NO_FILES, _to_str_list, _recent_pairs_ok),
    # Where the save dialogs open (the folder saved to last).
    Option("files/last_folder", "", _to_str, _folder_ok),
    # Where the open dialogs open: the folder of the filing opened last (not of an export).
    Option("files/filing_folder", "", _to_str, _folder_ok),
    Option("view/font_size", DEFAULT_FONT_SIZE, _to_float, _font_size_ok),
    Option("view/theme", "light", _to_str, lambda theme: theme in THEMES),
    Option("view/scroll_locked", True, _to_bool),
    # Only changes: the tree lists changed pairs only and the panes collapse unchanged ones.
    Option("filter/only_changes", False, _to_bool),
    # The factor filter also searches the factors' text, not only headings and categories.
    Option("filter/search_bodies", False, _to_bool),
    # The printout's layout (gui.print_document.PrintLayout), as chosen in the print preview.
    Option("print/layout", "side-by-side", _to_str, lambda layout: layout in PRINT_LAYOUTS),
    # What the word marks overlook (core.diff.options.DiffOptions).
    Option("diff/ignore_case", False, _to_bool),
    Option("diff/ignore_punctuation", False, _to_bool),
    Option("diff/ignore_numbers", False, _to_bool),
    # The contact SEC asks for in every EDGAR request ("Jane Doe jane@example.com").
    Option("edgar/contact", "", _to_str),
)
OPTIONS: dict[str, Option[Any]] = {option.key: option for option in _DECLARED}


class Settings:
    """Typed access to every option in `OPTIONS`, stored through one QSettings.

    Without an argument it uses `QSettings()`, i.e. the application's organisation and name
    and QSettings' default format (tests point that at a temporary folder), when its file is
    safe to read; `warning` then is "", else it says why the defaults are used instead.
    """

    def __init__(self, store: QSettings | Store | None = None) -> None:
        self.warning = ""
        if store is None:
            store, self.warning = open_store()
        self._store: Store = store

    def get(self, key: str) -> Any:
        """The stored value of option `key`, or its default when missing or unusable."""
        option = OPTIONS[key]
        # A copy, so a caller changing a returned list cannot change the declared default.
        default = copy.copy(option.default)
        raw = self._store.value(key)
        if raw is None:
            return default
        try:
            value = option.convert(raw)
        except ValueError:
            return default
        return value if option.valid(value) else default

    def set(self, key: str, value: object) -> None:
        """Store `value` for option `key`; a value of the wrong kind is a programming error."""
        option = OPTIONS[key]
        converted = option.convert(value)
        if not option.valid(converted):
            raise ValueError(f"invalid value for {key}: {value!r}")
        self._guard()
        self._store.setValue(key, QByteArray(converted) if isinstance(converted, bytes) else value)

    def sync(self) -> str:
        """Write the known options back; returns why they could not be ("" when written)."""
        self._guard()
        sync_known(self._store, OPTIONS)
        return self.warning if isinstance(self._store, MemoryStore) else ""

    def _guard(self) -> None:
        """Keep writing to the file only while it is a regular file (see settings_store)."""
        self._store, problem = writable(self._store, OPTIONS)
        if problem:
            self.warning = problem

    # Typed properties for the options the window reads and writes most.

    @property
    def font_size(self) -> float:
        return float(self.get("view/font_size"))

    @font_size.setter
    def font_size(self, points: float) -> None:
        self.set("view/font_size", clamp_font_size(points))

    @property
    def dark(self) -> bool:
        return bool(self.get("view/theme") == "dark")

    @dark.setter
    def dark(self, dark: bool) -> None:
        self.set("view/theme", "dark" if dark else "light")

    @property
    def scroll_locked(self) -> bool:
        return bool(self.get("view/scroll_locked"))

    @scroll_locked.setter
    def scroll_locked(self, locked: bool) -> None:
        self.set("view/scroll_locked", locked)

    @property
    def only_changes(self) -> bool:
        return bool(self.get("filter/only_changes"))

    @only_changes.setter
    def only_changes(self, only: bool) -> None:
        self.set("filter/only_changes", only)

    @property
    def diff_options(self) -> DiffOptions:
        return DiffOptions(
            ignore_case=bool(self.get("diff/ignore_case")),
            ignore_punctuation=bool(self.get("diff/ignore_punctuation")),
            ignore_numbers=bool(self.get("diff/ignore_numbers")),
        )

    @diff_options.setter
    def diff_options(self, options: DiffOptions) -> None:
        self.set("diff/ignore_case", options.ignore_case)
        self.set("diff/ignore_punctuation", options.ignore_punctuation)
        self.set("diff/ignore_numbers", options.ignore_numbers)

    @property
    def last_folder(self) -> str:
        return str(self.get("files/last_folder"))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self.set("files/last_folder", folder)

    def remember_folder_of(self, path: str | Path) -> None:
        """Make the folder holding `path` the one file dialogs open in next (if it exists)."""
        folder = Path(path).parent
        if folder.is_dir():
            self.last_folder = str(folder)

    @property
    def filing_folder(self) -> str:
        return str(self.get("files/filing_folder"))

    def remember_filing_folder_of(self, path: str | Path) -> None:
        """Make the folder holding the filing `path` the one open dialogs start in."""
        folder = Path(path).resolve().parent
        if folder.is_dir():
            self.set("files/filing_folder", str(folder))

    def recent_pairs(self) -> list[RecentPair]:
        """Comparisons opened lately, newest first; those with a file gone are left out."""
        pairs = [_recent_pair(entry) for entry in self.get("files/recent_pairs")]
        return [pair for pair in pairs if Path(pair.old).is_file() and Path(pair.new).is_file()]

    def add_recent_pair(self, old: str, new: str, label: str) -> None:
        pair = RecentPair(str(Path(old).resolve()), str(Path(new).resolve()), label)
        kept = [known for known in self.recent_pairs() if known[:2] != pair[:2]]
        entries = [json.dumps(each._asdict()) for each in [pair, *kept][:MAX_RECENT_FILES]]
        self.set("files/recent_pairs", entries)

    def recent_files(self) -> list[str]:
        """Recently compared files, newest first; files that no longer exist are left out."""
        return [path for path in self.get("files/recent") if Path(path).is_file()]

    def add_recent_file(self, path: str) -> None:
        absolute = str(Path(path).resolve())
        kept = [known for known in self.recent_files() if known != absolute]
        self.set("files/recent", [absolute, *kept][:MAX_RECENT_FILES])

    def clear_recent_files(self) -> None:
        self.set("files/recent", [])
        self.set("files/recent_pairs", [])
