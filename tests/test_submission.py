"""EDGAR full-submission files and the forms an annual report comes in.

Each case wraps a real fixture filing (tests/fixtures/older, corpus, gold) in a submission as
EDGAR serves it (tests/submission_variants.py): SGML header, the report as the first
<DOCUMENT>, exhibits (one with a risk section of its own) and a uuencoded graphic; text
reports typed out with <PAGE> breaks, page numbers and running headers.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from core.errors import FilingReadError, NoMaterialChangesError, SectionNotFoundError
from core.model import Filing
from core.pipeline import load_filing
from core.read.document import read_document
from core.read.submission import is_submission, read_submission, report_form
from scripts import evaluate
from tests.paths import FIXTURES
from tests.submission_variants import Filer, paginated, submission, uuencoded

OLDER = FIXTURES / "older"


def lines_of(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")


def gold(path: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(path.read_text("utf-8"))
    return loaded


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_matches_gold(filing: Filing, labels: dict[str, object]) -> None:
    headings, category, body = evaluate.score_filing(filing, labels)
    assert headings.f1 == 1.0, [factor.heading for factor in filing.factors]
    assert category == 1.0
    assert body in (None, 1.0)


def typed_submission(stem: str, *, form: str, filer: Filer, report_type: str | None = None) -> str:
    paragraphs = [line for line in lines_of(OLDER / f"{stem}.txt.gz") if line.strip()]
    report = paginated(paragraphs, running_header=filer.company)
    return submission(report, form=form, filer=filer, report_type=report_type)


PHYMATRIX = Filer(company="PHYMATRIX CORP", cik="0000934648", period="19990131", filed="19990430")


def test_text_report_read_from_its_submission_with_header_facts(tmp_path: Path) -> None:
    """A 10-K405 typed out in 1999: the report part only, its factors as in the bare text,
    company / form / year / CIK from the SGML header."""
    path = write(
        tmp_path,
        "0000950109-99-001234.txt",
        typed_submission("phymatrix_10-K_1999", form="10-K405", filer=PHYMATRIX),
    )
    filing = load_filing(path)
    assert_matches_gold(filing, gold(OLDER / "phymatrix_10-K_1999.json"))
    assert (filing.company, filing.form, filing.fiscal_year) == ("Phymatrix Corp", "10-K405", 1999)
    assert filing.section_title == "FACTORS TO BE CONSIDERED"
    assert filing.cik == "934648"
    document = read_document(path)
    assert document.submission is not None and document.submission.cik == "0000934648"
    text = document.text
    # Exhibits, the graphic, SGML tags and page furniture are not in the report.
    for absent in (
        "EXHIBIT RISK ONE",
        "SUBSIDIARIES OF THE REGISTRANT",
        "begin 644",
        "<PAGE>",
        "<TYPE>",
        "CONFORMED SUBMISSION TYPE",
        "<MULTIPLIER>",
    ):
        assert absent not in text
    assert not any(block.text == "PHYMATRIX CORP" for block in document.blocks)
    assert not any(block.text.isdigit() for block in document.blocks)


def test_page_breaks_mid_sentence_are_mended(tmp_path: Path) -> None:
    """Pages break every 20 lines, inside sentences: bodies still read through."""
    paragraphs = [line for line in lines_of(OLDER / "phymatrix_10-K_1999.txt.gz") if line.strip()]
    report = paginated(paragraphs, running_header="PHYMATRIX CORP", lines_per_page=20)
    path = write(tmp_path, "phymatrix.txt", submission(report, form="10-K", filer=PHYMATRIX))
    filing = load_filing(path)
    bare = load_filing(OLDER / "phymatrix_10-K_1999.txt.gz")
    assert [f.heading for f in filing.factors] == [f.heading for f in bare.factors]
    assert [" ".join(f.paragraphs) for f in filing.factors] == [
        " ".join(f.paragraphs) for f in bare.factors
    ]


def test_html_report_in_its_submission(tmp_path: Path) -> None:
    """Medicis' 1999 HTML 10-K (old <FONT>/<B> markup) with <PAGE> markers, inside a
    submission whose header comes before the <HTML>."""
    html = gzip.decompress((FIXTURES / "corpus" / "medicis_10-K_1999.html.gz").read_bytes())
    report = html.decode("utf-8", errors="replace").replace("<!-- PAGEBREAK -->", "<PAGE>")
    filer = Filer(
        company="MEDICIS PHARMACEUTICAL CORP",
        cik="0000859368",
        period="19990630",
        filed="19990928",
        fiscal_year_end="0630",
    )
    path = write(tmp_path, "medicis.txt", submission(report, form="10-K", filer=filer))
    filing = load_filing(path)
    assert_matches_gold(filing, gold(FIXTURES / "gold" / "medicis_10-K_1999.json"))
    assert (filing.company, filing.form, filing.fiscal_year) == (
        "Medicis Pharmaceutical Corp",
        "10-K",
        1999,
    )
    assert "EXHIBIT RISK ONE" not in read_document(path).text
    # <PAGE> breaks pages as the original's PAGEBREAK comments did: the same factor bodies.
    bare = load_filing(FIXTURES / "corpus" / "medicis_10-K_1999.html.gz")
    assert [f.paragraphs for f in filing.factors] == [f.paragraphs for f in bare.factors]


@pytest.mark.parametrize(
    ("stem", "form", "title"),
    [
        # 10-KSB: the risks sit in "Item 1. Description of Business".
        ("entrada-networks_10-K_2001", "10-KSB", "Risk Factors"),
        # 10-KT, a transition report; ALL-CAPS headings in Item 7.
        ("innovative-clinical-solutions_10-K_2000", "10-KT", "FACTORS TO BE CONSIDERED"),
        # 10-K405; run-in headings ending in "." inside Item 7.
        ("home-health-corp_10-K_1998", "10-K405", "FORWARD OUTLOOK AND RISKS"),
    ],
)
def test_annual_report_forms(tmp_path: Path, stem: str, form: str, title: str) -> None:
    filer = Filer(
        company="EXAMPLE FILER INC", cik="0001000045", period="20000131", filed="20000428"
    )
    path = write(tmp_path, f"{stem}.txt", typed_submission(stem, form=form, filer=filer))
    filing = load_filing(path)
    assert filing.form == form
    assert filing.section_title == title
    assert_matches_gold(filing, gold(OLDER / f"{stem}.json"))


def test_amendment_restating_only_part_iii_says_so(tmp_path: Path) -> None:
    lines = lines_of(OLDER / "communications-power-industries_10-K_2002.txt.gz")
    part_iii = [line for line in lines[lines.index("PART III") :] if line.strip()]
    cover = [
        "FORM 10-K/A",
        "Amendment No. 1",
        "This amendment adds the Part III information omitted from the annual report.",
    ]
    filer = Filer(
        company="COMMUNICATIONS & POWER INDUSTRIES INC",
        cik="0000944447",
        period="20020927",
        filed="20030127",
        fiscal_year_end="0930",
    )
    report = paginated([*cover, *part_iii], running_header="CPI")
    path = write(tmp_path, "cpi_10-KA.txt", submission(report, form="10-K/A", filer=filer))
    with pytest.raises(
        SectionNotFoundError, match=r"amendment \(10-K/A\) that restates only Part III"
    ):
        load_filing(path)


def test_20_f_amendment(tmp_path: Path) -> None:
    html = gzip.decompress((FIXTURES / "corpus" / "aegon_20-F_2000.html.gz").read_bytes())
    filer = Filer(company="AEGON NV", cik="0000769218", period="20001231", filed="20010629")
    report = html.decode("utf-8", errors="replace")
    path = write(tmp_path, "aegon.txt", submission(report, form="20-F/A", filer=filer))
    filing = load_filing(path)
    assert (filing.company, filing.form, filing.fiscal_year) == ("Aegon Nv", "20-F/A", 2000)
    assert_matches_gold(filing, gold(FIXTURES / "gold" / "aegon_20-F_2000.json"))


QUARTER = [
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION",
    "FORM 10-Q",
    "QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
    "For the quarterly period ended March 31, 2010",
    "PART I. FINANCIAL INFORMATION",
    "Item 1. Financial Statements",
    "The condensed consolidated financial statements are set out below.",
    "Item 2. Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "Revenue rose by 4% in the quarter on higher launch processing volume.",
    "PART II. OTHER INFORMATION",
    "Item 1. Legal Proceedings",
    "None.",
]
QUARTER_END = [
    "Item 2. Unregistered Sales of Equity Securities and Use of Proceeds",
    "None.",
    "Item 6. Exhibits",
    "31.1 Certification of the Chief Executive Officer.",
]
NO_CHANGES = (
    "There have been no material changes to the risk factors disclosed in Item 1A. Risk "
    "Factors of our Annual Report on Form 10-K for the fiscal year ended June 30, 2009."
)
ASTROTECH = Filer(
    company="ASTROTECH CORP \\WA\\",
    cik="0000887151",
    period="20100331",
    filed="20100514",
    fiscal_year_end="0630",
)


def test_quarterly_report_with_no_material_changes_says_so(tmp_path: Path) -> None:
    report = paginated(
        [*QUARTER, "Item 1A. Risk Factors", NO_CHANGES, *QUARTER_END], running_header="ASTROTECH"
    )
    path = write(tmp_path, "astrotech_10-Q.txt", submission(report, form="10-Q", filer=ASTROTECH))
    with pytest.raises(NoMaterialChangesError, match="reports no material changes") as raised:
        load_filing(path)
    assert "There have been no material changes" in raised.value.section_text


def test_quarterly_report_with_updated_risk_factors(tmp_path: Path) -> None:
    """A 10-Q whose Part II Item 1A restates the risks (Astrotech's, from its 10-K)."""
    lines = lines_of(OLDER / "astrotech_10-K_2010.txt.gz")
    risks = [line for line in lines[84:134] if line.strip()]
    report = paginated(
        [*QUARTER, "Item 1A. Risk Factors", *risks, *QUARTER_END], running_header="ASTROTECH"
    )
    path = write(tmp_path, "astrotech_10-Q.txt", submission(report, form="10-Q", filer=ASTROTECH))
    filing = load_filing(path)
    bare = load_filing(OLDER / "astrotech_10-K_2010.txt.gz")
    assert filing.form == "10-Q"
    assert filing.company == "Astrotech Corp"
    assert [f.heading for f in filing.factors] == [f.heading for f in bare.factors]


def test_submission_without_a_report_part_is_refused(tmp_path: Path) -> None:
    text = submission("exhibit text", form="10-K", filer=PHYMATRIX, report_type="EX-99")
    path = write(tmp_path, "exhibits.txt", text.replace("<TYPE>10-K\n", "<TYPE>EX-99\n"))
    text = path.read_text()
    path.write_text(
        text.replace("CONFORMED SUBMISSION TYPE:\t10-K", "CONFORMED SUBMISSION TYPE:\t8-K")
    )
    with pytest.raises(FilingReadError, match="none of its parts is an annual or quarterly report"):
        read_document(path)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("10-K", "10-K"),
        ("10-K405", "10-K405"),
        ("10-KSB", "10-KSB"),
        ("10-KT", "10-KT"),
        ("10-K/A", "10-K/A"),
        ("20-F/A", "20-F/A"),
        ("10-Q", "10-Q"),
        ("ex-13", ""),  # an exhibit
        ("GRAPHIC", ""),
        ("10-K405/A", "10-K405/A"),
    ],
)
def test_report_forms(kind: str, expected: str) -> None:
    assert report_form(kind) == expected


