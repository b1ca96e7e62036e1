"""A small hand-built Comparison with every status, for the view and printing tests."""

from __future__ import annotations

from core.model import Comparison, Factor, Filing, Pair, Similarity, Status, Summary

LONG = " ".join(["The company faces competition from larger rivals in every market."] * 12)
SHORT = "Competition is intense."


def _factor(heading: str, *paragraphs: str, category: tuple[str, ...] = ()) -> Factor:
    return Factor(heading=heading, paragraphs=paragraphs, category=category)


def make_comparison() -> Comparison:
    """Nine pairs covering every status; bodies of very different lengths."""
    old = Filing(
        path="old.htm",
        company="Example Corp",
        form="10-K",
        fiscal_year=2008,
        section_title="Item 1A. Risk Factors",
        factors=(
            _factor("Old zero unchanged", LONG, category=("Business Risks",)),
            _factor("Old one revenue fell", "Revenue fell 5% in 2008 to $2.2 billion.", SHORT),
            _factor("Old two removed", LONG, LONG),
            _factor("Old three moved", SHORT),
            _factor("Old four split", LONG + " Also suppliers may fail us."),
            _factor("Old five unchanged", SHORT, category=("Legal Risks",)),
            _factor("Old six unchanged", LONG, category=("Legal Risks",)),
        ),
    )
    new = Filing(
        path="new.htm",
        company="Example Corp",
        form="10-K",
        fiscal_year=2009,
        section_title="Item 1A. Risk Factors",
        factors=(
            _factor("Old zero unchanged", LONG, category=("Business Risks",)),
            _factor("New one revenue rose", "Revenue rose 7% in 2009 to $3.1 billion.", LONG),
            _factor("New two added", SHORT),
            _factor("Old three moved", SHORT),
            _factor("New four split first", LONG),
            _factor("New five split second", "Also suppliers may fail us."),
            _factor("Old five unchanged", SHORT, category=("Legal Risks",)),
            _factor("Old six unchanged", LONG, category=("Legal Risks",)),
        ),
    )
    pairs = (
        Pair(0, 0, Status.UNCHANGED, 1.0),
        Pair(1, 1, Status.MODIFIED, 0.6),
        Pair(None, 2, Status.ADDED),
        Pair(2, None, Status.REMOVED),
        Pair(4, (4, 5), Status.SPLIT, 0.9),
        Pair(3, 3, Status.MOVED, 1.0),
        Pair(5, 6, Status.UNCHANGED, 1.0),
        Pair(6, 7, Status.UNCHANGED, 1.0),
    )
    counts = {status: sum(pair.status is status for pair in pairs) for status in Status}
    return Comparison(old, new, pairs, Summary(counts, Similarity(0.9, 0.8, 0.85)))
