"""FactorDiff's one entry point.

python main.py                      open the window on the bundled sample filings
python main.py OLD NEW              open the window comparing OLD and NEW
python main.py F1 F2 F3 …           open the timeline of three or more filings of one company
python main.py --selftest           headless check of the whole app (used on the frozen build)
python main.py compare OLD NEW --json OUT.json [--html OUT.html] [--csv OUT.csv] [--pdf OUT.pdf]
python main.py segment FILE --json OUT.json
python main.py timeline F1 F2 … [--json OUT] [--csv OUT] [--html OUT] [--pdf OUT]
python main.py review REVIEW.factordiff   summarise a saved review (compare takes --review too)
python main.py batch INPUT --out results.parquet   many pairs, one row each (cli_batch.py)
"""

from __future__ import annotations

import multiprocessing
import sys

HEADLESS_COMMANDS = ("compare", "segment", "timeline", "review", "batch")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] in HEADLESS_COMMANDS:
        from cli import run_command  # noqa: PLC0415 - headless runs never load Qt

        return run_command(args)
    if "--selftest" in args:
        from gui.selftest import run_selftest  # noqa: PLC0415 - loads Qt only when asked

        return run_selftest()
    from gui.app import run_gui  # noqa: PLC0415 - loads Qt only for the window

    return run_gui(args)


if __name__ == "__main__":
    # The timeline reads filings in worker processes; a frozen build starts them through here.
    multiprocessing.freeze_support()
    sys.exit(main())
