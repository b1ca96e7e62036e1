"""Where the settings live, opened only when that is safe.

The settings file is read before the window shows, so it must never hang or slow the start:
a FIFO would block the open forever, a device or a huge file would be read whole. It is read
only when it is a regular file of a sane size (a symlink to one is fine); otherwise the
program starts with the defaults and says why. It is never written through a symlink to
something that is not a regular file (as root that replaced a device file), and only the keys
the program knows are written back.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QSettings

# A real settings file holds a window geometry and state (~2 KB), ten file paths and a few
# flags: a few KB. A thousand times that is no settings file FactorDiff wrote, and reading it
# (QSettings parses it whole before the window shows) is what must not happen.
MAX_SETTINGS_BYTES = 4 * 2**20
# Appended to the application name to learn where QSettings keeps its file without opening it.
_PROBE = "-location-probe"


class Store(Protocol):
    """What Settings needs of a store: the part of QSettings it uses."""

    def value(self, key: str) -> Any: ...
    def setValue(self, key: str, value: Any) -> None: ...  # noqa: N802  Qt's name
    def allKeys(self) -> list[str]: ...  # noqa: N802  Qt's name
    def remove(self, key: str) -> None: ...
    def sync(self) -> None: ...
    def fileName(self) -> str: ...  # noqa: N802  Qt's name


class MemoryStore:
    """Settings kept for this session only, when the file cannot be used."""

    def __init__(self, file_name: str) -> None:
        self._values: dict[str, Any] = {}
        self._file_name = file_name

    def value(self, key: str) -> Any:
        return self._values.get(key)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802  Qt's name
        self._values[key] = value

    def allKeys(self) -> list[str]:  # noqa: N802  Qt's name
        return list(self._values)

    def remove(self, key: str) -> None:
        self._values.pop(key, None)

    def sync(self) -> None:
        """Nothing to write: the file on disk is left as it is."""

    def fileName(self) -> str:  # noqa: N802  Qt's name
        return self._file_name


def settings_path() -> str:
    """The file `QSettings()` would read, found without opening it (QSettings reads its
    file as it is made). On Windows' registry this is a registry path, not a file."""
    application = QCoreApplication.applicationName()
    probe = QSettings(
        QSettings.defaultFormat(),
        QSettings.Scope.UserScope,
        QCoreApplication.organizationName(),
        f"{application}{_PROBE}",
    )
    path = Path(probe.fileName())
    return str(path.with_name(path.name.replace(f"{application}{_PROBE}", application, 1)))


def unusable_reason(path: str) -> str | None:
    """Why the settings file at `path` must not be read or written, or None when it may
    (a regular file of a sane size, possibly through a symlink, or no file yet)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if not stat.S_ISREG(status.st_mode):
        return "it is not a regular file"
    if status.st_size > MAX_SETTINGS_BYTES:
        return (
            f"it is {status.st_size / 2**20:.0f} MB, far larger than FactorDiff's settings "
            f"(limit {MAX_SETTINGS_BYTES // 2**20} MB)"
        )
    return None


def open_store() -> tuple[Store, str]:
    """The application's settings store, and a warning ("" when none) when its file cannot
    be used and the defaults are used for this session instead."""
    path = settings_path()
    reason = unusable_reason(path)
    if reason is None:
        return QSettings(), ""
    return MemoryStore(path), (
        f"The settings file {path} is not used: {reason}. "
        "FactorDiff starts with its default settings and will not save them there."
    )


def writable(store: Store, known: Iterable[str]) -> tuple[Store, str]:
    """The store to write to: `store` while its file is a regular file (or not there yet),
    else a session-only copy of its `known` values and a warning saying why. Checked before
    every write: QSettings re-reads a changed file on access (a FIFO blocks that) and saves by
    replacing whatever its path leads to."""
    if not isinstance(store, QSettings) or _in_registry(store):
        return store, ""
    reason = _write_reason(store.fileName())
    if reason is None:
        return store, ""
    copy = MemoryStore(store.fileName())
    for key in known:
        copy.setValue(key, store.value(key))
    return copy, f"The settings are not saved to {store.fileName()}: {reason}."


def sync_known(store: Store, known: Iterable[str]) -> None:
    """Write `store` back with only the `known` keys (call on a store `writable` returned)."""
    known_keys = set(known)
    for key in store.allKeys():
        if key not in known_keys:
            store.remove(key)
    store.sync()


def _in_registry(store: QSettings) -> bool:
    return os.name == "nt" and store.format() == QSettings.Format.NativeFormat


def _write_reason(path: str) -> str | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"it cannot be reached ({error.strerror or error})"
    return None if stat.S_ISREG(status.st_mode) else "it is not a regular file"
