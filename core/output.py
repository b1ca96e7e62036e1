"""Writing outputs (reports, exports, the review file) without ever losing a file.

- `refuse_overwriting_inputs` stops an output that names one of the input filings, however it
  is spelled (`dir/../dir/./a.htm`, a symlink, a hard link), before anything is read.
- `write_atomically` and `atomic_path` write to a temporary file in the destination's folder,
  flush it to disk and rename it over the destination: a crash, a full disk or a failing
  renderer leaves the previous file as it was, never half of a new one.

>>> refuse_overwriting_inputs(["out.json"], ["a.htm", "b.htm"])  # different names: fine
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.errors import FactorDiffError

# Outputs that go to standard output, not to a file.
STDOUT = "-"


class OutputError(FactorDiffError):
    """An output path that must not be written (it is an input, or given twice)."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file: the same resolved path, or (when both exist) the same
    file on disk, which also catches symlinks and hard links."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_overwriting_inputs(
    outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise OutputError when an output is one of the inputs or two outputs are one file.

    `-` (standard output) is never a file. Called before any input is read, so a mistyped
    command loses nothing and costs nothing."""
    input_list = [path for path in inputs if str(path) != STDOUT]
    written: list[str | os.PathLike[str]] = []
    for output in outputs:
        if str(output) == STDOUT:
            continue
        for source in input_list:
            if same_file(output, source):
                raise OutputError(
                    f"will not write {output}: it is the input filing {source} "
                    "(choose another output file)"
                )
        for earlier in written:
            if same_file(output, earlier):
                raise OutputError(f"will not write {output} twice: it is also {earlier}")
        written.append(output)


def write_atomically(
    path: str | os.PathLike[str], content: str | bytes, *, durable: bool = True
) -> None:
    """Write `content` (text as UTF-8, line ends kept as given) to `path` as a whole or not
    at all. Raises OSError when the folder cannot be written. `durable=False` skips flushing
    to the disk: the file is still whole or absent if the program is killed, but a power cut
    may lose it (for an autosave, where the flush would cost the window most of the time)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path, durable=durable) as temporary, temporary.open("wb") as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, durable: bool = True) -> Iterator[Path]:
    """A temporary path next to `path` for a writer that wants a file name (a PDF writer):
    when the block ends without an error the file there is synced (when `durable`) and
    renamed to `path`; on an error it is removed and `path` is untouched."""
    target = Path(path)
    descriptor, name = tempfile.mkstemp(
        dir=target.parent if str(target.parent) else ".",
        prefix=f".{target.name}.",
        suffix=".part",
    )
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        if durable:
            _sync(temporary)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if durable:
        _sync_folder(target.parent)


def _sync(path: Path) -> None:
    with path.open("rb+") as stream:
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk once the folder is synced (POSIX; not on Windows).
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder if str(folder) else ".", os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _mode_for(target: Path) -> int:
    """The permissions a plain open() would give: the replaced file's, else 0o666 minus the
    umask (mkstemp makes its files private)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
