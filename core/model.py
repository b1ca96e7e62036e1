"""The frozen values that flow between core's stages.

file --read--> Document --section--> Section --segment--> Filing (factors and passages)
two Filings --align--> Comparison (Pairs); each Pair --worddiff--> DiffOps
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

# Called as progress(done, total); raising core.errors.Cancelled inside it cancels the work.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Style:
    """How a run of text looks. Fractions are the share of the block's letters so styled."""

    bold: float = 0.0
    italic: float = 0.0
    underline: float = 0.0
    font_size: float | None = None  # points, the size most of the block's letters have
    color: str | None = None  # "#rrggbb", the colour most of the block's letters have
    align_center: bool = False


PLAIN = Style()


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of a document: a <p>/<div>/<li>/<td> or a text paragraph.

    `text` is whitespace-normalised. `start`/`end` are character offsets of the block in
    `Document.text`. `lead` is a formatted run-in prefix (e.g. an italic "Heading:" that
    opens the paragraph) with `lead_style` its style; empty when the block has none.
    """

    text: str
    start: int
    end: int
    style: Style = PLAIN
    lead: str = ""
    lead_style: Style = PLAIN
    tag: str = "p"  # p, li, td, h1..h6, text
    in_table: bool = False


@dataclass(frozen=True, slots=True)
class SubmissionHeader:
    """What an EDGAR full-submission file's SGML header says of the filing ("" / None when
    it does not say): COMPANY CONFORMED NAME, CONFORMED SUBMISSION TYPE, CENTRAL INDEX KEY,
    and the year of CONFORMED PERIOD OF REPORT."""

    company: str = ""
    form: str = ""
    cik: str = ""
    fiscal_year: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A whole filing as blocks. `text` is the blocks joined by blank lines."""

    path: str
    text: str
    blocks: tuple[Block, ...]
    kind: str  # "html" or "text"
    encoding: str
    has_markup: bool  # False when the HTML carries no bold/italic/size cues at all
    # The inline XBRL cover facts (dei:... tags, as found in the markup) the meta step reads,
    # kept so the file is read once; "" for text or HTML without them.
    facts: str = ""
    # The SGML header of an EDGAR full-submission file (the report part is what was read).
    submission: SubmissionHeader | None = None
    # The encoding was chosen among candidates (not declared, not UTF-8 or the Western default).
    encoding_guessed: bool = False
    # The file stops mid-way: HTML without its closing tags, text cut off mid-sentence.
    ends_abruptly: bool = False
    # Every block of the file was read; False when the reading stopped a little after the
    # Risk Factors section (core.read.extent): the blocks are then the file's first ones.
    whole: bool = True


