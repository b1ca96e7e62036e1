"""Finding the Risk Factors section: real filings against the gold labels, and made-up cases."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from core.errors import SectionNotApplicableError, SectionNotFoundError
from core.model import Document, Section
from core.read.document import read_document
from core.read.section import find_section
from tests.paths import FIXTURES, SAMPLES

CORPUS = FIXTURES / "corpus"
GOLD = FIXTURES / "gold"


def _words(text: str) -> str:
    """Text compared the way the gold labels were written: no bullets, plain quotes."""
    text = re.sub(r"[\u2022\u00b7\u25e6]", " ", text).replace("\u2019", "'")
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split()).lower()


@pytest.fixture(scope="module")
def section_of() -> Callable[[Path], tuple[Document, Section]]:
    cache: dict[Path, tuple[Document, Section]] = {}

    def read(path: Path) -> tuple[Document, Section]:
        if path not in cache:
            document = read_document(path)
            cache[path] = (document, find_section(document))
        return cache[path]

    return read


_FILINGS = [
    # 10-K, Workiva inline XBRL; bold green categories; "Table of Contents" links inside
    "nvidia_10-K_2023.html.gz",
    "nvidia_10-K_2024.html.gz",
    # 10-K, bold+italic factors
    "tesla_10-K_2023.html.gz",
    # 10-K, run-in italic headings; title ends in a colon
    "ibm_10-K_2023.html.gz",
    # 10-K, running header "ITEM 1A. RISK FACTORS" on every page, highlights table first
    "mastercard_10-K_2023.html.gz",
    # 10-K, 4 MB
    "cocacola_10-K_2024.html.gz",
    # 20-F, "D." and "Risk Factors" in two table cells
    "loncor_20-F_2015.html.gz",
    "plymouth-rock-technologies_20-F_2020.html.gz",
    # 20-F, typewritten text in one <div>, dash-underlined "Risk factors" inside Item 3
    "aegon_20-F_2000.html.gz",
    # 10-K, old <B>/<I> markup
    "gainsco_10-K_2009.html.gz",
    # 10-K before Item 1A existed: "Additional Factors That May Affect Future Results"
    "medicis_10-K_1999.html.gz",
    # text, one paragraph per line
    "disney_10-K_2016.txt.gz",
    "disney_10-K_2018.txt.gz",
]


@pytest.mark.parametrize("name", _FILINGS)
def test_section_matches_gold(
    section_of: Callable[[Path], tuple[Document, Section]], name: str
) -> None:
    gold = json.loads(
        (GOLD / name.replace(".html.gz", ".json").replace(".txt.gz", ".json")).read_text()
    )
    document, section = section_of(CORPUS / name)
    text = _words(" ".join(block.text for block in section.blocks))
    assert section.title == gold["section"]["title"]
    assert text.startswith(_words(gold["section"]["first_words"]))
    assert text.endswith(_words(gold["section"]["last_words"]))
    for factor in gold["factors"]:
        assert _words(factor["heading"]) in text
    assert "table of contents" not in text
    assert document.text[section.start : section.end].startswith(section.blocks[0].text)


@pytest.mark.parametrize("year", ["2005", "2008", "2009", "2012"])
def test_iij_truncated_extracts_run_to_the_end(
    section_of: Callable[[Path], tuple[Document, Section]], year: str
) -> None:
    gold = json.loads((GOLD / f"iij-20f-fy{year}.json").read_text())
    document, section = section_of(SAMPLES / f"iij-20f-fy{year}.txt")
    text = _words(" ".join(block.text for block in section.blocks))
    assert section.title == gold["section"]["title"]
    assert all(_words(factor["heading"]) in text for factor in gold["factors"])
    assert section.blocks[-1] == document.blocks[-1]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        # Item 1A: "NOT APPLICABLE"
        ("commonwealth-income-growth-fund-v_10-K_2015.html.gz", "does not apply"),
        # Item 1A only points to the annual report exhibit
        ("wellsfargo_10-K_2024.html.gz", "only refers to another document"),
    ],
)
def test_sections_without_factors_raise_not_applicable(name: str, says: str) -> None:
    document = read_document(CORPUS / name)
    with pytest.raises(SectionNotApplicableError, match=says) as error:
        find_section(document)
    assert name in str(error.value)
    assert error.value.section_text


def _document(tmp_path: Path, paragraphs: list[str]) -> Document:
    path = tmp_path / "annual-report.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return read_document(path)


_BODY = "We may lose customers to competitors with greater resources than ours. " * 5


@pytest.mark.parametrize(
    ("paragraphs", "title", "first"),
    [
        # table of contents entries come first and are followed at once by the next item
        (["Item 1A. Risk Factors 12", "Item 1B. Unresolved Staff Comments 20", "PART I",
          "Item 1A. Risk Factors", "Competition may hurt us.", _BODY,
          "Item 1B. Unresolved Staff Comments", "None."],
         "Item 1A. Risk Factors", "Competition may hurt us."),
        # an in-text reference is not a heading
        (["Forward-looking statements are discussed in Item 1A. Risk Factors of this report.",
          "ITEM 1A - RISK FACTORS", _BODY, "ITEM 2. PROPERTIES", "We lease offices."],
         "ITEM 1A - RISK FACTORS", _BODY.strip()),
        # 20-F item 3.D ends at Item 4
        (["Item 3. Key Information", "D. Risk Factors", _BODY, "Item 4. The Company"],
         "D. Risk Factors", _BODY.strip()),
        # spacing and brackets vary
        (["ITEM 1 (A). RISK FACTORS", _BODY, "ITEM 1 B. UNRESOLVED STAFF COMMENTS", "None."],
         "ITEM 1 (A). RISK FACTORS", _BODY.strip()),
        (["Item 1A\u2014\u201cRisk Factors\u201d", _BODY, "Item 1C. Cybersecurity", _BODY],
         "Item 1A\u2014\u201cRisk Factors\u201d", _BODY.strip()),
        # a 10-K keeps going past a lettered paragraph and a "(continued)" heading
        (["Item 1 (A). Risk Factors", _BODY, "E. Competition", _BODY,
          "Item 1A. Risk Factors (continued)", _BODY, "Item 2. Properties"],
         "Item 1 (A). Risk Factors", _BODY.strip()),
        # the title split over two blocks
        (["Item 1A.", "Risk Factors", _BODY, "Item 2.", "Properties"],
         "Item 1A. Risk Factors", _BODY.strip()),
        # the heading run into its first paragraph
        (["Item 1A. Risk Factors 9", "Item 2. Properties 20",
          "ITEM 1A. RISK FACTORS. You should consider these risks.", _BODY, "ITEM 2. PROPERTIES"],
         "ITEM 1A. RISK FACTORS", "You should consider these risks."),
        # an old title inside Item 1
        (["Item 1. Business", "We sell drugs.", "Factors That May Affect Future Results", _BODY,
          "Item 2. Properties"],
         "Factors That May Affect Future Results", _BODY.strip()),
    ],
)  # fmt: skip
def test_section_heading_and_end(
    tmp_path: Path, paragraphs: list[str], title: str, first: str
) -> None:
    section = find_section(_document(tmp_path, paragraphs))
    assert section.title == title
    assert section.blocks[0].text == first
    next_items = ("item 1b", "item 1 b", "item 1c", "item 2", "item 4")
    assert not any(block.text.lower().startswith(next_items) for block in section.blocks)
    document_text = _document(tmp_path, paragraphs).text
    assert all(document_text[b.start : b.end] == b.text for b in section.blocks)


def test_bare_heading_is_used_when_item_1a_is_only_in_the_contents(tmp_path: Path) -> None:
    paragraphs = ["Item 1A. Risk Factors 12", "Item 2. Properties 20", "Item 1. Business", _BODY]
    paragraphs += ["RISK FACTORS", _BODY, "Item 2. Properties", "We lease offices."]
    section = find_section(_document(tmp_path, paragraphs))
    assert (section.title, [b.text for b in section.blocks]) == ("RISK FACTORS", [_BODY.strip()])


def test_reference_to_risk_factors_later_in_the_same_file_is_followed(tmp_path: Path) -> None:
    paragraphs = ["Item 1A. Risk Factors", "The information required by this item is incorporated "
                  "by reference to Risk Factors in the Annual Report to Shareholders (Exhibit 13).",
                  "Item 1B. Unresolved Staff Comments", "None.", "Exhibit 13", "Risk Factors",
                  *[_BODY] * 6, "PART II", "Item 5. Market for the Common Equity"]  # fmt: skip
    section = find_section(_document(tmp_path, paragraphs))
    assert section.title == "Risk Factors"
    assert [b.text for b in section.blocks] == [_BODY.strip()] * 6


def test_without_item_1a_the_longest_older_title_wins(tmp_path: Path) -> None:
    paragraphs = ["Item 1. Business", "Risk Factors", _BODY * 4, "Item 2. Properties", _BODY,
                  "Item 7. Management's Discussion", "Factors Affecting Future Results",
                  "We refer to the risks in Item 1 and add nothing here of substance at all.",
                  "Item 7A. Market Risk"]  # fmt: skip
    section = find_section(_document(tmp_path, paragraphs))
    assert (section.title, len(section.blocks)) == ("Risk Factors", 1)


def test_a_file_holding_only_the_section_is_the_section(tmp_path: Path) -> None:
    paragraphs = [
        "Competition could hurt us.",
        f"{_BODY} This risk is real.",
        "Our stock price is volatile.",
        "That risk could cost you. Risks exist.",
    ]
    document = _document(tmp_path, paragraphs)
    section = find_section(document)
    assert (section.title, section.blocks) == ("", document.blocks)


def test_item_heading_wins_over_a_bare_risk_factors_heading(tmp_path: Path) -> None:
    paragraphs = ["Risk Factors", _BODY * 3, "Item 1A. Risk Factors", _BODY, "Item 2. Properties"]
    section = find_section(_document(tmp_path, paragraphs))
    assert (section.title, len(section.blocks)) == ("Item 1A. Risk Factors", 1)


def test_a_short_real_section_is_not_taken_for_a_reference(tmp_path: Path) -> None:
    paragraphs = ["Item 1A. Risk Factors", "We depend on one customer.",
                  "If that customer leaves, refer to our cash: we could not pay our staff.",
                  "Item 1B. Unresolved Staff Comments"]  # fmt: skip
    section = find_section(_document(tmp_path, paragraphs))
    assert [b.text for b in section.blocks] == paragraphs[1:3]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # no such section at all
        ["Item 1. Business", _BODY, "Item 2. Properties", _BODY],
        # prose without any heading or talk of risk
        ["We sell shoes.", _BODY, "Our shops open at nine."],
        # only a table of contents entry
        ["Item 1A. Risk Factors 12", "Item 1B. Unresolved Staff Comments 20", _BODY],
    ],
)
def test_missing_section_raises_naming_the_file(tmp_path: Path, paragraphs: list[str]) -> None:
    with pytest.raises(SectionNotFoundError, match=r"no Item 1A .* found in annual-report\.txt"):
        find_section(_document(tmp_path, paragraphs))


@pytest.mark.parametrize(
    ("paragraphs", "says"),
    [
        # a smaller reporting company
        (["Item 1A. Risk Factors", "Not applicable.", "Item 1B. Unresolved Staff Comments"],
         "does not apply"),
        # a 20-F sub-item
        (["D. Risk Factors", "Not required.", "Item 4. Information on the Company"],
         "does not apply"),
        # incorporated by reference from the annual report to shareholders
        (["Item 1A. Risk Factors", "The information required by this item is incorporated "
          "herein by reference to the section entitled Risk Factors in the 2024 Annual Report.",
          "Item 1B. Unresolved Staff Comments"], "only refers"),
        # a pointer to another item of the same filing that has no such heading
        (["Item 1A. Risk Factors", "See \u201cForward-Looking Statements\u201d in Item 7.",
          "Item 1B. Unresolved Staff Comments"], "only refers"),
    ],
)  # fmt: skip
def test_not_applicable_and_reference_only_sections(
    tmp_path: Path, paragraphs: list[str], says: str
) -> None:
    with pytest.raises(SectionNotApplicableError, match=says):
        find_section(_document(tmp_path, paragraphs))
