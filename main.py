"""FactorDiff's one entry point.

python main.py                      open the window on the bundled sample filings
python main.py OLD NEW              open the window comparing OLD and NEW
python main.py F1 F2 F3 …           open the timeline of three or more filings of one company
python main.py FILE                 open the window on FILE, waiting for the filing to compare
python main.py --selftest           headless check of the whole app (used on the frozen build)
python main.py --help               this usage (never opens the window)
python main.py compare OLD NEW --json OUT.json [--html OUT.html] [--csv OUT.csv] [--pdf OUT.pdf]
python main.py segment FILE --json OUT.json
python main.py timeline F1 F2 … [--json OUT] [--csv OUT] [--html OUT] [--pdf OUT]
python main.py review REVIEW.factordiff   summarise a saved review (compare takes --review too)
python main.py batch INPUT --out results.parquet   many pairs, one row each (cli_batch.py)
python main.py fetch TSLA --years 2023 2024 --out DIR
python main.py compare TSLA:2023 TSLA:2024 --html OUT.html   (straight from EDGAR)
"""

from __future__ import annotations

import multiprocessing
import sys

HEADLESS_COMMANDS = ("compare", "segment", "timeline", "review", "batch", "fetch")
HELP_OPTIONS = ("-h", "--help")
USAGE = """\
usage: factordiff [OLD NEW | FILE | F1 F2 F3 ...]   open the window (no file: the samples)
       factordiff compare OLD NEW [--json OUT] [--html OUT] [--csv OUT] [--pdf OUT]
                                  [--layout side-by-side|blackline] [--review FILE]
       factordiff segment FILE [--json OUT]
       factordiff timeline F1 F2 ... [--json OUT] [--csv OUT] [--html OUT] [--pdf OUT]
       factordiff review REVIEW.factordiff [--old FILE] [--new FILE]
       factordiff batch INPUT --out RESULTS.parquet|.csv
       factordiff fetch TICKER|CIK --years 2023 2024 [--form 10-K] --out DIR
       factordiff --selftest                       check the installed program headlessly

Compare the Risk Factors sections (10-K Item 1A, 20-F Item 3.D) of annual reports.

Two files: the window compares them, the older fiscal year on the left. One file: the window
shows it and waits for the other (File > Open, or drop it on a pane). Three or more: the
timeline of those years. The commands run without a window; see 'factordiff compare --help'.
OLD and NEW may be TICKER:YEAR (e.g. TSLA:2023): that annual report, from EDGAR.
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] in HEADLESS_COMMANDS:
        from cli import run_command  # noqa: PLC0415 - headless runs never load Qt

        return run_command(args)
    if any(arg in HELP_OPTIONS for arg in args):
        print(USAGE, end="")
        return 0
    if "--selftest" in args:
        from gui.selftest import run_selftest  # noqa: PLC0415 - loads Qt only when asked

        return run_selftest()
    from gui.app import run_gui  # noqa: PLC0415 - loads Qt only for the window

    return run_gui(args)


if __name__ == "__main__":
    # The timeline reads filings in worker processes; a frozen build starts them through here.
    multiprocessing.freeze_support()
    sys.exit(main())
