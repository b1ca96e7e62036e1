"""How filings, pairs and statuses are named to a reader, wherever FactorDiff shows them.

The window, the printout, the HTML report and the command line all name a filing by its form
and fiscal year ("20-F FY2008"), list a pair under its headings and number factors "#4"; they
share these functions so the same thing reads the same everywhere.

>>> status_word(Status.SPLIT), change_list_title(Status.ADDED), factor_numbers((0, 3))
('Split', 'Added factors', '#1, #4')

What a moved, split or merged factor says about where it was ("Moved from Legal and
Regulatory Risks (old #18) · 89% changed") is built here too (`pair_caption`,
`status_label`), for the panes, the factor tree, the printout, the HTML report and the JSON.
"""

from __future__ import annotations

import math
from pathlib import Path

from core.model import (
    Comparison,
    Factor,
    Filing,
    MovedPassage,
    Pair,
    Passage,
    PassageKind,
    Similarity,
    Source,
    Status,
)

# The statuses whose pairs a summary lists by name, in the order it lists them.
CHANGE_LISTS: tuple[Status, ...] = (
    Status.ADDED,
    Status.REMOVED,
    Status.MOVED,
    Status.SPLIT,
    Status.MERGED,
)


def status_word(status: Status) -> str:
    """'Added', 'Modified', ... (the status as a capitalised word)."""
    return status.value.capitalize()


def change_list_title(status: Status) -> str:
    """'Added factors': the title of the list of pairs with `status`."""
    return f"{status_word(status)} factors"


def printable(text: str) -> str:
    """`text` safe to write as UTF-8: a file name whose bytes are not UTF-8 reaches Python
    with those bytes as lone surrogates ("\\udcff"), which no encoder accepts; each becomes
    the replacement character U+FFFD.

    >>> printable("iij-\\udcff-2009.txt")
    'iij-\\ufffd-2009.txt'
    """
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def company_name(comparison: Comparison) -> str:
    """The company, as the newer filing names it, else the older ('' when neither does)."""
    return comparison.new.company or comparison.old.company


def form_name(comparison: Comparison) -> str:
    """The form compared ('10-K', '20-F'), as the newer filing gives it, else the older."""
    return comparison.new.form or comparison.old.form


def fiscal_year_label(filing: Filing) -> str:
    """'FY2009', or '' when the fiscal year is not known."""
    return f"FY{filing.fiscal_year}" if filing.fiscal_year is not None else ""


def file_name(filing: Filing) -> str:
    """The name of the filing's file, without its folder."""
    return Path(filing.path).name


def form_and_year(filing: Filing) -> str:
    """'20-F FY2008'; either part alone when the other is not known, '' when neither is."""
    return " ".join(part for part in (filing.form, fiscal_year_label(filing)) if part)


def year_or_file_name(filing: Filing) -> str:
    """'FY2008', or the file's name when the fiscal year is not known."""
    return fiscal_year_label(filing) or file_name(filing)


def pair_factors(comparison: Comparison, pair: Pair) -> tuple[list[Factor], list[Factor]]:
    """The old and the new factors of `pair` (either list is empty for an added or removed
    factor, and holds several for a split or merge). Raises ValueError for a passage pair,
    which holds no factor (see `pair_passages`)."""
    if pair.passage:
        raise ValueError("a passage pair holds no factors: read it with pair_passages")
    old = [comparison.old.factors[index] for index in pair.old_indexes]
    new = [comparison.new.factors[index] for index in pair.new_indexes]
    return old, new


def pair_passages(comparison: Comparison, pair: Pair) -> tuple[list[Passage], list[Passage]]:
    """The old and the new passage of a passage pair (an empty list on the side without one);
    two empty lists for a pair of factors."""
    if not pair.passage:
        return [], []
    old = [comparison.old.passages[index] for index in pair.old_indexes]
    new = [comparison.new.passages[index] for index in pair.new_indexes]
    return old, new


