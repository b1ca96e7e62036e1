"""JSON, CSV and HTML reports of a Comparison."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

from core.align.pairing import align
from core.model import Comparison, Factor, Filing
from core.report.to_csv import COLUMNS, comparison_to_csv
from core.report.to_html import comparison_to_html
from core.report.to_json import comparison_to_json, filing_to_json


def _filing(year: int, *factors: Factor) -> Filing:
    return Filing(
        path=f"/data/acme-{year}.htm",
        company="Acme <Widgets> & Co",
        form="10-K",
        fiscal_year=year,
        section_title="Item 1A. Risk Factors",
        factors=factors,
    )


def _comparison() -> Comparison:
    shared = Factor(
        "Competition could reduce our <margins>.",
        ("Rivals cut prices by 5% in 2023.", "We compete on quality."),
        category=("Market Risks",),
        start=100,
        end=300,
    )
    changed = Factor(shared.heading, ("Rivals cut prices by 7% in 2024.", "We compete on quality."))
    gone = Factor("Earthquakes may damage plants.", ("A quake near Tokyo could stop output.",))
    fresh = Factor("Cyber attacks may leak data.", ("Hackers could steal customer records.",))
    old = _filing(2023, shared, gone)
    new = _filing(2024, changed, fresh)
    return align(old, new)


def test_json_follows_the_contract() -> None:
    report = comparison_to_json(_comparison())
    # `warnings` (a truncated filing, a guessed encoding), `moved_passages` and
    # `passage_pairs` (the introduction, category texts and closing) were added: keys are
    # only ever added.
    assert set(report) == {
        "old",
        "new",
        "pairs",
        "passage_pairs",
        "summary",
        "warnings",
        "moved_passages",
    }
    assert report["moved_passages"] == []
    assert report["warnings"] == []
    assert set(report["old"]) == {
        "path",
        "company",
        "form",
        "fiscal_year",
        "factors",
        "passages",
        "warnings",
    }
    assert report["old"]["fiscal_year"] == 2023
    assert set(report["old"]["factors"][0]) == {"heading", "category", "body", "start", "end"}
    assert report["old"]["factors"][0]["category"] == ["Market Risks"]
    assert report["old"]["factors"][0]["body"] == (
        "Rivals cut prices by 5% in 2023.\n\nWe compete on quality."
    )
    assert set(report["pairs"][0]) == {
        "old",
        "new",
        "status",
        "similarity",
        "heading_similarity",
        "words_added",
        "words_removed",
        "changed_share",  # added: the share of the pair's words its diff changed
        "words_moved_in",
        "words_moved_out",
    }
    assert [(p["old"], p["new"], p["status"]) for p in report["pairs"]] == [
        (0, 0, "modified"),
        (1, None, "removed"),
        (None, 1, "added"),
    ]
    summary = report["summary"]
    assert set(summary) == {
        "added",
        "removed",
        "modified",
        "moved",
        "unchanged",
        "split",
        "merged",
        "similarity",
        "moved_passages",
        "words_moved",
        "passages",
    }
    assert set(summary["similarity"]) == {"cosine", "jaccard", "simple"}
    assert json.loads(json.dumps(report)) == report


def test_json_many_side_is_a_list() -> None:
    comparison = _comparison()
    pair = comparison.pairs[0]
    split = type(pair)(old=0, new=(0, 1), status=pair.status)
    report = comparison_to_json(
        Comparison(comparison.old, comparison.new, (split,), comparison.summary)
    )
    assert report["pairs"][0]["new"] == [0, 1]


def test_filing_json_alone() -> None:
    report = filing_to_json(_comparison().new)
    assert report["company"] == "Acme <Widgets> & Co"
    assert [f["heading"] for f in report["factors"]][1] == "Cyber attacks may leak data."


def test_csv_has_one_row_per_pair() -> None:
    comparison = _comparison()
    rows = list(csv.DictReader(io.StringIO(comparison_to_csv(comparison))))
    assert len(rows) == len(comparison.pairs)
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["status"] == "modified"
    assert rows[0]["old_category"] == "Market Risks"
    assert rows[1]["new_index"] == "" and rows[1]["status"] == "removed"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if (values.get("href") or "").startswith("#"):
            self.links.add(str(values["href"])[1:])
        assert tag not in {"script", "link", "img"}, "the report must be self-contained"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_redline() -> None:
    html = comparison_to_html(_comparison())
    parser = _Collector()
    parser.feed(html)
    text = "".join(parser.text)
    # escaped, not markup
    assert "Acme &lt;Widgets&gt; &amp; Co" in html
    assert "<margins>" not in html and "Competition could reduce our <margins>." in text
    # every internal link has a target
    assert parser.links <= parser.ids
    # changed figures are deleted/inserted and emphasised
    assert re.search(r'<del class="figure">5</del>', html)
    assert re.search(r"<ins class=\"figure apart\">7</ins>", html)  # not "57"
    assert re.search(r"<ins class=\"figure( apart)?\">2024</ins>", html)
    # the summary comes before the pairs; added and removed factors are listed
    assert html.index("Summary") < html.index('id="pair-1"')
    assert "Added factors (1)" in html and "Removed factors (1)" in html
    assert "prefers-color-scheme: dark" in html and "@media print" in html


def test_html_split_pair_shows_every_heading() -> None:
    whole = Factor(
        "Prices and rivals may hurt margins.",
        (
            "Large carriers such as NTT and KDDI cut prices for connectivity services "
            "aggressively and price competition may reduce our margins in Japan.",
            "Systems integrators with greater financial resources bid for the same "
            "customers and may win the largest outsourcing contracts from us.",
        ),
    )
    first = Factor("Carriers may cut prices.", whole.paragraphs[:1])
    second = Factor("Integrators are strong competitors.", whole.paragraphs[1:])
    comparison = align(_filing(2023, whole), _filing(2024, first, second))
    assert [(p.old, p.new) for p in comparison.pairs] == [(0, (0, 1))]
    html = comparison_to_html(comparison)
    assert "Split factors (1)" in html
    assert "Carriers may cut prices. / Integrators are strong competitors." in html
    assert comparison_to_csv(comparison).splitlines()[1].startswith("split,0,0;1,")
