"""Text cues that tell a heading line from a body paragraph when formatting cannot.

All functions take a block's whitespace-normalised text and answer one question about its
wording; none of them knows where the text stands in the section (core.segment.text_levels does).

>>> is_sentence_heading("Labor disputes may disrupt our operations.")
True
>>> is_title_line("Competition")
True
>>> is_title_line("Our markets are characterized by:")
False
>>> title_case_lead("Damage to Our Reputation Could Harm Us: The brand is an asset.")
'Damage to Our Reputation Could Harm Us:'
"""

from __future__ import annotations

import re

from core.vocabulary import CANNOT_END_SENTENCE, MAX_TITLE_WORDS, SENTENCE_BREAK_RE

# The longest heading seen in real filings is about 330 characters; body paragraphs that
# happen to be one sentence are usually longer than that.
MAX_HEADING_CHARS = 340
MAX_UNTERMINATED_CHARS = 250
# Fewer letters than this in capitals are an acronym ("IBM", "U.S."), not an ALL-CAPS line.
MIN_CAPS_LETTERS = 4
# A sentence heading has at least four words ("Competition may hurt us."); shorter sentences
# are captions or fragments. It runs to two sentences at most (a third is body text).
MIN_SENTENCE_HEADING_WORDS = 4
MAX_SENTENCE_HEADING_SENTENCES = 2
# A headline without its final stop says at least subject, modal and verb.
MIN_UNTERMINATED_WORDS = 3

_BULLET = re.compile(
    r"^\s*(?:[-\u2022\u25aa\u25cf\u25e6\u2023\u2013\u2014\u00b7*o]\s|[\u2022\u25aa\u25cf\u00b7])"
)
_TERMINAL = re.compile(r"[.?!][\"'\u2019\u201d)\]]*$")
_OPEN_END = re.compile(r"[:;,\-\u2013\u2014]$")
# What a risk heading says: something may happen (a modal verb) ...
_MODAL = re.compile(
    r"\b(?:may|might|could|can|cannot|will|would|should|must|adverse(?:ly)?|harm(?:s|ed|ful)?)\b",
    re.IGNORECASE,
)
# ... or, more weakly, what the company is exposed to.
_EXPOSURE = re.compile(
    r"\b(?:depends?|depend(?:ent|ence)|rel(?:y|ies|iance)|subject|exposed?|exposure|risks?"
    r"|fail(?:s|ure)?|los(?:e|s|ses)|declines?|uncertain(?:ty|ties)?|volatil(?:e|ity)"
    r"|impair|disrupt(?:s|ion|ions)?|no assurance|fac(?:e|es|ed|ing)|compet(?:e|es|ition|itive)"
    r"|fluctuat(?:e|es|ions?)|susceptible|vulnerable|affect(?:s|ed)?)\b",
    re.IGNORECASE,
)
# A paragraph that points ahead to the list of risks introduces the section; a heading names
# one risk ("... could be materially adversely impacted as set forth below.").
_POINTS_AHEAD = re.compile(
    r"\b(?:set\s+forth|described|discussed|listed|outlined|identified)\s+below\b"
    r"|\bthe\s+following\s+(?:risks?|factors?|risk\s+factors)\b",
    re.IGNORECASE,
)
# A heading without a modal verb is short; a longer such sentence is body.
MAX_WEAK_HEADING_CHARS = 200
# Openers that lean on what came before: such a paragraph continues a factor.
_CONTINUATION = re.compile(
    r"^(?:any\s+(?:of|such|these|this|those|other|further|additional|one)|these|this|those"
    r"|such|accordingly|additionally|also|as\s+a\s+result|consequently"
    r"|further(?:more)?|however|in\s+addition|moreover|similarly|therefore|thus|finally"
    r"|for\s+(?:example|instance)|in\s+particular|please|otherwise|other\s+than"
    r"|(?:we|it|they)\s+also)\b",
    re.IGNORECASE,
)
# Openers that may lean on what came before or start afresh ("Any failure to comply ..."
# heads a factor; "Any problems experienced by these suppliers could ..." closes one).
_MAYBE_CONTINUATION = re.compile(r"^any\b", re.IGNORECASE)
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
_COMMON_STEMS = frozenset(
    {"could", "would", "might", "shoul", "will", "have", "been", "that", "with", "their"}
    | {"there", "which", "from", "other", "into", "more", "than", "such", "this", "these"}
    | {"they", "them", "also", "were", "when", "what", "does", "only", "some", "each"}
)
_SECTION_NAME = re.compile(
    r"^(?:summary\s+of\s+)?(?:the\s+)?(?:key\s+)?risk\s+(?:factors?|highlights)(?:\s+summary)?[.:]?$",
    re.IGNORECASE,
)


