"""How much of a pair changed, in the words the factor tree and the timeline show it: the share
of its words added or removed (core.report.labels.changed_share) as '12%' or '<1%', or 'punct.'
when only punctuation or symbols changed.

>>> share_text(0.123), share_text(0.004), share_text(0.0, signs=True)
('12%', '<1%', 'punct.')
"""

from __future__ import annotations

from core.diff.options import EXACT, DiffOptions
from core.diff.pair import pair_diff
from core.model import Comparison, Pair, Status
from core.report.labels import listed_headings, pair_factors, percent


def signs_only(comparison: Comparison, pair: Pair, *, options: DiffOptions = EXACT) -> bool:
    """True for a paired factor with no word added or removed whose text still changed in a
    way the panes mark under `options`: an inserted "(", an en dash become an em dash. A
    difference the options overlook (View > Ignore ...) is no change here, as in the panes."""
    if pair.status in (Status.UNCHANGED, Status.ADDED, Status.REMOVED):
        return False
    if pair.words_changed:
        return False
    return pair_diff(comparison, pair, options=options).text_changed


SIGNS_ONLY_TEXT = "punct."


def share_text(share: float, *, signs: bool = False) -> str:
    """'12%'; a change under 1% still reads as a change: '<1%'; no word changed but
    punctuation or symbols did (`signs`): 'punct.' rather than a contradicting '0%'. (A
    modified factor with no word added or removed changed only its punctuation or symbols:
    an unchanged one is identical after spacing and quotes.)"""
    if share == 0 and signs:
        return SIGNS_ONLY_TEXT
    return percent(share)  # as the captions print it: "89%" never stands for 88.5%


def pair_heading(comparison: Comparison, pair: Pair) -> str:
    """The heading a pair is listed under: the single side of a split or merge, else the new
    factor's heading, else the old one's; a passage pair's label ("Introduction")."""
    if pair.passage:
        return listed_headings(comparison, pair)
    old, new = pair_factors(comparison, pair)
    if pair.status is Status.SPLIT and old:
        return old[0].heading
    chosen = new or old
    return chosen[0].heading if chosen else ""
