"""A self-contained HTML redline report of a Comparison.

Summary table first, then lists of added, removed, moved, split and merged factors and of the
changed text outside the factors (links to the pairs), then every pair in display order (the
introduction, category texts and closing among the factors, where they read): status badge,
headings (a passage's label), and the text with
deletions struck through in red and insertions underlined in green; changed figures are bold.
Inline CSS only, light and dark colour schemes, print-friendly. Each status has the letter
and colours it has in the window (core.report.status_style): a stripe down its pair and a badge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from core.diff.pair import pair_diff
from core.diff.passages import moved_ops, pair_spans
from core.diff.sides import pair_texts
from core.model import (
    STATUS_ORDER,
    Comparison,
    DiffOp,
    Factor,
    Filing,
    OpKind,
    Pair,
    Passage,
    Status,
)
from core.report.labels import (
    CHANGE_LISTS,
    NEW_SIDE,
    change_list_title,
    company_name,
    file_name,
    form_and_year,
    listed_headings,
    moved_caption,
    moved_words_note,
    pair_caption,
    pair_category,
    pair_factors,
    pair_numbers,
    pair_passages,
    passage_counts,
    percent,
    printable,
    shortened,
    source_label,
    wording_kept,
)
from core.report.review_text import (
    flagged_pairs,
    mark_line,
    review_signature,
    state_line,
)
from core.report.status_style import (
    DARK_STATUS_COLOURS,
    LIGHT_STATUS_COLOURS,
    STATUS_LETTERS,
    ink_on,
)
from core.review.apply import Reviewed
from core.review.model import Mark
from core.review.progress import review_progress

_BASE_CSS = """
:root { --fg: #1b1b1b; --bg: #ffffff; --muted: #5f6368; --rule: #d0d4d9; --card: #f6f7f9;
  --del-fg: #a4161a; --del-bg: #fde8e8; --ins-fg: #1b6e20; --ins-bg: #e3f6e5;
  --link: #0b57d0; --moved-fg: #3f1d8c; --moved-bg: #ebe3ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --bg: #17191c; --muted: #a0a6ad; --rule: #3a3f45; --card: #22262b;
    --del-fg: #ff8a8a; --del-bg: #4a1f22; --ins-fg: #8be28f; --ins-bg: #1d3b22;
    --link: #8ab4f8; --moved-fg: #d4c2ff; --moved-bg: #3b2a66; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--fg);
  background: var(--bg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
a { color: var(--link); }
.sides { color: var(--muted); margin: 0 0 1rem; }
.warning { background: #fef3c7; color: #5c3d00; border-left: 4px solid #b45309;
  padding: .5rem .8rem; margin: 0 0 1rem; }
table.summary { border-collapse: collapse; margin: .5rem 0 1rem; }
table.summary th, table.summary td { border: 1px solid var(--rule); padding: .25rem .6rem;
  text-align: left; }
table.summary td.number { text-align: right; font-variant-numeric: tabular-nums; }
ul.changes { padding-left: 1.2rem; }
.pair { background: var(--card); border: 1px solid var(--rule); border-radius: 6px;
  padding: .75rem 1rem; margin: 1rem 0; }
.pair h3 { font-size: 1rem; margin: .25rem 0 .5rem; }
.meta { color: var(--muted); font-size: .85rem; }
.category { color: var(--muted); font-size: .85rem; font-style: italic; }
.caption { font-size: .85rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text ul.items { margin: .5em 0; padding-left: 1.6rem; }
.text ul.items li + li { margin-top: .35em; }
del { color: var(--del-fg); background: var(--del-bg); text-decoration: line-through; }
ins { color: var(--ins-fg); background: var(--ins-bg); text-decoration: underline; }
del.same { display: none; }
ins.same { color: inherit; background: none; text-decoration: none; }
/* A change that meets the other kind with no space between ("is" struck, "business" added):
   set apart by a margin, so the words do not read as one; neither text gains a space. */
.apart { margin-left: 0.3em; }
/* A passage moved between factors: its own colour and a dashed underline (not colour alone). */
.moved { color: var(--moved-fg); background: var(--moved-bg);
  text-decoration: underline dashed; }
del.moved, ins.moved { color: var(--moved-fg); background: var(--moved-bg);
  text-decoration: underline dashed; }
blockquote.moved { margin: .3rem 0 .6rem; padding: .3rem .6rem; white-space: pre-wrap; }
.where { color: var(--muted); font-weight: normal; font-size: 0.85em; margin-right: 0.4em; }
.figure { font-weight: 700; outline: 1px solid currentColor; }
.pair { border-left: 4px solid var(--status); }
.badge { display: inline-flex; align-items: center; gap: .35rem; font-size: .75rem;
  font-weight: 600; letter-spacing: .02em; padding: .05rem .5rem .05rem .1rem;
  border-radius: 999px; margin-right: .4rem; vertical-align: middle;
  border: 1.5px solid var(--status); text-transform: uppercase; color: var(--fg); }
.letter { display: inline-block; min-width: 1.25rem; text-align: center; border-radius: 999px;
  background: var(--chip); color: var(--chip-ink); font-weight: 700; }
details summary { cursor: pointer; color: var(--muted); }
.review { border-left: 4px solid var(--rule); padding: .3rem .7rem; margin: .4rem 0 .6rem;
  background: var(--bg); }
.review.flagged { border-left-color: #b45309; }
.review.reviewed { border-left-color: #2e7d32; }
.review .state { font-weight: 600; font-size: .85rem; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0 0; }

@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .pair { break-inside: avoid-page; background: none; }
  h2 { break-after: avoid-page; }
  details > * { display: block; }
  a { color: inherit; text-decoration: none; }
}
"""

_BREAK = "\n\n"  # between paragraphs of the diffed texts


def _status_css() -> str:
    """Each status's colours as CSS variables: `--status` (stripe and badge outline) follows
    the window's light or dark theme; the letter chip keeps the light colour in both, as the
    window's badge icons do."""
    rules = []
    for status in STATUS_ORDER:
        chip = LIGHT_STATUS_COLOURS[status]
        rules.append(
            f".status-{status.value} {{ --status: {LIGHT_STATUS_COLOURS[status]}; "
            f"--chip: {chip}; --chip-ink: {ink_on(chip)}; }}"
        )
    dark = " ".join(
        f".status-{status.value} {{ --status: {DARK_STATUS_COLOURS[status]}; }}"
        for status in STATUS_ORDER
    )
    rules.append(f"@media (prefers-color-scheme: dark) {{ {dark} }}")
    return "\n".join(rules) + "\n"


_CSS = _BASE_CSS + _status_css()


def comparison_to_html(comparison: Comparison) -> str:
    """The whole report as one HTML document (UTF-8, no external resources); the filings'
    warnings stand above the summary."""
    return _report(comparison, None)


def reviewed_to_html(reviewed: Reviewed) -> str:
    """The report of a reviewed comparison: a review section (progress, who and when, the
    flagged pairs with their notes, notes whose factors are gone) above the summary, and each
    pair's state, note and whether a reviewer set its pairing. Notes are the reviewer's
    plain text: escaped, never read as markup."""
    return _report(reviewed.comparison, reviewed)


def _report(comparison: Comparison, reviewed: Reviewed | None) -> str:
    marks = reviewed.marks if reviewed is not None else (None,) * len(comparison.pairs)
    title = f"FactorDiff: {_filing_label(comparison.old)} → {_filing_label(comparison.new)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(_company(comparison))}: Risk Factors compared</h1>",
        _sides(comparison),
        *(f'<p class="warning" role="alert">{escape(text)}</p>' for text in comparison.warnings),
        *(_review(reviewed) if reviewed is not None else ()),
        *_summary(comparison),
        *_change_lists(comparison),
        *_moved_passages(comparison),
        '<h2 id="pairs">All factors and the text around them</h2>',
        *(
            _pair(comparison, number, pair, mark)
            for number, (pair, mark) in enumerate(zip(comparison.pairs, marks, strict=True), 1)
        ),
        "</body>",
        "</html>",
    ]
    # A file name that is not UTF-8 (bytes kept as lone surrogates) cannot be written as is.
    return printable("\n".join(parts) + "\n")


def _company(comparison: Comparison) -> str:
    return company_name(comparison) or "Filings"


def _filing_label(filing: Filing) -> str:
    return form_and_year(filing) or file_name(filing)


def _sides(comparison: Comparison) -> str:
    def side(name: str, filing: Filing) -> str:
        return (
            f"<b>{name}:</b> {escape(_filing_label(filing))} "
            f"(<code>{escape(file_name(filing))}</code>, {len(filing.factors)} factors)"
            + _source(filing)
        )

    return f'<p class="sides">{side("Old", comparison.old)}<br>{side("New", comparison.new)}</p>'


def _source(filing: Filing) -> str:
    """', from EDGAR: Tesla, Inc. (CIK 1318605), 10-K filed …, <a>the document's URL</a>'."""
    source = filing.source
    if source is None:
        return ""
    url = escape(source.url, quote=True)
    # Only web addresses become links (a sidecar file could have been edited by hand).
    web = source.url.startswith(("https://", "http://"))
    link = f' <a href="{url}">{url}</a>' if web else ""
    return f"<br>&nbsp;&nbsp;from EDGAR: {escape(source_label(source))}{link}"


def _review(reviewed: Reviewed) -> Iterable[str]:
    comparison = reviewed.comparison
    progress = review_progress(comparison, reviewed.marks)
    yield '<h2 id="review">Review</h2>'
    yield (
        f'<p class="review-progress"><b>{escape(progress.describe())}</b> · '
        f"{escape(review_signature(reviewed.marks))}</p>"
    )
    corrected = sum(pair.corrected for pair in comparison.pairs)
    if corrected:
        yield f"<p>{corrected} pairing{'s' if corrected != 1 else ''} set by the reviewer</p>"
    flagged = flagged_pairs(reviewed)
    if flagged:
        yield f"<h3>Flagged ({len(flagged)})</h3>"
        yield '<ul class="changes">'
        for index, pair, mark in flagged:
            number = index + 1
            where = f'<span class="where">{escape(pair_numbers(pair))}</span>'
            title = escape(listed_headings(comparison, pair))
            note = f'<div class="note">{escape(mark.note)}</div>' if mark.note else ""
            yield f'<li>{where} <a href="#pair-{number}">{title}</a>{note}</li>'
        yield "</ul>"
    if reviewed.orphans:
        yield "<h3>Notes whose factors are no longer found</h3>"
        yield '<ul class="changes">'
        for mark in reviewed.orphans:
            headings = " / ".join(a.heading for a in (*mark.pair.old, *mark.pair.new))
            yield (
                f"<li>{escape(headings or '(no heading)')}"
                f'<div class="note">{escape(mark_line(mark))}</div></li>'
            )
        yield "</ul>"


def _review_box(mark: Mark) -> str:
    """A pair's state and note ('' for a pair nobody marked or annotated)."""
    state = state_line(mark)
    if not state and not mark.note:
        return ""
    parts = [f'<div class="review {mark.state.value}">']
    if state:
        parts.append(f'<div class="state">{escape(state)}</div>')
    if mark.note:
        parts.append(f'<div class="note">{escape(mark.note)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _summary(comparison: Comparison) -> Iterable[str]:
    counts = comparison.summary.counts
    similarity = comparison.summary.similarity
    yield '<h2 id="summary">Summary</h2>'
    yield '<table class="summary"><tr><th>Status</th><th>Pairs</th></tr>'
    for status in STATUS_ORDER:
        yield (f'<tr><td>{_badge(status)}</td><td class="number">{counts.get(status, 0)}</td></tr>')
    yield "</table>"
    passages = passage_counts(comparison)
    if passages:
        yield f'<p class="passages">{escape(passages)}</p>'
    yield f'<p class="kept"><b>{escape(wording_kept(similarity))}</b></p>'
    yield '<table class="summary"><tr><th>Section similarity</th><th>Value</th></tr>'
    for name, value in (
        ("Kept (words left in place by a word-by-word comparison)", similarity.simple),
        ("Cosine (how alike the word frequencies are)", similarity.cosine),
        ("Jaccard (distinct words shared)", similarity.jaccard),
    ):
        yield f'<tr><td>{name}</td><td class="number">{value:.3f}</td></tr>'
    yield "</table>"


def _change_lists(comparison: Comparison) -> Iterable[str]:
    passages = [
        (number, pair)
        for number, pair in enumerate(comparison.pairs, 1)
        if pair.passage and pair.status is not Status.UNCHANGED
    ]
    if passages:
        yield f"<h2>Changed text outside the factors ({len(passages)})</h2>"
        yield '<ul class="changes">'
        for number, pair in passages:
            title = escape(listed_headings(comparison, pair))
            change = f"{pair.status.value}, +{pair.words_added} / &minus;{pair.words_removed}"
            link = f'<a href="#pair-{number}">{title}</a>'
            yield f'<li>{link} <span class="where">{change} words</span></li>'
        yield "</ul>"
    for status in CHANGE_LISTS:
        numbered = [
            (number, pair)
            for number, pair in enumerate(comparison.pairs, 1)
            if pair.status is status and not pair.passage
        ]
        if not numbered:
            continue
        yield f"<h2>{change_list_title(status)} ({len(numbered)})</h2>"
        yield '<ul class="changes">'
        for number, pair in numbered:
            title = escape(listed_headings(comparison, pair))
            where = f'<span class="where">{escape(pair_numbers(pair))}</span>'
            caption = pair_caption(comparison, pair, NEW_SIDE)
            said = f' <span class="caption">{escape(caption)}</span>' if caption else ""
            yield f'<li>{where} <a href="#pair-{number}">{title}</a>{said}</li>'
        yield "</ul>"


def _moved_passages(comparison: Comparison) -> Iterable[str]:
    """The passages that left one factor for another: where from, where to, how long, and
    the text (as it now reads)."""
    passages = comparison.moved_passages
    if not passages:
        return
    yield f'<h2 id="moved-passages">Moved passages ({len(passages)})</h2>'
    yield '<ul class="changes passages">'
    for number, passage in enumerate(passages, 1):
        edited = "" if passage.similarity == 1 else f", {percent(passage.similarity)} alike"
        _, new_text = pair_texts(comparison, comparison.pairs[passage.to_pair])
        text = new_text[passage.to_start : passage.to_end]
        yield (
            f'<li id="passage-{number}"><span class="where">{passage.words} words{edited}</span> '
            f'<a href="#pair-{passage.from_pair + 1}">'
            f"{escape(moved_caption(comparison, passage, at_old=False))}</a> "
            f'<a href="#pair-{passage.to_pair + 1}">'
            f"{escape(moved_caption(comparison, passage, at_old=True))}</a>"
            f'<blockquote class="moved">{escape(text)}</blockquote></li>'
        )
    yield "</ul>"


def _badge(status: Status) -> str:
    letter = escape(STATUS_LETTERS[status])
    return (
        f'<span class="badge status-{status.value}">'
        f'<span class="letter" aria-hidden="true">{letter}</span>{status.value}</span>'
    )


def _pair(comparison: Comparison, number: int, pair: Pair, mark: Mark | None = None) -> str:
    meta = []
    if pair.old is not None and pair.new is not None:
        meta.append(f"similarity {pair.similarity:.3f}")
    if pair.words_added or pair.words_removed:
        meta.append(f"+{pair.words_added} / &minus;{pair.words_removed} words")
    if moved := moved_words_note(pair):
        meta.append(f'<a href="#moved-passages">{moved}</a>')
    category = pair_category(comparison, pair)
    heading, text = _pair_text(comparison, pair)
    if pair.status is Status.UNCHANGED:
        text = f"<details><summary>Text unchanged</summary>{text}</details>"
    lines = [
        f'<section class="pair status-{pair.status.value}" id="pair-{number}">',
        f'<h3>{_badge(pair.status)}<a class="where" href="#pair-{number}">'
        f"{escape(pair_numbers(pair))}</a> {heading}</h3>",
        f'<div class="meta">{" · ".join(meta)}</div>',
    ]
    if mark is not None:
        lines.append(_review_box(mark))
    if category:
        lines.append(
            f'<div class="category">{" &rsaquo; ".join(escape(name) for name in category)}</div>'
        )
    # Where a moved, split or merged factor was (the new pane's caption); the category line
    # above says where it is now.
    caption = pair_caption(comparison, pair, NEW_SIDE)
    if caption:
        lines.append(f'<div class="caption">{escape(caption)}</div>')
    lines.extend(_passage_notes(comparison, number - 1))
    lines.append(f'<div class="text">{text}</div>')
    lines.append("</section>")
    return "\n".join(lines)


def _passage_notes(comparison: Comparison, index: int) -> Iterable[str]:
    """A line per passage that left this pair or arrived in it, linked to the other place,
    with the passage's opening words."""
    for number, passage in enumerate(comparison.moved_passages, 1):
        for at_old, here, there in (
            (True, passage.from_pair, passage.to_pair),
            (False, passage.to_pair, passage.from_pair),
        ):
            if here != index:
                continue
            old_text, new_text = pair_texts(comparison, comparison.pairs[index])
            text = (
                old_text[passage.from_start : passage.from_end]
                if at_old
                else new_text[passage.to_start : passage.to_end]
            )
            caption = moved_caption(comparison, passage, at_old=at_old)
            yield (
                f'<div class="caption moved-note">&#8618; <a href="#pair-{there + 1}">'
                f"{escape(caption)}</a> ({passage.words} words): "
                f'<span class="moved">{escape(shortened(text, 120))}</span> '
                f'<a class="where" href="#passage-{number}">all moved passages</a></div>'
            )


def _pair_text(comparison: Comparison, pair: Pair) -> tuple[str, str]:
    """The heading and the redline text of a pair, as HTML (a passage pair's label and its
    paragraphs). A passage moved to or from another pair is marked as moved, not deleted or
    inserted."""
    diff = pair_diff(comparison, pair)
    old_spans = pair_spans(comparison, pair, old_side=True)
    new_spans = pair_spans(comparison, pair, old_side=False)
    if pair.passage:
        old_passages, new_passages = pair_passages(comparison, pair)
        old_flags = [flag for p in old_passages for flag in _item_flags(p)]
        new_flags = [flag for p in new_passages for flag in _item_flags(p)]
        body_ops = moved_ops(diff.body_ops, old_spans, new_spans)
        heading = escape(listed_headings(comparison, pair))
        return heading, redline_html(body_ops, old_flags, new_flags)
    old, new = pair_factors(comparison, pair)
    if len(old) == 1 and len(new) == 1:
        heading = _render(moved_ops(diff.heading_ops, old_spans, new_spans))
        body_ops = moved_ops(
            diff.body_ops,
            old_spans,
            new_spans,
            old_at=len(old[0].heading) + len(_BREAK),
            new_at=len(new[0].heading) + len(_BREAK),
        )
        text = redline_html(body_ops, _item_flags(old[0]), _item_flags(new[0]))
    else:
        heading = escape(listed_headings(comparison, pair))
        old_flags = [flag for f in old for flag in (False, *_item_flags(f))]
        new_flags = [flag for f in new for flag in (False, *_item_flags(f))]
        body_ops = moved_ops(diff.body_ops, old_spans, new_spans)
        text = redline_html(body_ops, old_flags, new_flags)
    return heading, text


def _render(ops: Iterable[DiffOp]) -> str:
    parts: list[str] = []
    previous: tuple[OpKind, str] | None = None
    for op in ops:
        parts.append(_op_html(op, op.text, after=previous))
        previous = (op.kind, op.text)
    return "".join(parts)


def runs_together(previous: tuple[OpKind, str] | None, kind: OpKind, text: str) -> bool:
    """True where a deleted run meets an inserted one (or the other way) with no space on
    either side of the join: "is" struck then "business" inserted would read "isbusiness".
    Such a run is set a little apart on screen, without adding a space to either text.

    >>> runs_together((OpKind.DELETE, "is"), OpKind.INSERT, "business")
    True
    >>> runs_together((OpKind.DELETE, "is "), OpKind.INSERT, "business")
    False
    """
    if previous is None or not text or not previous[1]:
        return False
    changes = {OpKind.DELETE, OpKind.INSERT}
    if {previous[0], kind} != changes:
        return False
    return not previous[1][-1].isspace() and not text[0].isspace()


def _op_html(op: DiffOp, text: str, *, after: tuple[OpKind, str] | None = None) -> str:
    text = escape(text, quote=False)
    if op.ignored:
        # A difference that reads the same (curly or straight quotes, spacing): the new text,
        # plain, with the old one kept in the page but not shown.
        tag = "del" if op.kind is OpKind.DELETE else "ins"
        return f'<{tag} class="same">{text}</{tag}>'
    classes = [
        name
        for name, on in (
            ("figure", op.figure),
            ("moved", op.moved),
            ("apart", runs_together(after, op.kind, op.text)),
        )
        if on
    ]
    css = f' class="{" ".join(classes)}"' if classes else ""
    if op.kind is OpKind.EQUAL:
        return text
    if op.kind is OpKind.DELETE:
        return f"<del{css}>{text}</del>"
    return f"<ins{css}>{text}</ins>"


def _item_flags(factor: Factor | Passage) -> list[bool]:
    """Per body paragraph of `factor` (or passage): is it a list item?"""
    return [index in factor.list_items for index in range(len(factor.paragraphs))]


@dataclass(slots=True)
class _Shown:
    """A paragraph of the redline: its HTML, the paragraph of each side it opens in, and
    whether any of its text is on the new side."""

    old: int
    new: int
    html: list[str] = field(default_factory=list)
    on_new: bool = False


def redline_html(ops: Sequence[DiffOp], old_items: list[bool], new_items: list[bool]) -> str:
    """The redline of `ops` with the paragraphs that are list items (per side, one flag per
    paragraph of its text) set as <ul><li>; the other paragraphs stay text separated by
    blank lines. The redline breaks a paragraph wherever either side does; a paragraph is
    an item when the new side's paragraph it holds is one (the old side's, for deleted
    text alone)."""
    if not any(old_items) and not any(new_items):
        return _render(ops)
    shown = [_Shown(0, 0)]
    previous: tuple[OpKind, str] | None = None
    for op in ops:
        for number, piece in enumerate(op.text.split(_BREAK)):
            if number:
                last = shown[-1]
                old_step = op.kind is not OpKind.INSERT
                new_step = op.kind is not OpKind.DELETE
                shown.append(_Shown(last.old + old_step, last.new + new_step))
            if piece:
                shown[-1].html.append(_op_html(op, piece, after=previous if number == 0 else None))
                previous = (op.kind, piece)
                shown[-1].on_new |= op.kind is not OpKind.DELETE
    parts: list[str] = []
    items: list[str] = []
    for paragraph in shown:
        if not paragraph.html:
            continue
        flags, index = (
            (new_items, paragraph.new) if paragraph.on_new else (old_items, paragraph.old)
        )
        if index < len(flags) and flags[index]:
            items.append(f"<li>{''.join(paragraph.html)}</li>")
            continue
        if items:
            parts.append(f'<ul class="items">{"".join(items)}</ul>')
            items = []
        elif parts:
            parts.append(_BREAK)
        parts.append("".join(paragraph.html))
    if items:
        parts.append(f'<ul class="items">{"".join(items)}</ul>')
    return "".join(parts)
