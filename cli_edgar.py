"""The headless EDGAR commands: `fetch` annual reports, and TICKER:YEAR in `compare`.

    python main.py fetch TICKER|CIK|NAME --years 2023 2024 [--form 10-K] --out DIR
    python main.py compare TSLA:2023 TSLA:2024 [--form 10-K] [--json OUT] ...

A filing named TICKER:YEAR (or CIK:YEAR, NAME:YEAR; YEAR the fiscal year) comes from the
per-user cache, or from EDGAR when not cached. Reaching EDGAR needs a contact e-mail, as SEC
asks: --user-agent "Name e-mail" or the FACTORDIFF_USER_AGENT environment variable; without
one nothing is requested and only what is cached opens.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from core.edgar.archive import Edgar, fetch_years, filing_file_name
from core.edgar.client import EdgarClient
from core.edgar.provenance import write_source
from core.edgar.specs import fetch_specs, parse_spec
from core.edgar.submissions import forms_of
from core.output import write_atomically

USER_AGENT_VARIABLE = "FACTORDIFF_USER_AGENT"
FETCH_HELP = "download a company's annual reports from EDGAR"


def add_edgar_options(command: argparse.ArgumentParser) -> None:
    """--form and --user-agent, for every command that may reach EDGAR."""
    command.add_argument(
        "--form",
        default="10-K",
        type=_form,
        help="10-K (with 10-K405, 10-KSB, 10-KT) or 20-F, for TICKER:YEAR; default 10-K",
    )
    command.add_argument(
        "--user-agent",
        metavar="CONTACT",
        help='your name and e-mail for SEC, e.g. "Jane Doe jane@example.com" '
        f"(default: ${USER_AGENT_VARIABLE})",
    )


def add_fetch_arguments(fetch: argparse.ArgumentParser) -> None:
    fetch.add_argument("company", help="ticker, CIK or company name")
    fetch.add_argument("--years", type=int, nargs="+", required=True, help="fiscal years")
    fetch.add_argument("--out", required=True, metavar="DIR", help="folder to save them in")
    add_edgar_options(fetch)


def run_fetch(options: argparse.Namespace) -> None:
    """Save each year's primary document as DIR/company_form_year.html and print its path;
    its source goes beside it (NAME.edgar.json), so opening the copy later still names it."""
    for target in save_years(options, options.company, options.years, Path(options.out)):
        print(target)


def save_years(
    options: argparse.Namespace, company: str, years: list[int], folder: Path
) -> list[Path]:
    """Save `company`'s annual reports for `years` in `folder` (named company_form_year, with
    their source beside them) and return their paths; downloads come from the cache when
    they are there. `options` holds --form and --user-agent."""
    downloads = fetch_years(_edgar(options), company, years, form=options.form)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for download in downloads:
        suffix = ".txt" if download.path.suffix.lower() == ".txt" else ".html"
        target = folder / filing_file_name(download.source, suffix)
        write_atomically(target, download.path.read_bytes())
        write_source(target, download.source)
        saved.append(target)
    return saved


def edgar_paths(options: argparse.Namespace, names: list[str]) -> list[str]:
    """`names` with each TICKER:YEAR replaced by the path of that filing (downloaded when not
    cached); file names stay as they are."""
    specs = [parse_spec(name) for name in names]
    wanted = [spec for spec in specs if spec is not None]
    if not wanted:
        return names
    downloads = iter(fetch_specs(_edgar(options), wanted, form=options.form))
    return [
        str(next(downloads).path) if spec else name for spec, name in zip(specs, names, strict=True)
    ]


def _form(text: str) -> str:
    try:
        forms_of(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text.strip().upper()


def _edgar(options: argparse.Namespace) -> Edgar:
    """EDGAR through the per-user cache; the contact is checked when a request is needed."""
    contact = options.user_agent or os.environ.get(USER_AGENT_VARIABLE, "")
    return Edgar(EdgarClient(contact))
