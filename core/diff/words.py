"""Word-level diff of two texts, with changed figures tagged.

The texts are cut into tokens (words, numbers, runs of whitespace, single punctuation marks),
each distinct token is mapped to one character, the two character strings are diffed with
diff-match-patch (Myers' algorithm plus its semantic cleanup, which merges edit islands into
readable phrases), and the characters are mapped back to tokens: diff-match-patch's own
"lines to chars" trick applied to words.

The C++ build (`fast_diff_match_patch`) gives the same ops as the pure-Python
`diff_match_patch` 10 to 25 times faster on real filing pairs (all 18 IIJ FY2008/FY2009
pairs: 20 ms against 225 ms; NVIDIA 2023/2024: 95 ms against 2.6 s), so the Python one is
only a fallback. The time limit is off in both: a timeout would silently coarsen a diff
into one big delete and insert.

With `DiffOptions` (ignore case, punctuation, numbers) tokens are compared by a normalised
key ("RISK" -> "risk", "2009" -> one number symbol; punctuation and the spacing around it is
left out of the comparison) while the ops keep the original texts. Where the two texts differ
only in an ignored way the differing runs are still given, as DELETE/INSERT ops with
`ignored=True`, so the ops rebuild both texts exactly and renderers show those runs plain.

>>> for op in word_diff("Revenue rose 5% in 2008.", "Revenue fell 5% in 2009."):
...     print(op.kind.value, repr(op.text), "figure" if op.figure else "-")
equal 'Revenue ' -
delete 'rose' -
insert 'fell' -
equal ' 5% in ' -
delete '2008' figure
insert '2009' figure
equal '.' -
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import diff_match_patch

from core.diff.figures import find_figures
from core.diff.options import EXACT, DiffOptions
from core.model import DiffOp, OpKind
from core.vocabulary import WORD_RE

try:
    import fast_diff_match_patch
except ImportError:  # the pure-Python engine is the fallback
    fast_diff_match_patch = None

# Numbers keep their separators ("1,234.5") so a changed amount is one token; words keep
# inner apostrophes and hyphens ("company's", "year-end"). Spacing is tried first, as the
# commonest token: no other alternative matches a space, so the tokens are the same.
_TOKEN_RE = re.compile(
    r"\s+|\d+(?:[.,]\d+)*|\w+(?:['\u2019\-]\w+)*|.",
    re.DOTALL,
)
# A place where spacing and other text meet (the first, or with `.*` the last, in a range).
_SPACING_EDGE = re.compile(r"\s(?=\S)|\S(?=\s)")
_LAST_SPACING_EDGE = re.compile(r".*(?:\s(?=\S)|\S(?=\s))", re.DOTALL)
_WORDLIKE_RE = re.compile(r"\w")  # a word or number token starts with a word character
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_INNER_MARKS_RE = re.compile(r"['\u2019\-.,]")  # the marks a word or number token may hold
_NUMBER_KEY = "\x00#"  # what every run of digits compares as when numbers are ignored

# Token codes start above the Latin ranges and skip the UTF-16 surrogate block, which the
# C++ engine cannot hold as single characters.
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
_CODE_COUNT = 0x110000 - _FIRST_CODE - len(_SURROGATES)  # distinct tokens a diff can code

_RawDiff = list[tuple[str, str]]  # ("=" | "-" | "+", text)
_Engine = Callable[[str, str, bool], _RawDiff]  # (old, new, semantic cleanup)


def tokenize(text: str) -> list[str]:
    """Cut `text` into words, numbers, whitespace runs and punctuation marks.

    >>> tokenize("It's $1,200.5 now.")
    ["It's", ' ', '$', '1,200.5', ' ', 'now', '.']
    """
    return _TOKEN_RE.findall(text)


def tokenize_pair(old: str, new: str) -> tuple[list[str], list[str]]:
    """`tokenize(old)` and `tokenize(new)`, the text the two open and end with tokenized
    once (the same token objects on both sides): most of a factor reworded here and there
    is shared.

    >>> tokenize_pair("Costs rose 5%.", "Costs fell 5%.")
    (['Costs', ' ', 'rose', ' ', '5', '%', '.'], ['Costs', ' ', 'fell', ' ', '5', '%', '.'])
    """
    # Cut where spacing meets other text, which no token spans: the tokens of each part are
    # then those of the whole (no pattern looks behind, nor past a space it does not take).
    same = common_prefix_length(old, new)
    head = _LAST_SPACING_EDGE.match(old, 0, same)
    start = head.end() if head is not None else 0
    kept = common_suffix_length(old[start:], new[start:])
    tail = _SPACING_EDGE.search(old, len(old) - kept)
    end = tail.start() + 1 if tail is not None else len(old)
    opening, closing = tokenize(old[:start]), tokenize(old[end:])
    new_end = len(new) - (len(old) - end)
    return (
        [*opening, *tokenize(old[start:end]), *closing],
        [*opening, *tokenize(new[start:new_end]), *closing],
    )


def common_prefix_length(a: str, b: str) -> int:
    """Length of the longest common prefix of `a` and `b`, found by halving (each step one
    comparison of two slices in C, as diff-match-patch does).

    >>> common_prefix_length("risk factors", "risk appetite")
    5
    """
    low, high, start = 0, min(len(a), len(b)), 0
    while low < high:
        middle = (low + high + 1) // 2
        if a[start:middle] == b[start:middle]:
            low = start = middle
        else:
            high = middle - 1
    return low


def common_suffix_length(a: str, b: str) -> int:
    """Length of the longest common suffix of `a` and `b` (see `common_prefix_length`)."""
    low, high, end = 0, min(len(a), len(b)), 0
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - end] == b[len(b) - middle : len(b) - end]:
            low = end = middle
        else:
            high = middle - 1
    return low


def count_words(text: str) -> int:
    """Number of words (numbers included) in `text`."""
    return len(WORD_RE.findall(text))


def _fast_engine(old: str, new: str, cleanup: bool) -> _RawDiff:
    result: _RawDiff = fast_diff_match_patch.diff(
        old,
        new,
        timelimit=0,
        checklines=False,
        cleanup="Semantic" if cleanup else "No",
        counts_only=False,
    )
    return result


def _python_engine(old: str, new: str, cleanup: bool) -> _RawDiff:
    matcher = diff_match_patch.diff_match_patch()
    matcher.Diff_Timeout = 0
    diffs = matcher.diff_main(old, new, False)
    if cleanup:
        matcher.diff_cleanupSemantic(diffs)
    signs = {matcher.DIFF_EQUAL: "=", matcher.DIFF_DELETE: "-", matcher.DIFF_INSERT: "+"}
    return [(signs[op], text) for op, text in diffs]


ENGINE_NAME = "diff_match_patch" if fast_diff_match_patch is None else "fast_diff_match_patch"
_ENGINE: _Engine = _python_engine if fast_diff_match_patch is None else _fast_engine

_KINDS = {"=": OpKind.EQUAL, "-": OpKind.DELETE, "+": OpKind.INSERT}


def word_diff(
    old: str, new: str, *, engine: str | None = None, options: DiffOptions = EXACT
) -> tuple[DiffOp, ...]:
    """Diff `old` against `new` word by word.

    Joining the EQUAL and DELETE texts gives back `old` exactly, EQUAL and INSERT gives
    `new`. Inserted or deleted figures (amounts, percentages, dates, numbers) are split into
    their own ops with `figure=True`. `engine` forces "fast_diff_match_patch" or
    "diff_match_patch" (for measurement); by default the C++ one is used when installed.
    `options` says what to overlook; runs differing only in that way come as DELETE/INSERT
    ops with `ignored=True`.
    """
    if old == new:
        return (DiffOp(OpKind.EQUAL, old),) if old else ()
    if not options.ignores_anything:
        ops: list[DiffOp] = []
        runs = diff_tokens(*tokenize_pair(old, new), engine=engine)
        for kind, run in slid_to_boundaries(runs):
            ops.extend(_tag_figures(kind, "".join(run)))
        return tuple(_merge_adjacent(ops))
    return tuple(_merge_adjacent(list(_lenient_diff(old, new, options, engine))))


class _Unit(NamedTuple):
    """A word or number compared by `key`, with the text compared by nothing that follows it
    (punctuation and spacing, when punctuation is ignored)."""

    key: str
    text: str
    tail: str


def _units(text: str, options: DiffOptions) -> tuple[str, list[_Unit]]:
    """(what comes before the first compared token, the compared tokens) of `text`.

    Ignoring punctuation, a punctuation mark is not compared, nor is spacing that would
    follow other spacing once the mark is left out ("a , b" compares as "a b"); spacing
    itself still is, so the diff keeps the grain of the plain word diff."""
    head = ""
    units: list[_Unit] = []
    for token in tokenize(text):
        if options.ignore_punctuation and not _WORDLIKE_RE.match(token):
            spacing_kept = token.isspace() and not (units and units[-1].text.isspace())
            if spacing_kept:
                units.append(_Unit(token, token, ""))
            elif units:
                units[-1] = units[-1]._replace(tail=units[-1].tail + token)
            else:
                head += token
            continue
        key = _DIGITS_RE.sub(_NUMBER_KEY, token) if options.ignore_numbers else token
        if options.ignore_punctuation:  # a curly apostrophe equals a straight one, "1,234" "1234"
            key = _INNER_MARKS_RE.sub("", key)
        units.append(_Unit(key.casefold() if options.ignore_case else key, token, ""))
    return head, units


def _lenient_diff(old: str, new: str, options: DiffOptions, engine: str | None) -> Iterable[DiffOp]:
    old_head, old_units = _units(old, options)
    new_head, new_units = _units(new, options)
    yield from _ignored_change(old_head, new_head, trim=True)
    runs = diff_tokens(
        [unit.key for unit in old_units], [unit.key for unit in new_units], engine=engine
    )
    old_at = new_at = 0
    removed = ""  # a deleted run waiting to see whether an inserted run replaces it
    for kind, keys in runs:
        count = len(keys)
        if kind is OpKind.INSERT:
            added = "".join(unit.text + unit.tail for unit in new_units[new_at : new_at + count])
            yield from _replacement(removed, added, options)
            removed = ""
            new_at += count
            continue
        yield from _replacement(removed, "", options)
        removed = ""
        if kind is OpKind.DELETE:
            removed = "".join(unit.text + unit.tail for unit in old_units[old_at : old_at + count])
            old_at += count
            continue
        for old_unit, new_unit in zip(
            old_units[old_at : old_at + count], new_units[new_at : new_at + count], strict=True
        ):
            yield from _ignored_change(old_unit.text, new_unit.text, trim=False)
            yield from _ignored_change(old_unit.tail, new_unit.tail, trim=True)
        old_at += count
        new_at += count
    yield from _replacement(removed, "", options)


def _replacement(removed: str, added: str, options: DiffOptions) -> Iterable[DiffOp]:
    """`removed` replaced by `added` (either may be empty). Ignoring punctuation, the marks
    and spacing both end in are kept ("2008, " -> "2009, " changes "2008" into "2009") and a
    run of marks and spacing alone is an ignored change."""
    same = 0
    if options.ignore_punctuation:
        limit = min(len(removed), len(added))
        while (
            same < limit
            and removed[-1 - same] == added[-1 - same]
            and not _WORDLIKE_RE.match(removed[-1 - same])
        ):
            same += 1
    for kind, whole in ((OpKind.DELETE, removed), (OpKind.INSERT, added)):
        changed = whole[: len(whole) - same]
        if not changed:
            continue
        if options.ignore_punctuation and not _WORDLIKE_RE.search(changed):
            yield DiffOp(kind, changed, ignored=True)
        else:
            yield from _tag_figures(kind, changed)
    if same:
        yield DiffOp(OpKind.EQUAL, added[len(added) - same :])


def _ignored_change(old: str, new: str, *, trim: bool) -> Iterable[DiffOp]:
    """`old` kept, or replaced by `new` as an ignored change; with `trim`, what the two have
    in common at either end is kept (so a paragraph break after a changed comma stays kept)."""
    if old == new:
        if old:
            yield DiffOp(OpKind.EQUAL, old)
        return
    front = back = 0
    if trim:
        limit = min(len(old), len(new))
        while front < limit and old[front] == new[front]:
            front += 1
        while back < limit - front and old[-1 - back] == new[-1 - back]:
            back += 1
    if front:
        yield DiffOp(OpKind.EQUAL, old[:front])
    if len(old) - back > front:
        yield DiffOp(OpKind.DELETE, old[front : len(old) - back], ignored=True)
    if len(new) - back > front:
        yield DiffOp(OpKind.INSERT, new[front : len(new) - back], ignored=True)
    if back:
        yield DiffOp(OpKind.EQUAL, old[len(old) - back :])


def diff_tokens(
    old: Sequence[str],
    new: Sequence[str],
    *,
    cleanup: bool = True,
    engine: str | None = None,
) -> list[tuple[OpKind, list[str]]]:
    """Diff two token sequences (words, or whole paragraphs).

    Returns runs of (kind, tokens); the EQUAL and DELETE runs rebuild `old`, the EQUAL and
    INSERT runs rebuild `new`. With `cleanup` (semantic cleanup) short equalities between
    edits are folded into the edits so changes read as phrases; without it the diff is a
    shortest edit script (its EQUAL runs are a longest common subsequence).
    """
    run_engine = _ENGINE if engine is None else _engine_named(engine)
    old_chars, new_chars = coded(old, new)
    # The runs take their tokens in order from the side they rebuild (an equal run's tokens
    # are the same on both sides): slices rather than a lookup per token, of lists (a list's
    # slice is a new list).
    old_tokens = old if isinstance(old, list) else list(old)
    new_tokens = new if isinstance(new, list) else list(new)
    runs: list[tuple[OpKind, list[str]]] = []
    old_at = new_at = 0
    for sign, chars in run_engine(old_chars, new_chars, cleanup):
        size = len(chars)
        if not size:
            continue
        if sign == "+":
            runs.append((OpKind.INSERT, new_tokens[new_at : new_at + size]))
            new_at += size
        else:
            runs.append((_KINDS[sign], old_tokens[old_at : old_at + size]))
            old_at += size
            if sign == "=":
                new_at += size
    return runs


def coded(old: Sequence[str], new: Sequence[str]) -> tuple[str, str]:
    """Two token sequences as strings of one character per token, equal tokens coded alike:
    each distinct token gets the next code, in order of first appearance.

    >>> coded(["a", "b", "a"], ["b", "c"]) == ("\u0100\u0101\u0100", "\u0101\u0102")
    True
    """
    distinct = dict.fromkeys(old)
    distinct.update(dict.fromkeys(new))
    codes = dict(zip(distinct, _code_chars(len(distinct)), strict=True))
    return "".join(map(codes.__getitem__, old)), "".join(map(codes.__getitem__, new))


def kept_length(old: str, new: str, *, engine: str | None = None) -> int:
    """How many characters a shortest edit script of `old` into `new` keeps: the length of a
    longest common subsequence (of two token sequences, given `coded`). The diff compares
    characters only for equality, so any coding that codes equal tokens alike gives the same.

    >>> kept_length("abcd", "acbd")
    3
    """
    run_engine = _ENGINE if engine is None else _engine_named(engine)
    return sum(len(chars) for sign, chars in run_engine(old, new, False) if sign == "=")


def slid_to_boundaries(
    runs: list[tuple[OpKind, list[str]]],
) -> list[tuple[OpKind, list[str]]]:
    """`runs` with each lone insertion or deletion between two kept runs slid to where it
    reads best, as git's diff slides hunks: a run of tokens that repeats at its edge ("...
    operations.\n\n[Moved paragraph ... operations.\n\n]") may be shown at several places,
    and the one starting and ending at a paragraph break, else a sentence end, else a space,
    is the one a reader sees as the paragraph or sentence that changed. The runs rebuild the
    same texts.

    >>> old = tokenize("It rose. Then it fell. Then")
    >>> new = tokenize("It rose. Then")
    >>> ["".join(run) for _, run in slid_to_boundaries(diff_tokens(old, new))]
    ['It rose. ', 'Then it fell. ', 'Then']
    """
    # Each edit between kept runs as [kept before, edit, kept after]; an empty kept run at
    # each edge of the text takes what an edit there slides past (dropped again if empty).
    slid: list[tuple[OpKind, list[str]]] = [
        (OpKind.EQUAL, []),
        *((kind, list(tokens)) for kind, tokens in runs),
        (OpKind.EQUAL, []),
    ]
    for at in range(1, len(slid) - 1):
        kind, edit = slid[at]
        before, after = slid[at - 1], slid[at + 1]
        if kind is OpKind.EQUAL or before[0] is not OpKind.EQUAL or after[0] is not OpKind.EQUAL:
            continue
        kept_before, kept_after = before[1], after[1]
        left = 0  # how far the edit may slide left: its last tokens end the kept run before
        while left < min(len(edit), len(kept_before)) and kept_before[-1 - left] == edit[-1 - left]:
            left += 1
        right = 0
        while right < min(len(edit), len(kept_after)) and kept_after[right] == edit[right]:
            right += 1
        if not left and not right:
            continue
        line = [*kept_before, *edit, *kept_after]
        start = len(kept_before)
        best = max(
            range(start - left, start + right + 1),
            key=lambda s: (_boundary(line, s) + _boundary(line, s + len(edit)), s == start),
        )
        kept_before[:] = line[:best]
        edit[:] = line[best : best + len(edit)]
        kept_after[:] = line[best + len(edit) :]
    return [(kind, tokens) for kind, tokens in slid if tokens]


def _boundary(tokens: list[str], at: int) -> int:
    """How well a change reads starting or ending before `tokens[at]`: at a paragraph break
    4, a line break 3, after a sentence's end (or at the text's edge) 2, at a space 1,
    inside a phrase 0."""
    if at <= 0 or at >= len(tokens):
        return 2
    before, after = tokens[at - 1], tokens[at]
    spacing = before if before.isspace() else after if after.isspace() else ""
    if spacing.count("\n") >= 2:
        return 4
    if "\n" in spacing:
        return 3
    if before.isspace() and at >= 2 and tokens[at - 2] in _SENTENCE_ENDS:
        return 2
    return 1 if spacing else 0


_SENTENCE_ENDS = frozenset(".?!;:")


def _engine_named(name: str) -> _Engine:
    engines: dict[str, _Engine] = {
        "fast_diff_match_patch": _fast_engine,
        "diff_match_patch": _python_engine,
    }
    if name not in engines:
        raise ValueError(f"unknown diff engine {name!r}; choose one of {sorted(engines)}")
    return engines[name]


def _code_char(index: int) -> str:
    code = _FIRST_CODE + index
    if code >= _SURROGATES.start:
        code += len(_SURROGATES)
    return chr(code)


_codes = ""  # _code_char(0), _code_char(1), ...: as many as the largest diff so far needed


def _code_chars(count: int) -> str:
    """The codes of the first `count` distinct tokens, one character each."""
    global _codes  # noqa: PLW0603  (a table grown on demand, never changed otherwise)
    if len(_codes) < count:
        grown = min(2 * len(_codes), _CODE_COUNT)  # doubled, as far as Unicode goes
        _codes = "".join(map(_code_char, range(max(count, grown))))
    return _codes[:count]


def _tag_figures(kind: OpKind, text: str) -> Iterable[DiffOp]:
    if kind is OpKind.EQUAL:
        return (DiffOp(kind, text),)
    pieces: list[DiffOp] = []
    position = 0
    for figure in find_figures(text):
        if figure.start > position:
            pieces.append(DiffOp(kind, text[position : figure.start]))
        pieces.append(DiffOp(kind, figure.text, figure=True))
        position = figure.end
    if position < len(text):
        pieces.append(DiffOp(kind, text[position:]))
    return pieces


def _merge_adjacent(ops: list[DiffOp]) -> list[DiffOp]:
    """Join neighbouring non-figure ops of the same kind (and ignored or not); figures keep
    their own ops."""
    merged: list[DiffOp] = []
    for op in ops:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind is op.kind
            and last.ignored == op.ignored
            and not last.figure
            and not op.figure
        ):
            merged[-1] = DiffOp(op.kind, last.text + op.text, ignored=op.ignored)
        else:
            merged.append(op)
    return merged


def changed_words(ops: Iterable[DiffOp]) -> tuple[int, int]:
    """(words added, words removed) counted over the INSERT and DELETE ops that are not
    ignored."""
    added = removed = 0
    for op in ops:
        if op.ignored:
            continue
        if op.kind is OpKind.INSERT:
            added += count_words(op.text)
        elif op.kind is OpKind.DELETE:
            removed += count_words(op.text)
    return added, removed