# A run-in heading written out in text: a Title Case phrase ending in ":" that opens a
# paragraph whose next sentence starts with a capital.
_COLON_LEAD = re.compile(r"^([^:]{10,300}?):\s+(?=[A-Z\"\u201c])")
MIN_LEAD_WORDS = 3
# Words a Title Case heading leaves in lower case.
_MINOR_WORDS = (
    CANNOT_END_SENTENCE
    | {"its", "our", "per", "via", "vs", "but", "nor", "be", "is", "if", "so", "up"}
    | {"about", "across", "after", "against", "among", "before", "between", "during"}
    | {"including", "over", "through", "under", "upon", "within", "without"}
)
_OPENING_MARKS = "\"'\u201c\u2018(["


def words(text: str) -> list[str]:
    return text.split()


def is_bullet_text(text: str) -> bool:
    """True for a list item written out in text ("- item", "• item", a lone glyph)."""
    stripped = text.strip()
    return bool(_BULLET.match(stripped)) or stripped in {
        "\u2022",
        "-",
        "\u00b7",
        "\u25aa",
        "\u25cf",
    }


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def ends_open(text: str) -> bool:
    """True when the text ends with ':' ',' ';' or a dash: it introduces what follows."""
    return bool(_OPEN_END.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    """True when the text opens in lower case: the rest of a paragraph broken by a page."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def sentence_count(text: str) -> int:
    return len(SENTENCE_BREAK_RE.findall(text.rstrip())) + 1


def has_modal(text: str) -> bool:
    """True when the line says what may happen ("may", "could", "adversely" ...)."""
    return bool(_MODAL.search(text))


def has_risk_wording(text: str) -> bool:
    """True when the line says what may happen, or (when short) what the company is exposed to."""
    if has_modal(text):
        return True
    return len(text) <= MAX_WEAK_HEADING_CHARS and bool(_EXPOSURE.search(text))


def points_ahead(text: str) -> bool:
    """True when the text refers to the risks listed after it ("as set forth below", "the
    following risks"): an introduction, not a heading."""
    return bool(_POINTS_AHEAD.search(text))


def ends_mid_sentence(text: str) -> bool:
    """True when the text stops on a word that cannot end a sentence ("as of", "the"):
    the paragraph was cut by a page break and goes on in the next block."""
    stripped = text.rstrip()
    if not stripped or ends_sentence(stripped):
        return False
    last = stripped.split()[-1].lower()
    return last in CANNOT_END_SENTENCE or (ends_open(stripped) and not stripped.endswith(":"))


def is_section_name(text: str) -> bool:
    """True for "Risk Factors", "Risk Factors Summary", "Summary of Risk Factors" and the like:
    sub-titles that repeat the section's name and head neither a factor nor a category."""
    return bool(_SECTION_NAME.match(text.strip()))


def continues(text: str) -> bool:
    """True when the text opens by leaning on what came before ("These factors ...",
    "In addition, ...", "We also ..."): it goes on with a factor rather than starting one."""
    return bool(_CONTINUATION.match(text.strip()))


def may_continue(text: str) -> bool:
    """True when the text opens with a word that often, not always, leans on what came
    before ("Any ..."): weaker than `continues`."""
    return bool(_MAYBE_CONTINUATION.match(text.strip()))


def _stems(text: str) -> set[str]:
    return {word[:5] for word in _CONTENT_WORD.findall(text.lower())} - _COMMON_STEMS


def restates(text: str, heading: str) -> float:
    """Share of `heading`'s content words (first five letters) that `text` uses again."""
    stems = _stems(heading)
    if not stems:
        return 0.0
    return len(stems & _stems(text)) / len(stems)


def is_all_caps(text: str) -> bool:
    """Whether `text` has enough letters and every one is a capital.

    >>> is_all_caps("RISKS RELATED TO OUR BUSINESS"), is_all_caps("Risks"), is_all_caps("A 1")
    (True, False, False)
    """
    # A lower-case letter anywhere, or no cased letter at all, answers at C speed: most
    # texts asked are long paragraphs, which the letter-by-letter count below would walk.
    if not text.isupper():
        return False
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= MIN_CAPS_LETTERS and all(char.isupper() for char in letters)


def is_sentence_heading(text: str) -> bool:
    """A one- or two-sentence line short enough to be a heading, ending like a sentence."""
    stripped = text.strip()
    # The length first: most texts asked are long paragraphs, which it rules out at once.
    return (
        len(stripped) <= MAX_HEADING_CHARS
        and len(words(stripped)) >= MIN_SENTENCE_HEADING_WORDS
        and ends_sentence(stripped)
        and sentence_count(stripped) <= MAX_SENTENCE_HEADING_SENTENCES
        and not starts_lower(stripped)
        and not is_bullet_text(stripped)
    )


def is_title_line(text: str) -> bool:
    """A short line without a final full stop or colon, e.g. "Competition" or
    "Risks Related to Our Business"."""
    stripped = text.strip()
    # Counted no further than one word past the most a title has: a long paragraph is not
    # split whole (str.split stops there, so the count is the same up to that many).
    count = len(stripped.split(maxsplit=MAX_TITLE_WORDS))
    return (
        1 <= count <= MAX_TITLE_WORDS
        and not ends_sentence(stripped)
        and not ends_open(stripped)
        and not starts_lower(stripped)
        and not is_bullet_text(stripped)
        and any(char.isalpha() for char in stripped)
    )


def is_unterminated_heading(text: str) -> bool:
    """A risk statement written as a headline, without its final full stop (saying what may
    happen, or when short what the company is exposed to: "Our business depends on ..."):
    "Changes in interest rates may significantly affect profitability"."""
    stripped = text.strip()
    return (
        len(stripped) <= MAX_UNTERMINATED_CHARS
        and len(words(stripped)) >= MIN_UNTERMINATED_WORDS
        and not ends_sentence(stripped)
        and not ends_open(stripped)
        and not starts_lower(stripped)
        and not is_bullet_text(stripped)
        and sentence_count(stripped) == 1
        and has_risk_wording(stripped)
    )


def looks_like_heading(text: str) -> bool:
    """A line that could stand alone as a heading, judged by its wording only."""
    return is_sentence_heading(text) or is_title_line(text) or is_unterminated_heading(text)


def title_case_lead(text: str) -> str:
    """The Title Case phrase ending in ":" that opens a paragraph, or "" when it has none:
    a run-in heading whose formatting is gone ("Damage to Our Reputation Could Harm Us:
    The brand ...")."""
    stripped = text.strip()
    match = _COLON_LEAD.match(stripped)
    if match is None or is_bullet_text(stripped):
        return ""
    lead = match.group(1)
    if len(words(lead)) < MIN_LEAD_WORDS or sentence_count(lead) > 1 or is_section_name(lead):
        return ""
    return f"{lead}:" if is_title_case(lead) else ""


# A run-in heading ending in a full stop, as old text filings write them: "Pricing Pressures.
# Medicare ..." or "RISKS RELATED TO REPOSITIONING. During ...". The lead holds no full stop of
# its own; a one-word lead is a real word ("Competition."), not an abbreviation ("Mr.").
_STOP_LEAD = re.compile(r"^([^.:;]{3,200}?(?:;[^.:;]{3,100}?)?)\.\s+(?=[A-Z\"\u201c])")
MIN_ONE_WORD_LEAD = 5


def stop_lead(text: str) -> str:
    """The Title Case or ALL-CAPS phrase ending in "." that opens a paragraph, or "".

    >>> stop_lead("Pricing Pressures. Medicare and other payors are limiting costs.")
    'Pricing Pressures.'
    >>> stop_lead("The Company has had historical losses. It may lose more.")
    ''
    """
    stripped = text.strip()
    match = _STOP_LEAD.match(stripped)
    if match is None or is_bullet_text(stripped):
        return ""
    lead = match.group(1)
    count = len(words(lead))
    if count > MAX_TITLE_WORDS or (count == 1 and len(lead) < MIN_ONE_WORD_LEAD):
        return ""
    if is_section_name(lead) or not (is_title_case(lead) or is_all_caps(lead)):
        return ""
    return f"{lead}."


def run_in_lead(text: str) -> str:
    """A run-in heading written out in text: a Title Case lead ending in ":" or a Title Case
    or ALL-CAPS lead ending in "."; "" when the paragraph opens with neither."""
    return title_case_lead(text) or stop_lead(text)


def sentence_lead(text: str) -> str:
    """The first sentence of a paragraph that says more after it, or ""."""
    stripped = text.strip()
    match = SENTENCE_BREAK_RE.search(stripped)
    if match is None:
        return ""
    return stripped[: match.start() + 1]


def is_title_case(text: str) -> bool:
    """True when every word is capitalised but for minor ones: "Risks Related to the
    Spin-Off of Example Holdings, Inc." (a title even though it ends in a full stop)."""
    return bool(words(text)) and all(_title_cased(word) for word in words(text))


def _title_cased(word: str) -> bool:
    """True for a word as a Title Case heading writes it: capitalised ("Plans", "U.S.",
    "non-U.S.", "2024") or a minor word left in lower case ("of", "and")."""
    first = word.lstrip(_OPENING_MARKS)[:1]
    if not first or first.isupper() or first.isdigit() or word in _MINOR_WORDS:
        return True
    return any(part[:1].isupper() for part in word.split("-")[1:])
