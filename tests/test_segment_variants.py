"""Segmentation survives the ways real filings differ in their HTML and text.

Real filings from tests/fixtures are rewritten the way other filers (or other filing
software) would have written the same words, and the headings found are scored against the
filing's gold labels with the metric of scripts/evaluate.py:

- bold_tags: emphasis by <b>/<i>/<u> tags instead of CSS font-weight/-style/text-decoration
- style_classes: every inline style moved to a class of a <style> sheet
- px_sizes / em_sizes: font sizes in px, or in em of a 10pt page, instead of pt
- page_furniture: long paragraphs cut by a page number, a page break and a "Table of
  Contents" link, as printed pages split them
- break_after_heading: a page ends right after every third heading (page number, running
  header, contents link between heading and body)
- crlf_nbsp_quotes: Windows line endings, non-breaking spaces between words, straight
  quotes swapped for curly ones and the other way round
- wrapped_heading: every fourth factor heading split over two blocks, as a heading wraps in
  a filing laid out line by line
- upper_headings: factor headings in capitals; numbered_headings: "1. ", "2. " in front
- heading_tables: each factor heading boxed in a one-cell table
- hard_wrap (text filings): paragraphs wrapped at 72 columns, blank line between;
  glued_headings: the same without the blank line between a heading and its body
- plain_text: the filing as plain text (its paragraphs, blank line between, list items
  behind a bullet), no formatting
- no_formatting: the HTML with every style and emphasis tag removed

Each filing is read once per session; each variant costs one rewrite and one read. FLOOR
holds the F1 each variant reaches (measured, not hoped for); the others reach 1.000.
"""

from __future__ import annotations

import copy
import functools
import gzip
import html
import json
import re
import textwrap
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from core.model import Document
from core.read.document import read_document
from core.read.section import find_section
from core.segment.factors import segment
from scripts import evaluate
from tests.paths import FIXTURES

HTML_FILINGS = (
    "tesla_10-K_2023",
    "nvidia_10-K_2024",
    "cocacola_10-K_2023",
    "ibm_10-K_2023",
    "mastercard_10-K_2023",
)
# Disney 2015 is one of the held-out filings (tests/fixtures/heldout).
TEXT_FILINGS = ("iij-20f-fy2009", "disney_10-K_2017", "disney_10-K_2015")
SOURCES = evaluate.fixture_sources()

Rewrite = Callable[[etree._Element, tuple[str, ...]], None]


def gold(stem: str) -> dict[str, object]:
    """The labels of a filing, from the gold set or the held-out set."""
    path = FIXTURES / "gold" / f"{stem}.json"
    if not path.is_file():
        path = FIXTURES / "heldout" / f"{stem}.json"
    loaded: dict[str, object] = json.loads(path.read_text("utf-8"))
    return loaded


def gold_headings(stem: str) -> tuple[str, ...]:
    factors = gold(stem)["factors"]
    assert isinstance(factors, list)
    return tuple(str(factor["heading"]) for factor in factors)


def source_path(stem: str) -> Path:
    return SOURCES.find(str(gold(stem)["file"]))


@cache
def source_text(stem: str) -> str:
    path = source_path(stem)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


@cache
def parsed(stem: str) -> etree._Element:
    parser = etree.HTMLParser(huge_tree=True, encoding="utf-8")
    root: etree._Element = etree.fromstring(source_text(stem).encode("utf-8"), parser)
    return root


# -- HTML rewrites -------------------------------------------------------------------------

_BOLD = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\s*(?:!important)?\s*;?", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)\s*;?", re.I)
_UNDERLINE = re.compile(r"text-decoration(?:-line)?\s*:\s*underline\s*;?", re.I)
_PT = re.compile(r"(font-size\s*:\s*)([0-9]*\.?[0-9]+)\s*pt", re.I)
_EMPHASIS_TAGS = ("b", "strong", "i", "em", "u", "font")


def _styled(root: etree._Element) -> Iterator[etree._Element]:
    yield from (element for element in root.iter() if element.get("style"))


def _wrap_content(element: etree._Element, tag: str) -> None:
    """Move the element's text and children into a new <tag> child."""
    wrapper = etree.Element(tag)
    wrapper.text, element.text = element.text, None
    for child in list(element):
        wrapper.append(child)  # moves the child (and its tail) into the wrapper
    element.append(wrapper)


def bold_tags(root: etree._Element, _headings: tuple[str, ...]) -> None:
    for element in list(_styled(root)):
        style = element.get("style", "")
        for pattern, tag in ((_BOLD, "b"), (_ITALIC, "i"), (_UNDERLINE, "u")):
            if pattern.search(style):
                style = pattern.sub("", style)
                _wrap_content(element, tag)
        element.set("style", style)


def style_classes(root: etree._Element, _headings: tuple[str, ...]) -> None:
    names: dict[str, str] = {}
    for element in _styled(root):
        style = str(element.attrib.pop("style"))
        name = names.setdefault(style, f"s{len(names)}")
        element.set("class", f"{element.get('class', '')} {name}".strip())
    sheet = etree.Element("style")
    sheet.text = "\n".join(f".{name} {{{style}}}" for style, name in names.items())
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    head.append(sheet)


def px_sizes(root: etree._Element, _headings: tuple[str, ...]) -> None:
    for element in _styled(root):
        element.set(
            "style",
            _PT.sub(
                lambda m: f"{m.group(1)}{float(m.group(2)) * 4 / 3:.2f}px", element.get("style", "")
            ),
        )


def em_sizes(root: etree._Element, _headings: tuple[str, ...]) -> None:
    """Font sizes relative to a 10pt page (em), as some filing software writes them."""
    body = root.find("body")
    if body is not None:
        body.set("style", f"font-size:10pt;{body.get('style', '')}")
    for element in _styled(root):
        if element.tag == "body":
            continue
        element.set(
            "style",
            _PT.sub(
                lambda m: f"{m.group(1)}{float(m.group(2)) / 10:.3f}em", element.get("style", "")
            ),
        )


def no_formatting(root: etree._Element, _headings: tuple[str, ...]) -> None:
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("style", "")
    etree.strip_tags(root, *_EMPHASIS_TAGS)
    for sheet in root.iter("style"):
        sheet.text = ""


def _text_holders(root: etree._Element, *, longer_than: int) -> Iterator[etree._Element]:
    """Elements (no children) whose own text is long: the runs of prose paragraphs."""
    for element in root.iter():
        own = (element.text or "").strip()
        if isinstance(element.tag, str) and len(element) == 0 and len(own) > longer_than:
            yield element


def mid_sentence(text: str) -> int:
    """The first space past the middle of `text` before a word in lower case: where a page
    break cuts a sentence in two."""
    return next(
        match.start()
        for match in re.finditer(r" (?=[a-z])", text)
        if match.start() >= len(text) // 2 and text[match.start() - 1] not in ".!?:;"
    )


def _cut_runs(
    root: etree._Element, furniture: Callable[[int], str], *, mid_sentences: bool = False
) -> int:
    """Cut every third long run in two past its middle, with `furniture(count)` (HTML)
    between the halves as a printed page's foot and head stand; return the number of cuts.
    `mid_sentences`: only runs of prose (not a table's cells), cut inside a sentence."""
    cuts = 0
    runs = list(_text_holders(root, longer_than=600))
    if mid_sentences:
        runs = [run for run in runs if _outside_tables(run)]
    for count, run in enumerate(runs):
        if count % 3:
            continue
        text = run.text or ""
        cut = mid_sentence(text) if mid_sentences else text.index(" ", len(text) // 2)
        run.text = text[:cut]
        rest = copy.deepcopy(run)
        rest.text, rest.tail = text[cut + 1 :], run.tail
        run.tail = None
        inserted = etree.fromstring(f"<div>{furniture(count)}</div>", etree.HTMLParser()).find(
            ".//body/div"
        )
        assert inserted is not None
        parent = run.getparent()
        assert parent is not None
        position = parent.index(run)
        parent.insert(position + 1, inserted)
        parent.insert(position + 2, rest)
        cuts += 1
    return cuts


def _outside_tables(element: etree._Element) -> bool:
    return not any(ancestor.tag in ("td", "th") for ancestor in element.iterancestors())


def page_furniture(root: etree._Element, _headings: tuple[str, ...]) -> None:
    """Every third long run is cut mid-sentence by a printed page's foot and head."""
    _cut_runs(
        root,
        lambda count: (
            f'<div style="text-align:center">{40 + count}</div>'
            '<hr style="page-break-after:always"/>'
            '<div><a href="#toc">Table of Contents</a></div>'
        ),
    )


# A running line looks the same on every page: filing software sets its font on the line
# itself (left unset it would take the size of whatever text the page break cut).
_HEADER_LOOK = ' style="font-size:9pt;font-family:Arial"'


def running_header(root: etree._Element, _headings: tuple[str, ...], *, company: str) -> None:
    """Every third long run is cut mid-sentence by a page break, after which the company's
    name stands in bold and an underlined "Table of Contents" link: the next page's head."""
    name = html.escape(company)
    cuts = _cut_runs(
        root,
        lambda _count: (
            '<hr style="page-break-after:always"/>'
            f"<p{_HEADER_LOOK}><b>{name}</b></p>"
            f'<p{_HEADER_LOOK}><a href="#toc"><u>Table of Contents</u></a></p>'
        ),
        mid_sentences=True,
    )
    assert cuts >= 3  # a running line is one that repeats


def running_header_unmarked(
    root: etree._Element, _headings: tuple[str, ...], *, company: str
) -> None:
    """As `running_header`, with nothing marking the page break: the company's bold name and
    the link are ordinary paragraphs between the two halves of a sentence."""
    name = html.escape(company)
    cuts = _cut_runs(
        root,
        lambda _count: (
            f"<p{_HEADER_LOOK}><b>{name}</b></p>"
            f'<p{_HEADER_LOOK}><a href="#toc"><u>Table of Contents</u></a></p>'
        ),
        mid_sentences=True,
    )
    assert cuts >= 3


_SWAP_QUOTES = str.maketrans(
    {"\u2019": "'", "'": "\u2019", "\u201c": '"', "\u201d": '"', '"': "\u201d"}
)


def _retext(root: etree._Element, change: Callable[[str], str]) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script"):
            continue
        if element.text:
            element.text = change(element.text)
        if element.tail:
            element.tail = change(element.tail)


def _nbsp_and_quotes(text: str) -> str:
    # Every second gap between words becomes a non-breaking space.
    parts = text.split(" ")
    joined = "".join(
        part + ("\u00a0" if index % 2 else " ") for index, part in enumerate(parts[:-1])
    )
    return (joined + parts[-1]).translate(_SWAP_QUOTES)


def crlf_nbsp_quotes(root: etree._Element, _headings: tuple[str, ...]) -> None:
    _retext(root, _nbsp_and_quotes)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_of(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


def wrapped_heading(root: etree._Element, headings: tuple[str, ...]) -> None:
    """Every fourth gold heading that stands in one block of its own is split in two blocks
    after the word at its middle, each keeping the heading's look."""
    wanted = {_squash(heading) for heading in headings[::4]}
    for block in [e for e in root.iter("p", "div") if _squash(_text_of(e)) in wanted]:
        if block.find(".//div") is not None or block.find(".//p") is not None:
            continue
        wanted.discard(_squash(_text_of(block)))
        _split_block(block)


def _split_block(block: etree._Element) -> None:
    text = _text_of(block)
    cut = text.index(" ", len(text) // 2)
    first, second = copy.deepcopy(block), copy.deepcopy(block)
    _keep_chars(first, 0, cut)
    _keep_chars(second, cut + 1, len(text))
    second.tail, first.tail = block.tail, None
    parent = block.getparent()
    assert parent is not None
    position = parent.index(block)
    parent.remove(block)
    parent.insert(position, first)
    parent.insert(position + 1, second)


def _keep_chars(block: etree._Element, start: int, end: int) -> None:
    """Keep only characters start..end of the block's text, in document order (an element's
    text, its children, their tails); the runs keep their tags."""
    offset = 0

    def clip(value: str | None) -> str | None:
        nonlocal offset
        if not value:
            return value
        low, high = offset, offset + len(value)
        offset = high
        return value[max(start, low) - low : max(min(end, high) - low, 0)] or None

    def walk(element: etree._Element, *, tail: bool) -> None:
        element.text = clip(element.text)
        for child in element:
            walk(child, tail=True)
        if tail:
            element.tail = clip(element.tail)

    walk(block, tail=False)


def _heading_blocks(root: etree._Element, headings: tuple[str, ...]) -> Iterator[etree._Element]:
    """The innermost p/div holding each gold heading as its whole text, first one each."""
    wanted = {_squash(heading) for heading in headings}
    for block in list(root.iter("p", "div")):
        text = _squash(_text_of(block))
        if text in wanted and block.find(".//div") is None and block.find(".//p") is None:
            wanted.discard(text)
            yield block


def upper_headings(root: etree._Element, headings: tuple[str, ...]) -> None:
    """Factor headings in capitals, as older filings set them."""
    for block in _heading_blocks(root, headings):
        for element in block.iter():
            element.text = element.text.upper() if element.text else element.text
            if element is not block and element.tail:
                element.tail = element.tail.upper()


def heading_tables(root: etree._Element, headings: tuple[str, ...]) -> None:
    """Each factor heading in a one-cell table, as some filing software lays headings out."""
    for block in list(_heading_blocks(root, headings)):
        parent = block.getparent()
        assert parent is not None
        table = etree.Element("table")
        cell = etree.SubElement(etree.SubElement(table, "tr"), "td")
        table.tail, block.tail = block.tail, None
        parent.replace(block, table)
        cell.append(block)


def numbered_headings(root: etree._Element, headings: tuple[str, ...]) -> None:
    """Factor headings numbered "1. ", "2. " ... in front of their text."""
    for number, block in enumerate(_heading_blocks(root, headings), start=1):
        first = next((e for e in block.iter() if e.text and e.text.strip()), block)
        first.text = f"{number}. {(first.text or '').lstrip()}"


def break_after_heading(root: etree._Element, headings: tuple[str, ...]) -> None:
    """Every third heading ends its page: page number, running header and a contents link
    stand between it and its body."""
    for count, block in enumerate(_heading_blocks(root, headings)):
        if count % 3:
            continue
        parent = block.getparent()
        assert parent is not None
        furniture = etree.fromstring(
            f'<div><div style="text-align:center">{40 + count}</div>'
            '<hr style="page-break-after:always"/>'
            "<div>Example Company | 2023 Form 10-K</div>"
            '<div><a href="#toc">Table of Contents</a></div></div>',
            etree.HTMLParser(),
        ).find(".//body/div")
        assert furniture is not None
        furniture.tail, block.tail = block.tail, None
        parent.insert(parent.index(block) + 1, furniture)


# -- text rewrites (filings that are plain text already) ----------------------------------


def _paragraph_sep(text: str) -> str:
    """How the text separates paragraphs: a blank line, or (one paragraph a line) a newline."""
    return "\n\n" if "\n\n" in text else "\n"


def text_page_furniture(text: str, _headings: tuple[str, ...]) -> str:
    sep = _paragraph_sep(text)
    paragraphs = text.split(sep)
    long_ones = [i for i, paragraph in enumerate(paragraphs) if len(paragraph) > 600]
    for count, index in enumerate(long_ones[::3]):
        paragraph = paragraphs[index]
        cut = paragraph.index(" ", len(paragraph) // 2)
        footer = f"{sep}- {40 + count} -{sep}\f{sep}Table of Contents{sep}"
        paragraphs[index] = paragraph[:cut] + footer + paragraph[cut + 1 :]
    return sep.join(paragraphs)


def _text_running_header(text: str, company: str, *, page_break: bool) -> str:
    sep = _paragraph_sep(text)
    paragraphs = text.split(sep)
    long_ones = [i for i, paragraph in enumerate(paragraphs) if len(paragraph) > 600]
    assert len(long_ones[::3]) >= 3  # a running line is one that repeats
    for index in long_ones[::3]:
        paragraph = paragraphs[index]
        cut = mid_sentence(paragraph)
        feed = f"\f{sep}" if page_break else ""
        head = f"{sep}{feed}{company}{sep}Table of Contents{sep}"
        paragraphs[index] = paragraph[:cut] + head + paragraph[cut + 1 :]
    return sep.join(paragraphs)


def text_running_header(text: str, _headings: tuple[str, ...], *, company: str) -> str:
    """Every third long paragraph cut mid-sentence by a form feed, the company's name and a
    "Table of Contents" line (the next page's head)."""
    return _text_running_header(text, company, page_break=True)


def text_running_header_unmarked(text: str, _headings: tuple[str, ...], *, company: str) -> str:
    """The same with no form feed: the name and the link stand between the sentence's halves."""
    return _text_running_header(text, company, page_break=False)


def text_crlf_nbsp_quotes(text: str, _headings: tuple[str, ...]) -> str:
    return "\r\n".join(_nbsp_and_quotes(line) for line in text.split("\n"))


def text_wrapped_heading(text: str, headings: tuple[str, ...]) -> str:
    sep = _paragraph_sep(text)
    paragraphs = text.split(sep)
    wanted = {_squash(heading) for heading in headings[::4]}
    for index, paragraph in enumerate(paragraphs):
        if _squash(paragraph) in wanted:
            wanted.discard(_squash(paragraph))
            cut = paragraph.index(" ", len(paragraph) // 2)
            paragraphs[index] = paragraph[:cut] + sep + paragraph[cut + 1 :]
    return sep.join(paragraphs)


def text_upper_headings(text: str, headings: tuple[str, ...]) -> str:
    sep = _paragraph_sep(text)
    wanted = {_squash(heading) for heading in headings}
    return sep.join(
        paragraph.upper() if _squash(paragraph) in wanted else paragraph
        for paragraph in text.split(sep)
    )


def text_numbered_headings(text: str, headings: tuple[str, ...]) -> str:
    sep = _paragraph_sep(text)
    wanted = {_squash(heading) for heading in headings}
    paragraphs = text.split(sep)
    number = 0
    for index, paragraph in enumerate(paragraphs):
        if _squash(paragraph) in wanted:
            number += 1
            paragraphs[index] = f"{number}. {paragraph}"
    return sep.join(paragraphs)


def text_hard_wrap(text: str, _headings: tuple[str, ...]) -> str:
    """Paragraphs wrapped at 72 columns with a blank line between, as EDGAR .txt filings
    are typed."""
    paragraphs = [p for p in text.split(_paragraph_sep(text)) if p.strip()]
    return "\n\n".join(_fill_lines(p) for p in paragraphs) + "\n"


def _fill_lines(paragraph: str) -> str:
    """Each line (a list item keeps its own) wrapped at 72 columns."""
    wrapper = textwrap.TextWrapper(72, break_long_words=False, break_on_hyphens=False)
    return "\n".join(wrapper.fill(line) for line in paragraph.split("\n") if line.strip())


def text_glued_headings(text: str, headings: tuple[str, ...]) -> str:
    """Hard-wrapped like `text_hard_wrap`, with no blank line between a heading and its
    body (typewritten filings often set them so)."""
    wrapped = text_hard_wrap(text, headings)
    for heading in headings:
        lines = _fill_lines(heading)
        wrapped = wrapped.replace(f"{lines}\n\n", f"{lines}\n", 1)
    return wrapped


# -- variants, loading and scoring --------------------------------------------------------

HTML_REWRITES: dict[str, Rewrite | None] = {
    "identity": None,
    "bold_tags": bold_tags,
    "style_classes": style_classes,
    "px_sizes": px_sizes,
    "em_sizes": em_sizes,
    "page_furniture": page_furniture,
    "crlf_nbsp_quotes": crlf_nbsp_quotes,
    "wrapped_heading": wrapped_heading,
    "upper_headings": upper_headings,
    "break_after_heading": break_after_heading,
    "heading_tables": heading_tables,
    "numbered_headings": numbered_headings,
    "no_formatting": no_formatting,
    "plain_text": None,
}
# Rewrites that write the company's name (from the filing's labels) as a running header.
HTML_NAME_REWRITES: dict[str, Callable[..., None]] = {
    "running_header": running_header,
    "running_header_unmarked": running_header_unmarked,
}
TEXT_REWRITES: dict[str, Callable[[str, tuple[str, ...]], str] | None] = {
    "identity": None,
    "page_furniture": text_page_furniture,
    "crlf_nbsp_quotes": text_crlf_nbsp_quotes,
    "wrapped_heading": text_wrapped_heading,
    "upper_headings": text_upper_headings,
    "numbered_headings": text_numbered_headings,
    "hard_wrap": text_hard_wrap,
    "glued_headings": text_glued_headings,
}
TEXT_NAME_REWRITES: dict[str, Callable[..., str]] = {
    "running_header": text_running_header,
    "running_header_unmarked": text_running_header_unmarked,
}
# Page furniture between two halves of a sentence, whether a page break marks it or not:
# the reader drops it and joins the sentence again, so the factors come out as from the
# original, word for word.
RUNNING_HEADER_VARIANTS = tuple(HTML_NAME_REWRITES)


def variant_file(stem: str, variant: str, folder: Path) -> Path:
    """The filing rewritten as `variant`, written into `folder`."""
    headings = gold_headings(stem)
    company = str(gold(stem)["company"])
    if stem in TEXT_FILINGS:
        rewrite_text = TEXT_REWRITES.get(variant)
        if variant in TEXT_NAME_REWRITES:
            rewrite_text = functools.partial(TEXT_NAME_REWRITES[variant], company=company)
        text = source_text(stem)
        out = folder / f"{stem}.{variant}.txt"
        out.write_bytes((rewrite_text(text, headings) if rewrite_text else text).encode("utf-8"))
        return out
    if variant == "plain_text":
        out = folder / f"{stem}.{variant}.txt"
        blocks = read_document(source_path(stem)).blocks
        # As a text export writes it: a paragraph a line, blank line between, list items
        # behind a bullet glyph.
        lines = (f"\u2022 {b.text}" if b.tag == "li" else b.text for b in blocks)
        out.write_text("\n\n".join(lines), encoding="utf-8")
        return out
    root = copy.deepcopy(parsed(stem))
    rewrite = HTML_REWRITES.get(variant)
    if variant in HTML_NAME_REWRITES:
        rewrite = functools.partial(HTML_NAME_REWRITES[variant], company=company)
    if rewrite is not None:
        rewrite(root, headings)
    html = etree.tostring(root, method="html", encoding="unicode")
    if variant == "crlf_nbsp_quotes":
        html = html.replace("\r\n", "\n").replace("\n", "\r\n")
    out = folder / f"{stem}.{variant}.html"
    out.write_text(html, encoding="utf-8", newline="")
    return out


@cache
def document(stem: str, variant: str, folder: Path, *, whole: bool = False) -> Document:
    return read_document(variant_file(stem, variant, folder), whole=whole)


def headings_found(stem: str, variant: str, folder: Path) -> list[str]:
    read = document(stem, variant, folder)
    factors, _intro = segment(find_section(read), has_markup=read.has_markup)
    return [factor.heading for factor in factors]


_NUMBERED = re.compile(r"^\d+\.\s+")


def heading_f1(stem: str, variant: str, folder: Path) -> float:
    """Heading F1 against the gold, letter case and a number in front aside (variants set
    headings in capitals or number them)."""
    found = [_NUMBERED.sub("", h).casefold() for h in headings_found(stem, variant, folder)]
    gold_found = [heading.casefold() for heading in gold_headings(stem)]
    matched = evaluate.match_headings(found, gold_found)
    return evaluate.Score.of(len(matched), len(found), len(gold_found)).f1


# The F1 each variant reaches, per filing, as measured; anything not listed stays at 1.0.
FLOOR: dict[tuple[str, str], float] = {
    # Without formatting some one-sentence body paragraphs read like headings (and some
    # long headings like body); the wording alone cannot tell them apart.
    ("tesla_10-K_2023", "no_formatting"): 0.98,
    ("tesla_10-K_2023", "plain_text"): 0.98,
    ("nvidia_10-K_2024", "no_formatting"): 0.96,
    ("nvidia_10-K_2024", "plain_text"): 0.96,
    ("mastercard_10-K_2023", "no_formatting"): 0.96,
    ("mastercard_10-K_2023", "plain_text"): 0.96,
    # A heading whose last line is nearly as long as the body's lines cannot be told from
    # the body it runs into; those factors merge with the one before.
    ("iij-20f-fy2009", "glued_headings"): 0.8,
    ("disney_10-K_2017", "glued_headings"): 0.8,
    ("disney_10-K_2015", "glued_headings"): 0.8,
}

# Variants the reader undoes entirely, so its blocks come out as from the original.
SAME_BLOCKS = (
    "bold_tags",
    "style_classes",
    "px_sizes",
    "break_after_heading",
    "hard_wrap",
    *RUNNING_HEADER_VARIANTS,
)

# The untouched filings are scored by tests/test_accuracy.py; IBM's headings are run-in,
# so no block holds a whole heading to wrap, set in capitals or end a page after.
WHOLE_HEADING_VARIANTS = (
    "wrapped_heading",
    "upper_headings",
    "break_after_heading",
    "heading_tables",
    "numbered_headings",
)
# The two largest filings take about half a second a variant.
LARGE = ("cocacola_10-K_2023", "mastercard_10-K_2023")
CASES = [
    pytest.param(stem, variant, marks=[pytest.mark.slow] if stem in LARGE else [])
    for stem in HTML_FILINGS
    for variant in [*HTML_REWRITES, *HTML_NAME_REWRITES]
    if variant != "identity" and not (stem == "ibm_10-K_2023" and variant in WHOLE_HEADING_VARIANTS)
] + [
    (stem, variant)
    for stem in TEXT_FILINGS
    for variant in [*TEXT_REWRITES, *TEXT_NAME_REWRITES]
    if variant != "identity"
]
RUNNING_HEADER_CASES = [case for case in CASES if case[1] in RUNNING_HEADER_VARIANTS]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("variants")


@pytest.mark.parametrize(("stem", "variant"), CASES)
def test_variant_rewrites_the_filing(stem: str, variant: str, folder: Path) -> None:
    """Each variant really changes the file (a rewrite that missed would pass for free)."""
    # Read whole: a rewrite may change the filing only past the end of its Risk Factors.
    changed = document(stem, variant, folder, whole=True)
    original = document(stem, "identity", folder, whole=True)
    assert Path(changed.path).read_bytes() != Path(original.path).read_bytes()
    if variant in SAME_BLOCKS:
        # Same words in the same looks, written another way (or page furniture the reader
        # drops, or wrapped lines it joins again): the reader sees no difference.
        assert [b.text for b in changed.blocks] == [b.text for b in original.blocks]
    elif variant != "em_sizes":  # em sizes come out the same in some filings, not in all
        assert changed.blocks != original.blocks


@pytest.mark.parametrize(("stem", "variant"), CASES)
def test_variant_keeps_headings(stem: str, variant: str, folder: Path) -> None:
    f1 = heading_f1(stem, variant, folder)
    assert f1 >= FLOOR.get((stem, variant), 1.0) - 1e-9, f"{stem} {variant}: F1 {f1:.3f}"


def factors_found(stem: str, variant: str, folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    read = document(stem, variant, folder)
    factors, _intro = segment(find_section(read), has_markup=read.has_markup)
    return [(factor.heading, factor.paragraphs) for factor in factors]


@pytest.mark.parametrize(("stem", "variant"), RUNNING_HEADER_CASES)
def test_running_headers_never_enter_a_factor(stem: str, variant: str, folder: Path) -> None:
    """The company's name and a contents link between two halves of a sentence, at every page
    break: the factors are those of the original filing, every sentence whole again."""
    company = str(gold(stem)["company"])
    found = factors_found(stem, variant, folder)
    assert found == factors_found(stem, "identity", folder)
    for heading, paragraphs in found:
        for text in (heading, *paragraphs):
            assert "Table of Contents" not in text
            assert text != company
