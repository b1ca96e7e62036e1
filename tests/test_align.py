"""Alignment of hand-built filings: moves, removals, additions, splits, merges, invariants."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align.pairing import align
from core.diff.pair import pair_diff
from core.diff.sides import joined_text, side_factors
from core.errors import Cancelled
from core.model import Comparison, Factor, Filing, OpKind, Pair, Status
from tests.paths import FIXTURES, SAMPLES

# Eight risk factors about unrelated subjects, each with a distinct vocabulary.
TOPICS = {
    "competition": (
        "We may not be able to compete effectively.",
        "Large carriers such as NTT and KDDI cut prices for connectivity services aggressively. "
        "Price competition may reduce our margins and market share in Japan.",
        "Systems integrators with greater financial resources bid for the same customers.",
    ),
    "earthquake": (
        "Natural disasters could disrupt our data centers.",
        "An earthquake or tsunami near Tokyo could damage our facilities and backbone network. "
        "Power shortages after a disaster may stop our servers for days.",
        "Insurance may not cover the losses from such an event.",
    ),
    "currency": (
        "Exchange rate fluctuations may affect reported results.",
        "Our results are reported in yen while some costs are paid in dollars. "
        "A weaker yen raises the cost of imported routers and leased overseas lines.",
        "Hedging may not offset these movements.",
    ),
    "personnel": (
        "We depend on skilled engineers.",
        "Hiring and retaining qualified engineers is difficult in a tight labour market. "
        "Departures of key staff may delay projects and raise salaries.",
        "Training new employees takes time and money.",
    ),
    "regulation": (
        "New legislation could restrict our business.",
        "Telecommunications law and privacy rules may change. "
        "Regulators could impose fines or require licences we do not hold.",
        "Compliance costs may grow over time.",
    ),
    "shareholder": (
        "Our largest shareholder can influence us.",
        "A major shareholder holds a large stake and may vote on directors and mergers "
        "in ways that differ from the interests of minority holders.",
        "Sales of its shares could depress the stock price.",
    ),
    "security": (
        "Breaches of security could expose customer data.",
        "Hackers may attack our systems, steal confidential information or plant viruses. "
        "A leak would damage our reputation and lead to lawsuits.",
        "Encryption and monitoring may fail to stop new kinds of attacks.",
    ),
    "debt": (
        "Our indebtedness could limit our flexibility.",
        "Loans and lease obligations require interest payments and covenants. "
        "Rising interest rates increase our borrowing costs.",
        "Refinancing may not be available on good terms.",
    ),
}


def factor(topic: str, *, category: tuple[str, ...] = ()) -> Factor:
    heading, *paragraphs = TOPICS[topic]
    return Factor(heading=heading, paragraphs=tuple(paragraphs), category=category)


def filing(*factors: Factor, year: int = 2024) -> Filing:
    return Filing(
        path=f"filing-{year}.txt",
        company="Example Co",
        form="20-F",
        fiscal_year=year,
        section_title="D. Risk Factors",
        factors=tuple(factors),
    )


def statuses(comparison: Comparison) -> list[tuple[object, object, Status]]:
    return [(pair.old, pair.new, pair.status) for pair in comparison.pairs]


def test_identical_filings_are_unchanged() -> None:
    old = filing(*(factor(t) for t in TOPICS))
    comparison = align(old, old)
    assert all(pair.status is Status.UNCHANGED for pair in comparison.pairs)
    assert [pair.old for pair in comparison.pairs] == list(range(len(TOPICS)))
    assert comparison.summary.counts[Status.UNCHANGED] == len(TOPICS)
    assert comparison.summary.similarity.simple == 1.0


def test_whitespace_and_quotes_do_not_count_as_changes() -> None:
    old = filing(Factor("The company\u2019s \u201crisks\u201d.", ("Body  text\nhere.",)))
    new = filing(Factor('The company\'s "risks".', ("Body text here.",)))
    assert statuses(align(old, new)) == [(0, 0, Status.UNCHANGED)]


def test_reorder_is_moved() -> None:
    old = filing(factor("competition"), factor("earthquake"), factor("currency"), factor("debt"))
    new = filing(factor("earthquake"), factor("currency"), factor("debt"), factor("competition"))
    assert statuses(align(old, new)) == [
        (1, 0, Status.UNCHANGED),
        (2, 1, Status.UNCHANGED),
        (3, 2, Status.UNCHANGED),
        (0, 3, Status.MOVED),
    ]


@pytest.mark.parametrize(
    ("order", "moved"),
    [
        pytest.param((1, 0, 2, 3), {1}, id="swapped neighbours: the one brought forward"),
        pytest.param((0, 2, 1, 3), {2}, id="swap further down"),
        pytest.param((3, 0, 1, 2), {3}, id="last brought to the top"),
        pytest.param((1, 2, 3, 0), {0}, id="first sent to the bottom"),
        pytest.param((1, 0, 3, 2), {1, 3}, id="two swaps"),
        pytest.param((2, 0, 1, 3), {2}, id="one place up two places"),
    ],
)
def test_reorder_marks_the_factor_a_reader_sees_moved(
    order: tuple[int, ...], moved: set[int]
) -> None:
    topics = ("competition", "earthquake", "currency", "debt")
    old = filing(*(factor(t) for t in topics))
    new = filing(*(factor(topics[i]) for i in order))
    comparison = align(old, new)
    assert {p.old for p in comparison.pairs if p.status is Status.MOVED} == moved
    assert all(p.status is Status.UNCHANGED for p in comparison.pairs if p.old not in moved)


def test_deleted_factor_is_removed_where_it_stood() -> None:
    old = filing(factor("competition"), factor("earthquake"), factor("currency"))
    new = filing(factor("competition"), factor("currency"))
    assert statuses(align(old, new)) == [
        (0, 0, Status.UNCHANGED),
        (1, None, Status.REMOVED),
        (2, 1, Status.UNCHANGED),
    ]


def test_first_factor_removed_and_new_one_added() -> None:
    old = filing(factor("competition"), factor("earthquake"), factor("currency"))
    new = filing(factor("earthquake"), factor("security"), factor("currency"))
    assert statuses(align(old, new)) == [
        (0, None, Status.REMOVED),
        (1, 0, Status.UNCHANGED),
        (None, 1, Status.ADDED),
        (2, 2, Status.UNCHANGED),
    ]


def test_reworded_factor_is_modified_with_word_counts() -> None:
    old = filing(factor("competition"), factor("debt"))
    heading, first, second = TOPICS["debt"]
    reworded = Factor(heading, (first.replace("Rising", "Higher"), second + " We may default."))
    comparison = align(old, filing(factor("competition"), reworded))
    pair = comparison.pairs[1]
    assert (pair.old, pair.new, pair.status) == (1, 1, Status.MODIFIED)
    assert (pair.words_added, pair.words_removed) == (4, 1)
    assert 0.5 < pair.similarity < 1.0
    assert pair.heading_similarity == 1.0


def test_split_factor() -> None:
    """One old factor whose two halves became two new factors with their own headings."""
    competition = TOPICS["competition"]
    old = filing(factor("earthquake"), factor("competition"), factor("debt"))
    new = filing(
        factor("earthquake"),
        Factor("Carriers may cut prices.", (competition[1],)),
        Factor("Integrators are strong competitors.", (competition[2],)),
        factor("debt"),
    )
    assert statuses(align(old, new)) == [
        (0, 0, Status.UNCHANGED),
        (1, (1, 2), Status.SPLIT),
        (2, 3, Status.UNCHANGED),
    ]


def test_merged_factors() -> None:
    """Two old factors joined into one new factor."""
    earthquake, currency = TOPICS["earthquake"], TOPICS["currency"]
    old = filing(factor("competition"), factor("earthquake"), factor("currency"))
    merged = Factor(
        "Disasters and exchange rates may hurt results.",
        (*earthquake[1:], *currency[1:]),
    )
    new = filing(factor("competition"), merged)
    assert statuses(align(old, new)) == [
        (0, 0, Status.UNCHANGED),
        ((1, 2), 1, Status.MERGED),
    ]


def test_unrelated_new_factor_is_not_a_split() -> None:
    """A new factor that shares only boilerplate with an old one is added, not split off."""
    old = filing(factor("competition"), factor("earthquake"))
    new = filing(factor("competition"), factor("earthquake"), factor("regulation"))
    assert statuses(align(old, new))[-1] == (None, 2, Status.ADDED)


def test_category_change_is_moved_but_renamed_category_is_not() -> None:
    market, legal = ("Market Risks",), ("Legal Risks",)
    old = filing(
        factor("competition", category=market),
        factor("currency", category=market),
        factor("regulation", category=legal),
        factor("shareholder", category=legal),
    )
    renamed = ("Risks Related to Markets",)
    new = filing(
        factor("competition", category=renamed),
        factor("currency", category=legal),
        factor("regulation", category=legal),
        factor("shareholder", category=legal),
    )
    assert [pair.status for pair in align(old, new).pairs] == [
        Status.UNCHANGED,
        Status.MOVED,
        Status.UNCHANGED,
        Status.UNCHANGED,
    ]


def test_factor_left_alone_in_its_category_is_not_moved() -> None:
    """Half of a two-factor category leaves for another; the half that stays did not move."""
    market, legal = ("Market Risks",), ("Legal Risks",)
    old = filing(
        factor("competition", category=market),
        factor("currency", category=market),
        factor("regulation", category=legal),
    )
    new = filing(
        factor("currency", category=market),
        factor("competition", category=legal),
        factor("regulation", category=legal),
    )
    assert statuses(align(old, new)) == [
        (1, 0, Status.UNCHANGED),
        (0, 1, Status.MOVED),
        (2, 2, Status.UNCHANGED),
    ]


def test_empty_filings() -> None:
    empty = filing()
    assert align(empty, empty).pairs == ()
    one = filing(factor("debt"))
    assert statuses(align(empty, one)) == [(None, 0, Status.ADDED)]
    assert statuses(align(one, empty)) == [(0, None, Status.REMOVED)]


def test_pair_texts_and_diff() -> None:
    old = filing(factor("debt"))
    new = filing(Factor("Our debt could limit us.", TOPICS["debt"][1:]))
    comparison = align(old, new)
    pair = comparison.pairs[0]
    old_text, new_text = (joined_text(side_factors(comparison, pair, side)) for side in (0, 1))
    assert old_text.startswith("Our indebtedness") and new_text.startswith("Our debt")
    diff = pair_diff(comparison, pair)
    assert "".join(op.text for op in diff.heading_ops if op.kind is not OpKind.INSERT) == (
        old.factors[0].heading
    )
    assert "".join(op.text for op in diff.body_ops if op.kind is not OpKind.DELETE) == (
        new.factors[0].body
    )
    assert (pair.words_added, pair.words_removed) == (diff.words_added, diff.words_removed)


def test_progress_reaches_total_and_cancels() -> None:
    old = filing(*(factor(t) for t in TOPICS))
    calls: list[tuple[int, int]] = []
    align(old, old, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    def cancel(done: int, total: int) -> None:
        if done > 2:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        align(old, old, progress=cancel)


def _covered(pairs: tuple[Pair, ...], side: str) -> Counter[int]:
    return Counter(k for pair in pairs for k in getattr(pair, f"{side}_indexes"))


_topic_lists = st.lists(st.sampled_from(sorted(TOPICS)), max_size=8)


@settings(max_examples=60, deadline=None)
@given(_topic_lists, _topic_lists, st.floats(0.05, 0.95))
def test_every_factor_in_exactly_one_pair(
    old_topics: list[str], new_topics: list[str], threshold: float
) -> None:
    old = filing(*(factor(t) for t in old_topics))
    new = filing(*(factor(t) for t in new_topics))
    comparison = align(old, new, threshold=threshold)
    assert _covered(comparison.pairs, "old") == Counter(range(len(old_topics)))
    assert _covered(comparison.pairs, "new") == Counter(range(len(new_topics)))
    assert sum(comparison.summary.counts.values()) == len(comparison.pairs)
    new_order = [min(p.new_indexes) for p in comparison.pairs if p.new_indexes]
    assert new_order == sorted(new_order)


def test_iij_samples_end_to_end() -> None:
    """The bundled IIJ FY2008 and FY2009 filings: the same risks, in the same order."""
    from core.compare import compare_files

    comparison = compare_files(
        str(SAMPLES / "iij-20f-fy2008.txt"), str(SAMPLES / "iij-20f-fy2009.txt")
    )
    counts = comparison.summary.counts
    assert counts[Status.ADDED] == counts[Status.REMOVED] == 0
    assert counts[Status.MOVED] == 0
    assert counts[Status.UNCHANGED] >= 2
    assert comparison.summary.similarity.cosine > 0.95
    first = comparison.pairs[0]
    assert (first.old, first.new) == (0, 0)
    assert comparison.old.factors[0].heading == comparison.new.factors[0].heading


def test_gold_pairs_of_ibm_are_found() -> None:
    """IBM 2023 -> 2024 (run-in headings): the gold pairs, one added and one removed factor."""
    gold = json.loads((FIXTURES / "gold" / "pair_ibm_2023_2024.json").read_text())
    from core.compare import compare_files

    corpus = FIXTURES / "corpus"
    comparison = compare_files(
        str(corpus / "ibm_10-K_2023.html.gz"), str(corpus / "ibm_10-K_2024.html.gz")
    )
    found = {(p.old, p.new) for p in comparison.pairs}
    expected = {(old, new) for old, new in gold["pairs"]}
    assert len(found & expected) >= 0.9 * len(expected)


def test_compare_files_progress_and_cancel() -> None:
    from core.compare import compare_files

    old, new = str(SAMPLES / "iij-20f-fy2008.txt"), str(SAMPLES / "iij-20f-fy2009.txt")
    calls: list[tuple[int, int]] = []
    compare_files(old, new, progress=lambda done, total: calls.append((done, total)))
    assert len({total for _, total in calls}) == 1
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]

    def cancel_while_aligning(done: int, total: int) -> None:
        if done > 0.9 * total:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        compare_files(old, new, progress=cancel_while_aligning)