@dataclass(frozen=True, slots=True)
class Section:
    """The Risk Factors part of a Document (table of contents and page furniture removed)."""

    title: str
    blocks: tuple[Block, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Factor:
    """One risk factor: its heading, its body paragraphs and the categories above it.

    `category` runs from the outermost category to the innermost, e.g.
    ("Legal and Regulatory", "Privacy and Data Protection"). `start`/`end` are offsets
    in the Document's text. `run_in` is True when the heading opens the first body
    paragraph instead of standing alone. `list_items` holds the indexes into `paragraphs` of
    the paragraphs that are items of a bulleted or numbered list.
    """

    heading: str
    paragraphs: tuple[str, ...]
    category: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    run_in: bool = False
    list_items: tuple[int, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


class PassageKind(StrEnum):
    """Where a passage of the section stands that belongs to no risk factor."""

    INTRODUCTION = "introduction"  # before the first category heading or factor
    CATEGORY = "category"  # under a category heading, before its first factor
    CLOSING = "closing"  # after the last factor, opened by a line that heads no factor


@dataclass(frozen=True, slots=True)
class Passage:
    """Text of a Risk Factors section that is no risk factor: its introduction, the text under
    a category heading before the category's first factor, its closing paragraphs.

    `category` is the path of the category a CATEGORY passage opens (outermost first, () for
    the others). `before` is the index of the factor it precedes in the filing
    (len(factors) for the closing), which places it among the factors. `start`/`end` are
    offsets in the Document's text; `list_items` as in Factor.
    """

    kind: PassageKind
    paragraphs: tuple[str, ...]
    category: tuple[str, ...] = ()
    before: int = 0
    start: int = 0
    end: int = 0
    list_items: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a filing was downloaded from: the EDGAR filing a reader can check it against.

    `url` is the document's address on EDGAR; `report_date` the period of report
    ("2023-12-31", "" when EDGAR gives none)."""

    company: str
    cik: int
    form: str
    accession: str  # "0001628280-24-002390"
    url: str
    filing_date: str = ""
    report_date: str = ""


@dataclass(frozen=True, slots=True)
class Filing:
    """A segmented Risk Factors section with what is known about the filing.

    `factors` are the risk factors; `passages` the rest of the section's text (introduction,
    category texts, closing), in filing order: together they hold every paragraph of the
    section but the category headings (which are the factors' and passages' category paths).
    `source` says where on EDGAR the file came from, when it was downloaded by FactorDiff."""

    path: str
    company: str
    form: str  # "10-K", "20-F", or "" when unknown
    fiscal_year: int | None
    section_title: str
    factors: tuple[Factor, ...]
    passages: tuple[Passage, ...] = ()
    cik: str = ""  # the SEC's Central Index Key, when the file says it (a submission header)
    # What a reader must know before trusting the factors (a truncated file, a guessed
    # encoding), each a sentence naming the file.
    warnings: tuple[str, ...] = ()
    source: Source | None = None

    @property
    def intro(self) -> tuple[str, ...]:
        """The paragraphs of the section's introduction (before any category or factor)."""
        return tuple(
            paragraph
            for passage in self.passages
            if passage.kind is PassageKind.INTRODUCTION
            for paragraph in passage.paragraphs
        )


class Status(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    MOVED = "moved"
    ADDED = "added"
    REMOVED = "removed"
    SPLIT = "split"
    MERGED = "merged"


# The order in which statuses are listed (summaries, legends, reports): changes first.
STATUS_ORDER: tuple[Status, ...] = (
    Status.ADDED,
    Status.REMOVED,
    Status.MODIFIED,
    Status.MOVED,
    Status.SPLIT,
    Status.MERGED,
    Status.UNCHANGED,
)


@dataclass(frozen=True, slots=True)
class Similarity:
    """The three "Lazy Prices" measures, each in [0, 1] (1 = identical)."""

    cosine: float
    jaccard: float
    simple: float


@dataclass(frozen=True, slots=True)
class Pair:
    """One old factor (or several, for a merge) and what it became.

    `old`/`new` are indexes into the filings' factor tuples: one int, a tuple of ints on
    the many side of a split or merge, or None for an added/removed factor. `corrected` is
    True when a reviewer set this pairing by hand (core.review), not the program.

    `words_added` / `words_removed` count the changed words that are new to the section /
    gone from it; words of a passage moved here from another pair, or from here to another
    pair (Comparison.moved_passages), are `words_moved_in` / `words_moved_out` instead. So
    `words_added + words_moved_in` is every word the diff inserts in this pair (what
    `words_added` alone counted before moved passages were found), and likewise for removed.

    A pair with `passage` True pairs two passages instead (introduction, a category's text,
    closing): `old`/`new` then index the filings' `passages` (one int or None).
    """

    old: int | tuple[int, ...] | None
    new: int | tuple[int, ...] | None
    status: Status
    similarity: float = 0.0
    heading_similarity: float = 0.0
    words_added: int = 0
    words_removed: int = 0
    corrected: bool = False
    words_moved_in: int = 0
    words_moved_out: int = 0
    passage: bool = False

    @property
    def old_indexes(self) -> tuple[int, ...]:
        return _indexes(self.old)

    @property
    def words_changed(self) -> int:
        """Every word the pair's diff marks: added, removed, moved in and moved out."""
        return self.words_added + self.words_removed + self.words_moved_in + self.words_moved_out

    @property
    def new_indexes(self) -> tuple[int, ...]:
        return _indexes(self.new)


def _indexes(side: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if side is None:
        return ()
    if isinstance(side, int):
        return (side,)
    return side


@dataclass(frozen=True, slots=True)
class Summary:
    """`counts` counts the factor pairs by status; `passages` the passage pairs (introduction,
    category texts, closing), which are no risk factors and never counted among them."""

    counts: dict[Status, int] = field(hash=False)
    similarity: Similarity
    passages: dict[Status, int] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class MovedPassage:
    """A passage (one sentence or more) that left the old text of one pair and appears in
    the new text of another, as it was or lightly edited.

    `from_pair` / `to_pair` are indexes into Comparison.pairs. The offsets are into a side's
    text of the pair (its factors' headings and paragraphs joined by blank lines,
    core.diff.sides.pair_texts): [from_start, from_end) of the old side of `from_pair`,
    [to_start, to_end) of the new side of `to_pair`. `words` is the passage's word count in
    its old place; `similarity` the share of word 3-shingles the two places have in common
    (Dice coefficient, 1.0 for a passage moved as it was).
    """

    from_pair: int
    from_start: int
    from_end: int
    to_pair: int
    to_start: int
    to_end: int
    words: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two filings and their pairs, in reading order of the new filing (removed ones placed
    where they stood in the old). Every factor of either filing is in exactly one factor
    pair, every passage in exactly one passage pair (`Pair.passage`), placed where it reads.
    `notices` says what makes the two filings an unusual pair to compare (different
    companies or forms, little wording in common: core.align.mismatch). `moved_passages`
    are the passages that left one pair's text for another's (core.diff.passages), in the
    order of the pairs they left."""

    old: Filing
    new: Filing
    pairs: tuple[Pair, ...]
    summary: Summary
    notices: tuple[str, ...] = ()
    moved_passages: tuple[MovedPassage, ...] = ()

    @property
    def factor_pairs(self) -> tuple[Pair, ...]:
        """The pairs of risk factors, without the passage pairs, in display order."""
        return tuple(pair for pair in self.pairs if not pair.passage)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What makes the pair unusual, then the warnings of both filings, the old one's
        first."""
        return self.notices + self.old.warnings + self.new.warnings


class OpKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """A run of text kept, inserted or deleted. `figure` marks a changed number, amount,
    percentage or date inside an insert/delete. `ignored` marks an insert/delete that differs
    from its counterpart only in a way the diff options ignore (case, punctuation, numbers):
    it keeps the texts rebuildable but is not a change to show or count. `moved` marks an
    insert/delete inside a passage moved between factors (core.diff.passages.moved_ops)."""

    kind: OpKind
    text: str
    figure: bool = False
    ignored: bool = False
    moved: bool = False
