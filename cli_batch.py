"""The `batch` command: many filing pairs in one run, one row per pair.

    python main.py batch INPUT --out results.parquet|results.csv [--json-dir DIR]
                               [--workers N] [--dask ADDRESS|local] [--ship-bytes]
    python main.py batch FOLDER --edgar TSLA MSFT … --years 2022 2023 2024 [--form 10-K]
                               --out results.csv

INPUT is a folder of filings (paired by company, form and fiscal year) or a CSV of
old,new paths. With --edgar, each company's annual reports for the years are first fetched
from EDGAR (or the per-user cache) into FOLDER, which is then compared as a folder.
Progress goes to stderr: a bar with rate and ETA on a terminal, a plain line
every few seconds otherwise. Ctrl+C stops the run with every finished row saved; the same
command again resumes it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cli_edgar import add_edgar_options, save_years
from core.errors import FactorDiffError, UserAgentMissingError

if TYPE_CHECKING:
    from core.batch.row import PairRow

# How often the plain progress line is printed when stderr is not a terminal (a log file).
PLAIN_EVERY_SECONDS = 10.0
EXTRA_HINT = "the batch command needs the batch extra: pip install 'factordiff[batch]'"


def add_batch_command(commands: Any) -> None:
    """Add `batch` to the subcommands of cli's parser."""
    batch = commands.add_parser("batch", help="compare many filing pairs, one row per pair")
    batch.add_argument("input", help="a folder of filings, or a CSV of old,new paths")
    batch.add_argument(
        "--out", required=True, metavar="OUT", help="results.parquet (a dataset folder) or .csv"
    )
    batch.add_argument("--json-dir", metavar="DIR", help="also write each pair's JSON here")
    batch.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: one per core)"
    )
    batch.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on the Dask scheduler at ADDRESS (tcp://host:8786), or 'local' to start one",
    )
    batch.add_argument(
        "--edgar",
        nargs="+",
        metavar="COMPANY",
        help="tickers, CIKs or names whose annual reports for --years are fetched into INPUT "
        "(a folder) first",
    )
    batch.add_argument("--years", type=int, nargs="+", help="fiscal years, with --edgar")
    add_edgar_options(batch)
    batch.add_argument(
        "--ship-bytes",
        action="store_true",
        help="send the files' bytes with each task (cluster workers without the files)",
    )


def run_batch_command(options: argparse.Namespace) -> None:
    """Run the batch and print where its rows went; raises what cli reports as one line."""
    if options.workers is not None and options.workers < 1:
        raise argparse.ArgumentTypeError("--workers must be 1 or more")
    if options.edgar:
        _fetch_into_folder(options)
    try:
        from core.batch.run import run_batch  # noqa: PLC0415 - keeps `compare` fast

        _check_extra(options)
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(f"{EXTRA_HINT} ({missing.name} is missing)") from None
    scan_bar = _Progress("scanning", "filing", sys.stderr)
    pair_bar = _Progress("comparing", "pair", sys.stderr)
    started = time.monotonic()
    try:
        summary = run_batch(
            options.input,
            options.out,
            workers=options.workers,
            dask=options.dask,
            ship_bytes=options.ship_bytes,
            json_dir=options.json_dir,
            scan_progress=scan_bar.update,
            progress=pair_bar.update,
            on_row=pair_bar.count_row,
        )
    except KeyboardInterrupt:
        pair_bar.close()
        print(
            f"batch: interrupted; {pair_bar.done} rows saved in {options.out} "
            "(run the same command again to resume)",
            file=sys.stderr,
        )
        raise
    finally:
        scan_bar.close()
        pair_bar.close()
    seconds = time.monotonic() - started
    print(
        f"batch: {summary.written} pairs compared ({summary.errors} with an error), "
        f"{summary.skipped} already in {options.out}, in {seconds:.1f} s",
        file=sys.stderr,
    )


def _fetch_into_folder(options: argparse.Namespace) -> None:
    """Download each --edgar company's reports for --years into the INPUT folder. A company
    that cannot be fetched is named on stderr; the others are still compared."""
    if not options.years or len(options.years) < 2:
        raise argparse.ArgumentTypeError("--edgar needs --years with two fiscal years or more")
    folder = Path(options.input)
    if folder.exists() and not folder.is_dir():
        raise argparse.ArgumentTypeError(f"with --edgar, {folder} must be a folder")
    for company in options.edgar:
        try:
            saved = save_years(options, company, options.years, folder)
        except UserAgentMissingError:
            raise  # no company can be fetched without a contact: say so once, do nothing
        except FactorDiffError as error:
            print(f"batch: {company}: {error}", file=sys.stderr)
            continue
        print(f"batch: {company}: {len(saved)} filings in {folder}", file=sys.stderr)


def _check_extra(options: argparse.Namespace) -> None:
    import pyarrow  # noqa: F401, PLC0415 - only to say early that the extra is missing
    import rapidfuzz  # noqa: F401, PLC0415

    if options.dask:
        import distributed  # noqa: F401, PLC0415


class _Progress:
    """A tqdm bar on a terminal, else a plain line every PLAIN_EVERY_SECONDS."""

    def __init__(self, verb: str, unit: str, stream: TextIO) -> None:
        self.verb, self.unit, self.stream = verb, unit, stream
        self.done = self.errors = 0
        self._bar: Any = None
        self._started = self._printed = time.monotonic()
        self._terminal = stream.isatty()

    def update(self, done: int, total: int) -> None:
        if not done:  # the stage starts: its rate and ETA count from here
            self._started = self._printed = time.monotonic()
        self.done = done
        if self._terminal:
            self._update_bar(done, total)
        elif total and (done == total or time.monotonic() - self._printed >= PLAIN_EVERY_SECONDS):
            self._printed = time.monotonic()
            print(self._line(done, total), file=self.stream, flush=True)

    def count_row(self, row: PairRow) -> None:
        self.errors += bool(row.error)
        if self._bar is not None and self.errors:
            self._bar.set_postfix(errors=self.errors, refresh=False)

    def _update_bar(self, done: int, total: int) -> None:
        if self._bar is None:
            try:
                from tqdm import tqdm  # noqa: PLC0415 - the batch extra
            except ModuleNotFoundError:
                self._terminal = False
                return
            self._bar = tqdm(total=total, desc=self.verb, unit=self.unit, file=self.stream)
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()
        if done >= total:  # the stage is over: its bar stays as a line, the next one goes below
            self.close()

    def _line(self, done: int, total: int) -> str:
        elapsed = time.monotonic() - self._started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else None
        parts = [f"batch: {self.verb} {done}/{total} {self.unit}s ({100 * done // total}%)"]
        if self.unit == "pair":
            parts.append(f"{self.errors} errors")
        parts.append(f"{rate:.2f} {self.unit}s/s")
        if eta is not None and done < total:
            parts.append(f"ETA {_duration(eta)}")
        return ", ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{seconds:02d}s"
