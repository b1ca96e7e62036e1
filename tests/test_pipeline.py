"""load_filing end to end: a Filing from a file, progress per stage, cancelling, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import Cancelled, FilingReadError, SectionNotApplicableError
from core.pipeline import LOAD_STEPS, load_filing
from tests.paths import FIXTURES, SAMPLES


def test_iij_sample_becomes_a_filing() -> None:
    filing = load_filing(SAMPLES / "iij-20f-fy2005.txt")
    assert (filing.form, filing.fiscal_year) == ("20-F", 2005)
    assert filing.section_title.startswith("D. Risk Factors")
    assert len(filing.factors) == 15
    assert filing.factors[0].heading.startswith("We may not maintain our current level")
    assert filing.intro[0].startswith("You should carefully consider")
    assert all(factor.paragraphs for factor in filing.factors)


def test_offsets_point_into_the_document_text() -> None:
    from core.read.document import read_document

    path = SAMPLES / "iij-20f-fy2012.txt"
    text = read_document(path).text
    for factor in load_filing(path).factors:
        assert text[factor.start : factor.end].startswith(factor.heading)
        assert text[factor.start : factor.end].endswith(factor.paragraphs[-1])


def test_progress_reports_every_stage_in_order() -> None:
    calls: list[tuple[int, int]] = []
    load_filing(
        SAMPLES / "iij-20f-fy2009.txt", progress=lambda done, total: calls.append((done, total))
    )
    assert {total for _, total in calls} == {LOAD_STEPS}
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[0] == 0 and dones[-1] == LOAD_STEPS
    # reading reports on its own scale, then section, segment and meta once each
    assert len(set(dones)) >= 5


def test_cancelling_in_progress_stops_the_load() -> None:
    def cancel_after_reading(done: int, total: int) -> None:
        if done > 0:
            raise Cancelled("cancelled by the user")

    with pytest.raises(Cancelled):
        load_filing(SAMPLES / "iij-20f-fy2009.txt", progress=cancel_after_reading)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        # Item 1A says only "NOT APPLICABLE".
        ("commonwealth-income-growth-fund-v_10-K_2015.html.gz", SectionNotApplicableError),
        # Item 1A only points to an exhibit that is not in the file.
        ("wellsfargo_10-K_2024.html.gz", SectionNotApplicableError),
    ],
)
def test_sections_without_factors_say_why(name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        load_filing(FIXTURES / "corpus" / name)


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(FilingReadError, match="no such file"):
        load_filing(tmp_path / "annual-report.htm")


def test_inline_xbrl_meta_comes_from_its_tags() -> None:
    filing = load_filing(FIXTURES / "corpus" / "ibm_10-K_2024.html.gz")
    assert (filing.company, filing.form, filing.fiscal_year) == (
        "International Business Machines Corporation",
        "10-K",
        2024,
    )
    assert all(factor.run_in for factor in filing.factors)
