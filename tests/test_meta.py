"""Filing meta: company, form and fiscal year from XBRL tags, the cover page, the file name."""

from __future__ import annotations

import pytest

from core.read.meta import Meta, dei_value, filing_meta

IXBRL = (
    '<ix:nonNumeric name="dei:DocumentType" contextRef="c-1">10-K</ix:nonNumeric>'
    '<ix:nonNumeric contextRef="c-1" name="dei:EntityRegistrantName" id="f-7">'
    "WELLS FARGO &amp; COMPANY/MN</ix:nonNumeric>"
    '<ix:nonNumeric name="dei:DocumentFiscalYearFocus" id="f-55">2024</ix:nonNumeric>'
)
COVER = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION
FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)
For the fiscal year ended December 31, 1999
MEDICIS PHARMACEUTICAL CORPORATION
(Exact name of registrant as specified in its charter)
"""


@pytest.mark.parametrize(
    ("markup", "text", "path", "expected"),
    [
        # Inline XBRL facts win; entities are unescaped and the state suffix dropped.
        (IXBRL, "FORM 20-F for the fiscal year ended March 31, 2005", "x.htm",
         Meta("Wells Fargo & Company", "10-K", 2024)),
        # An old filing: the cover page says it all.
        ("<html>", COVER, "medicis.html", Meta("Medicis Pharmaceutical Corporation", "10-K", 1999)),
        # A text extract without cover: the form named in the text, the year it names most
        # (the latest on a tie), the company from the file name.
        ("", "x" * 9000 + "this annual report on Form 20-F ... for the fiscal year ended "
         "March 31, 2003 and the fiscal year ended March 31, 2008", "iij-20f-fy2008.txt",
         Meta("IIJ", "20-F", 2008)),
        # The registrant's name on the line of the "(Exact name ...)" caption.
        ("", "FORM 20-F\nLONCOR RESOURCES INC. (Exact Name of Registrant as Specified in Its "
         "Charter)", "l.htm", Meta("Loncor Resources Inc.", "20-F", None)),
        # A 52/53-week year ended in the first days of January is the year before's (SanDisk's
        # fiscal 2009 ended January 3, 2010), on the cover or named in the text.
        ("", COVER.replace("December 31, 1999", "January 3, 2010"), "m.txt",
         Meta("Medicis Pharmaceutical Corporation", "10-K", 2009)),
        ("", "x" * 9000 + "in the fiscal year ended January 3, 2010, sales grew", "sandisk.txt",
         Meta("Sandisk", "", 2009)),
        ("", "for the fiscal year ended January 30, 2010", "target.txt", Meta("Target", "", 2010)),
        # Nothing in the text: the file name gives form and year.
        ("", "Risk factors follow.", "disney_10-K_2018.txt", Meta("Disney", "10-K", 2018)),
        # A first word of four letters or more is a word, not an acronym.
        ("", "Risk factors follow.", "home-health-corp_10-K_1998.txt", Meta("Home", "10-K", 1998)),
        # Nothing anywhere.
        ("", "Risk factors follow.", "report.txt", Meta("Report", "", None)),
    ],
)  # fmt: skip
def test_filing_meta(markup: str, text: str, path: str, expected: Meta) -> None:
    assert filing_meta(markup, text, path) == expected


def test_dei_value_reads_nested_tags_and_is_empty_when_absent() -> None:
    markup = (
        '<ix:nonNumeric name="dei:EntityRegistrantName"><span>Tesla, Inc.</span></ix:nonNumeric>'
    )
    assert dei_value(markup, "EntityRegistrantName") == "Tesla, Inc."
    assert dei_value(markup, "DocumentType") == ""


def test_an_extract_without_its_cover_takes_its_form_from_itself_or_its_name() -> None:
    """A form another filing is cited by ("see the Company's Form 10-Q/A") is not this one's."""
    text = "ITEM 1. BUSINESS\nSee the Company's Form 10-Q/A dated March 31, 1998.\n"
    assert filing_meta(text, text, "acme_10-K_1998.txt").form == "10-K"
    own = text + "This Annual Report on Form 10-K405 contains forward-looking statements.\n"
    assert filing_meta(own, own, "acme_1998.txt").form == "10-K405"
    assert filing_meta(text, text, "acme_1998.txt").form == "10-Q/A"