def passage_label(passage: Passage) -> str:
    """What a passage is called wherever it is listed: 'Introduction', 'Closing', or the
    category it opens: 'Risks Related to Our Operations — introduction'.

    >>> passage_label(Passage(PassageKind.CATEGORY, ("Text.",), ("Legal", "Privacy")))
    'Privacy — introduction'
    """
    if passage.kind is PassageKind.CATEGORY and passage.category:
        return f"{passage.category[-1]} — introduction"
    if passage.kind is PassageKind.CLOSING:
        return "Closing"
    return "Introduction"


def listed_headings(comparison: Comparison, pair: Pair) -> str:
    """The headings a summary lists a pair under: the new factors', else the old ones',
    joined by ' / '; a passage pair's label ('Introduction')."""
    if pair.passage:
        old_passages, new_passages = pair_passages(comparison, pair)
        return passage_label((new_passages or old_passages)[0])
    old, new = pair_factors(comparison, pair)
    return " / ".join(factor.heading for factor in new or old)


def passage_changes(comparison: Comparison) -> list[str]:
    """One line per passage pair that changed, in reading order: 'Introduction — modified,
    1 word added, 0 removed'; 'Closing — added, 40 words'."""
    lines = []
    for pair in comparison.pairs:
        if not pair.passage or pair.status is Status.UNCHANGED:
            continue
        label = listed_headings(comparison, pair)
        if pair.status is Status.MODIFIED:
            added = f"{pair.words_added} word{'s' if pair.words_added != 1 else ''}"
            change = f"modified, {added} added, {pair.words_removed} removed"
        else:
            words = pair.words_added + pair.words_removed
            change = f"{pair.status.value}, {words} word{'s' if words != 1 else ''}"
        lines.append(f"{label} — {change}")
    return lines


def passage_counts(comparison: Comparison) -> str:
    """'Text outside the factors: 1 modified, 2 unchanged' ('' when the filings have none)."""
    counts = comparison.summary.passages
    parts = [f"{count} {status.value}" for status, count in counts.items() if count]
    return f"Text outside the factors: {', '.join(parts)}" if parts else ""


def pair_category(comparison: Comparison, pair: Pair) -> tuple[str, ...]:
    """The categories a pair is listed under, outermost first: the new factor's (passage's),
    else the old one's."""
    chosen: list[Factor] | list[Passage]
    if pair.passage:
        old_passages, new_passages = pair_passages(comparison, pair)
        chosen = new_passages or old_passages
    else:
        old, new = pair_factors(comparison, pair)
        chosen = new or old
    return chosen[0].category if chosen else ()


PASSAGE_NUMBERS = "section text"


def factor_numbers(indexes: tuple[int, ...]) -> str:
    """'#1, #4': factors as a reader counts them in their filing (from 1)."""
    return ", ".join(f"#{index + 1}" for index in indexes)


def pair_numbers(pair: Pair) -> str:
    """'old #30 → new #27': where a pair's factors stand in each filing, the one numbering
    every output uses ('old #2 → new —' for a removed factor).

    >>> pair_numbers(Pair(old=29, new=26, status=Status.MOVED))
    'old #30 → new #27'

    A passage pair is numbered by nothing: it reads 'section text'.
    """
    if pair.passage:
        return PASSAGE_NUMBERS
    old = factor_numbers(pair.old_indexes) or "—"
    new = factor_numbers(pair.new_indexes) or "—"
    return f"old {old} → new {new}"


# Which side of a pair a caption is written for (core.diff.sides numbers them the same).
OLD_SIDE, NEW_SIDE = 0, 1


def changed_share(comparison: Comparison, pair: Pair) -> float:
    """The share of the pair's words (both sides together) that its own word diff added or
    removed: (words added + words removed, moved in and out included: Pair.words_changed) /
    (words of the old and new factors, headings included). An added or removed factor is
    wholly changed (1.0), an unchanged one not at all (0.0).
    """
    if pair.status in (Status.ADDED, Status.REMOVED):
        return 1.0
    from core.diff.words import count_words  # noqa: PLC0415 - keeps the diff engine off start-up

    # The changed words are counted the same way (core.diff.words.count_words): like with like.
    if pair.passage:
        old_passages, new_passages = pair_passages(comparison, pair)
        total = sum(count_words(passage.text) for passage in old_passages + new_passages)
    else:
        old, new = pair_factors(comparison, pair)
        total = sum(count_words(factor.heading) + count_words(factor.body) for factor in old + new)
    if total == 0:
        return 0.0
    return min(1.0, pair.words_changed / total)


