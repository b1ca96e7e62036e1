"""Where batch rows go, chunk by chunk, so that a stopped run keeps what it finished.

- `.parquet`: a Parquet dataset, a folder of part files (`part-000001.parquet`, ...) that
  pyarrow, pandas, Polars, DuckDB and Dask read as one table. Each finished row is first
  appended to a journal in the folder (`.journal.jsonl`, one JSON line, flushed), and the
  journal becomes a new part file every PART_ROWS rows and at the end. A killed run loses
  no finished row: the next run turns the journal into a part before it starts.
- `.csv`: one file, a row appended and flushed as each pair finishes. A cut-off last line
  (the process killed mid-write) is dropped when the run resumes. Cells that a spreadsheet
  would run as a formula get a leading "'".

Either way the finished pairs are found again by their (old_path, new_path), so a rerun
skips them. Part files are written whole or not at all (core.output.atomic_path).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from core.batch.jobs import BatchInputError
from core.batch.row import COLUMNS, PairRow, row_values
from core.output import atomic_path, same_file
from core.report.to_csv import FORMULA_STARTS, spreadsheet_safe

# Rows per Parquet part file: large enough that 100,000 pairs make 100 files, small enough
# that the journal (re-read on a resume) stays a few MB.
PART_ROWS = 1000
_JOURNAL = ".journal.jsonl"
_PART_GLOB = "part-*.parquet"
_LIST_SEPARATOR = " | "
_LIST_COLUMNS = frozenset({"added_headings", "removed_headings"})


class RowSink(Protocol):
    def done_keys(self) -> set[tuple[str, str]]: ...
    def write(self, row: PairRow) -> None: ...
    def close(self) -> None: ...


def open_sink(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> RowSink:
    """The sink for `path`, by its suffix (.parquet or .csv), with what an earlier run left
    there already recovered. Raises BatchInputError for another suffix, for a path that
    holds something else, and for a path that is one of the batch's `inputs`."""
    target = Path(path)
    refuse_inputs(target, inputs)
    suffix = target.suffix.lower()
    if suffix == ".parquet":
        return ParquetSink(target)
    if suffix == ".csv":
        return CsvSink(target)
    raise BatchInputError(f"{target.name}: the output must end in .parquet or .csv")