def test_uuencoded_lines_inside_the_report_are_dropped() -> None:
    image = uuencoded("chart.gif", bytes(range(256)))
    text = (
        "<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t10-K\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nItem 1. Business\n{image}\nWe make tubes.\n"
        "</TEXT>\n</DOCUMENT>\n"
    )
    part = read_submission(text, "x.txt")
    assert "begin 644" not in part.text and "chart.gif" not in part.text
    assert "We make tubes." in part.text


def test_only_a_file_that_opens_with_a_header_is_a_submission() -> None:
    assert is_submission("\ufeff<SEC-DOCUMENT>0000950109-99-001234.txt : 19990430\n")
    assert is_submission("<IMS-DOCUMENT>0000950109-96-001234.txt\n<IMS-HEADER>\n")
    assert not is_submission("Item 1A. Risk Factors\nSee the <SEC-HEADER> of the filing.")


def test_page_markers_in_an_html_report_are_page_breaks() -> None:
    text = (
        "<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t10-K\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>10-K\n<TEXT>\n<HTML><BODY><P>Our costs may rise and</P>\n<PAGE>\n"
        "<P>EXAMPLE CORP</P><P>margins may fall.</P></BODY></HTML>\n</TEXT>\n</DOCUMENT>\n"
    )
    part = read_submission(text, "x.txt")
    assert part.is_html
    assert "<PAGE>" not in part.text and part.text.count("<!-- PAGEBREAK -->") == 1