def changed_words_label(comparison: Comparison, pair: Pair) -> str:
    """'89% changed' for a paired factor whose wording changed, '' when no word did.

    Shown whenever any word was added or removed (a one-word edit reads '<1% changed'): a
    threshold for "heavily" would hide a small rewording of a moved factor, which is
    exactly what a reader checking the move wants to know about.
    """
    if not (pair.old_indexes and pair.new_indexes) or not pair.words_changed:
        return ""
    return f"{percent(changed_share(comparison, pair))} changed"


def status_label(comparison: Comparison, pair: Pair) -> str:
    """'Moved · 89% changed': the status, and for a moved, split or merged factor the share
    of its words that changed ('Moved' alone when its text is the same)."""
    word = status_word(pair.status)
    if pair.status not in (Status.MOVED, Status.SPLIT, Status.MERGED):
        return word
    return " · ".join(part for part in (word, changed_words_label(comparison, pair)) if part)


def move_label(comparison: Comparison, pair: Pair, side: int) -> str:
    """Where a moved factor was (new side) or went (old side): its category there, innermost,
    and its number in that filing; '' for a pair that is not moved.

    'Moved from Legal and Regulatory Risks (old #18)' / 'Moved to Risk Factors Relating to
    Our Business (new #3)' across categories; 'Moved within Legal and Regulatory Risks (from
    old #18)' inside one; 'Moved from old #9' in a filing without categories.
    """
    if pair.status is not Status.MOVED or not (pair.old_indexes and pair.new_indexes):
        return ""
    old, new = pair_factors(comparison, pair)
    if side == NEW_SIDE:
        there, direction, number = old[0].category, "from", f"old #{pair.old_indexes[0] + 1}"
    else:
        there, direction, number = new[0].category, "to", f"new #{pair.new_indexes[0] + 1}"
    if not there:
        return f"Moved {direction} {number}"
    if old[0].category == new[0].category:
        return f"Moved within {there[-1]} ({direction} {number})"
    return f"Moved {direction} {there[-1]} ({number})"


# Said of a pair whose pairing a reviewer set by hand (core.model.Pair.corrected).
REVIEWER_CAPTION = "pairing set by the reviewer"


def pair_caption(comparison: Comparison, pair: Pair, side: int) -> str:
    """The caption over one side of a moved, split or merged pair: where the factor came from
    (new side) or went (old side), and how much of its wording changed; '' for other pairs.

    'Moved from Legal and Regulatory Risks (old #18) · 89% changed', 'Split from old #4',
    'Merged into #7'. A pairing the reviewer set by hand says so, whatever its status:
    'Split from old #4 · pairing set by the reviewer', 'Unpaired: pairing set by the reviewer'.
    """
    old, new = factor_numbers(pair.old_indexes), factor_numbers(pair.new_indexes)
    if pair.status is Status.MOVED:
        where = move_label(comparison, pair, side)
    elif pair.status is Status.SPLIT:
        where = f"Split from old {old}" if side == NEW_SIDE else f"Split into {new}"
    elif pair.status is Status.MERGED:
        where = f"Merged from {old}" if side == NEW_SIDE else f"Merged into {new}"
    else:
        where = ""
    changed = changed_words_label(comparison, pair) if where else ""
    caption = " · ".join(part for part in (where, changed) if part)
    if not pair.corrected:
        return caption
    if caption:
        return f"{caption} · {REVIEWER_CAPTION}"
    if pair.old_indexes and pair.new_indexes:
        return REVIEWER_CAPTION.capitalize()
    return f"Unpaired: {REVIEWER_CAPTION}"


def percent(share: float) -> str:
    """A share as a whole percent that never overstates: '100%' only for exactly 1.0,
    '0%' only for exactly 0.0 (a hair either side reads '99%' / '<1%').

    >>> percent(1.0), percent(0.9996), percent(0.951), percent(0.004), percent(0.0)
    ('100%', '99%', '95%', '<1%', '0%')
    """
    if 0 < share < 0.01:
        return "<1%"
    return f"{math.floor(share * 100 + 1e-9) if share < 1 else 100}%"


def wording_kept(similarity: Similarity) -> str:
    """The section similarity in plain words: 'Wording kept: 95% of words'. The figure is
    the share of words a word-by-word comparison leaves in place (the 'simple' measure)."""
    return f"Wording kept: {percent(similarity.simple)} of words"


def similarity_measures(similarity: Similarity) -> str:
    """The three measures and what each one is, for a tooltip or a report's small print."""
    return (
        f"kept {similarity.simple:.3f}: share of words left in place by a word-by-word "
        "comparison (twice the kept words over all words of both); "
        f"cosine {similarity.cosine:.3f}: how alike the word frequencies are; "
        f"Jaccard {similarity.jaccard:.3f}: distinct words shared over all distinct words. "
        "1.000 means identical (the measures of Cohen, Malloy and Nguyen, “Lazy Prices”)."
    )


def source_label(source: Source) -> str:
    """'Tesla, Inc. (CIK 1318605), 10-K filed 2024-01-29, accession 0001628280-24-002390':
    where on EDGAR a filing came from, for a reader who wants to check it (the URL apart)."""
    filed = f" filed {source.filing_date}" if source.filing_date else ""
    return (
        f"{source.company} (CIK {source.cik}), {source.form}{filed}, accession {source.accession}"
    )


# How much of a heading a moved passage's caption quotes.
_CAPTION_HEADING = 48


def moved_caption(comparison: Comparison, passage: MovedPassage, *, at_old: bool) -> str:
    """What a moved passage says where a reader sees it: at its old place 'moved to new #12
    Supply chain disruptions could…' (the factor it went to, numbered in the new filing), at
    its new place 'moved from old #4 …' (the factor it left); ', edited' when it was reworded
    on the way.

    >>> from core.model import Summary
    >>> old = Filing("a", "", "", 2023, "", (Factor("Costs may rise", ()),))
    >>> new = Filing("b", "", "", 2024, "", (Factor("Costs may rise", ()),
    ...     Factor("Supply chain disruptions could harm our ability to ship products", ())))
    >>> pairs = (Pair(0, 0, Status.MODIFIED), Pair(None, 1, Status.ADDED))
    >>> comparison = Comparison(old, new, pairs, Summary({}, Similarity(1, 1, 1)))
    >>> passage = MovedPassage(0, 0, 10, 1, 0, 10, words=14, similarity=0.9)
    >>> moved_caption(comparison, passage, at_old=True)
    'moved to new #2 Supply chain disruptions could harm our…, edited'
    >>> moved_caption(comparison, passage, at_old=False)
    'moved from old #1 Costs may rise, edited'
    """
    place = comparison.pairs[passage.to_pair if at_old else passage.from_pair]
    edited = ", edited" if passage.similarity < 1 else ""
    if place.passage:  # moved into or out of the introduction, a category's text, the closing
        word = "to" if at_old else "from"
        return f"moved {word} {listed_headings(comparison, place)}{edited}"
    word = "to new" if at_old else "from old"
    indexes = place.new_indexes if at_old else place.old_indexes
    factors = comparison.new.factors if at_old else comparison.old.factors
    heading = shortened(factors[indexes[0]].heading, _CAPTION_HEADING) if indexes else ""
    return f"moved {word} {factor_numbers(indexes[:1])} {heading}".rstrip() + edited


def shortened(text: str, width: int) -> str:
    """`text` cut at a word to at most `width` characters, '…' marking the cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def moved_words_note(pair: Pair) -> str:
    """'12 words moved in, 30 moved out' ('' when none moved)."""
    parts = []
    if pair.words_moved_in:
        parts.append(f"{pair.words_moved_in} words moved in")
    if pair.words_moved_out:
        parts.append(f"{pair.words_moved_out} words moved out")
    if len(parts) == 2:
        parts[1] = parts[1].replace(" words", "")
    return ", ".join(parts)