def refuse_inputs(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise BatchInputError when the output `path` is one of the batch's `inputs`."""
    for item in inputs:
        if same_file(path, item):
            raise BatchInputError(f"{path} is an input of the batch; choose another output")


def _schema() -> Any:
    import pyarrow as pa  # noqa: PLC0415 - the batch extra, lazily

    types: dict[str, Any] = {
        "old_fiscal_year": pa.int32(),
        "new_fiscal_year": pa.int32(),
        "cosine": pa.float64(),
        "jaccard": pa.float64(),
        "min_edit": pa.float64(),
        "simple": pa.float64(),
        "seconds": pa.float64(),
        "added_headings": pa.list_(pa.string()),
        "removed_headings": pa.list_(pa.string()),
    }
    text = {"company", "cik", "form", "old_file", "new_file", "old_path", "new_path", "error"}
    return pa.schema(
        [(name, pa.string() if name in text else types.get(name, pa.int32())) for name in COLUMNS]
    )


class ParquetSink:
    """A Parquet dataset folder fed through a journal (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise BatchInputError(
                f"{folder} is a file; a .parquet output is a folder of part files"
            )
        if folder.is_dir() and any(folder.iterdir()) and not self._is_dataset(folder):
            raise BatchInputError(f"{folder} holds files that are not a FactorDiff batch")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._journal_path = folder / _JOURNAL
        self._done = self._read_parts()
        self._recover_journal()
        self._pending: list[PairRow] = []
        self._journal = self._journal_path.open("a", encoding="utf-8")

    @staticmethod
    def _is_dataset(folder: Path) -> bool:
        # Part files, the journal, or only the scan of a run stopped before its first row.
        return any(folder.glob(_PART_GLOB)) or any(folder.glob(".*.jsonl"))

    def done_keys(self) -> set[tuple[str, str]]:
        return set(self._done)

    def write(self, row: PairRow) -> None:
        self._journal.write(json.dumps(row_values(row), ensure_ascii=False) + "\n")
        self._journal.flush()
        self._pending.append(row)
        self._done.add(row.key)
        if len(self._pending) >= PART_ROWS:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._journal.close()
        if self._journal_path.exists() and not self._journal_path.stat().st_size:
            self._journal_path.unlink()

    def _flush(self) -> None:
        if not self._pending:
            return
        self._write_part(self._pending)
        self._pending = []
        self._journal.truncate(0)
        self._journal.seek(0)

    def _read_parts(self) -> set[tuple[str, str]]:
        import pyarrow.parquet as pq  # noqa: PLC0415 - the batch extra, lazily

        done: set[tuple[str, str]] = set()
        for part in sorted(self.folder.glob(_PART_GLOB)):
            _same_columns(self.folder.name, pq.read_schema(part).names)
            table = pq.read_table(part, columns=["old_path", "new_path"])
            done.update(
                zip(*(table.column(name).to_pylist() for name in table.column_names), strict=True)
            )
        return done

    def _recover_journal(self) -> None:
        """Rows a killed run journaled but did not put in a part (all but those already in
        a part, which a run killed between writing a part and emptying its journal has)."""
        if not self._journal_path.exists():
            return
        rows = []
        for line in self._journal_path.read_text(encoding="utf-8").splitlines():
            try:
                values = json.loads(line)
            except json.JSONDecodeError:  # the line being written when the run was killed
                continue
            row = _row_from(values)
            if row is not None and row.key not in self._done:
                rows.append(row)
                self._done.add(row.key)
        if rows:
            self._write_part(rows)
        self._journal_path.unlink()

    def _write_part(self, rows: Sequence[PairRow]) -> None:
        import pyarrow as pa  # noqa: PLC0415 - the batch extra, lazily
        import pyarrow.parquet as pq  # noqa: PLC0415

        schema = _schema()
        columns = {name: [getattr(row, name) for row in rows] for name in COLUMNS}
        table = pa.table(
            {
                name: pa.array(values, type=schema.field(name).type)
                for name, values in columns.items()
            },
            schema=schema,
        )
        number = 1 + max((_part_number(p) for p in self.folder.glob(_PART_GLOB)), default=0)
        with atomic_path(self.folder / f"part-{number:06d}.parquet") as temporary:
            pq.write_table(table, temporary)


def _same_columns(name: str, columns: Sequence[str]) -> None:
    """Refuse to add rows to an output whose columns are not this version's: its rows would
    not line up (a run started by an earlier FactorDiff, resumed by this one)."""
    if tuple(columns) == COLUMNS:
        return
    missing = [column for column in COLUMNS if column not in columns]
    extra = [column for column in columns if column not in COLUMNS]
    differences = (
        "; ".join(
            part
            for part in (
                f"it has no {', '.join(missing)}" if missing else "",
                f"it has {', '.join(extra)}, which this version does not write" if extra else "",
            )
            if part
        )
        or "its columns are in another order"
    )
    raise BatchInputError(
        f"{name} was written by another version of FactorDiff ({differences}); "
        "write this run to a new output, or finish it with the version that started it"
    )


def _part_number(path: Path) -> int:
    digits = path.stem.removeprefix("part-")
    return int(digits) if digits.isdigit() else 0


def _row_from(values: dict[str, Any]) -> PairRow | None:
    try:
        for name in _LIST_COLUMNS:
            values[name] = tuple(values.get(name) or ())
        return PairRow(**{name: values[name] for name in COLUMNS})
    except (KeyError, TypeError):
        return None


class CsvSink:
    """One CSV file, appended a row at a time (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        if path.is_dir():
            raise BatchInputError(f"{path} is a folder; a .csv output is one file")
        self.path = path
        self._done = self._read_existing() if path.exists() else set()
        new_file = not path.exists() or not path.stat().st_size
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\r\n")
        if new_file:
            self._writer.writerow(COLUMNS)
            self._file.flush()

    def done_keys(self) -> set[tuple[str, str]]:
        return set(self._done)

    def write(self, row: PairRow) -> None:
        self._writer.writerow([_csv_cell(name, value) for name, value in row_values(row).items()])
        self._file.flush()
        self._done.add(row.key)

    def close(self) -> None:
        self._file.close()

    def _read_existing(self) -> set[tuple[str, str]]:
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            # The line being written when the run was killed: its pair runs again.
            with self.path.open("r+b") as stream:
                stream.truncate(data.rfind(b"\n") + 1)
            data = data[: data.rfind(b"\n") + 1]
        reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
        if reader.fieldnames is not None and not {"old_path", "new_path"} <= set(reader.fieldnames):
            raise BatchInputError(f"{self.path.name} is a CSV file but not a FactorDiff batch")
        if reader.fieldnames is not None:
            _same_columns(self.path.name, reader.fieldnames)
        return {(_plain(line["old_path"]), _plain(line["new_path"])) for line in reader}


def _csv_cell(name: str, value: object) -> object:
    if name in _LIST_COLUMNS and isinstance(value, tuple):
        value = _LIST_SEPARATOR.join(" ".join(item.split()) for item in value)
    if value is None:
        return ""
    if isinstance(value, str) and name == "error":
        value = " ".join(value.split())
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _plain(cell: str) -> str:
    """A cell as written before spreadsheet_safe (for the paths of a resumed run)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell
