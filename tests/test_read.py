"""Reading filing files into Documents: refusals, encodings, HTML formatting, text layout."""

from __future__ import annotations

import gzip
import string
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import FilingReadError
from core.model import Document
from core.read.document import read_document
from tests.paths import FIXTURES, SAMPLES

CORPUS = FIXTURES / "corpus"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _html(tmp_path: Path, body: str, name: str = "filing.htm") -> Document:
    return read_document(_write(tmp_path, name, f"<html><body>{body}</body></html>".encode()))


def _texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        # nothing in it
        ("empty.htm", b"", "empty"),
        # only blank space
        ("blank.txt", b"  \n\n\t \n", "blank"),
        # NUL bytes mean binary data
        ("data.bin", b"Item 1A\x00\x00\x01\x02risk", "binary"),
        # a PDF picked by mistake
        ("report.htm", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        # a zip (or .docx) picked by mistake
        ("report.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 40, "zip"),
        # a PNG image
        ("logo.htm", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        # a gzip stream cut short
        ("cut.htm.gz", gzip.compress(b"<html>" + b"x" * 5000)[:30], "gzip"),
        # a gzip of nothing
        ("nothing.txt.gz", gzip.compress(b""), "empty"),
        # high bytes that no encoding reads as text
        ("garbled.txt", b"Risk " + bytes(range(0x80, 0x100)) * 20, "encoding could not be"),
        # a UTF-16 mark followed by an odd number of bytes
        ("odd.txt", b"\xff\xfeI\x00t\x00e", "utf-16"),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(FilingReadError, match=expected) as error:
        read_document(path)
    assert name in str(error.value)
    assert "\n" not in str(error.value)


def test_markup_nested_thousands_deep_is_read(tmp_path: Path) -> None:
    # No filing does that, but the reader keeps no call stack per element: it reads on.
    path = _write(tmp_path, "deep.htm", b"<html><p>" + b"<b>" * 5000 + b"Risk factors")
    [block] = read_document(path).blocks
    assert (block.text, block.style.bold) == ("Risk factors", 1.0)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FilingReadError, match=r"missing\.htm: no such file"):
        read_document(tmp_path / "missing.htm")
    with pytest.raises(FilingReadError, match="folder"):
        read_document(tmp_path)


def test_too_large_file_is_refused_also_when_gzipped(tmp_path: Path) -> None:
    text = b"We may lose money.\n\n" * 1000
    with pytest.raises(FilingReadError, match=r"big\.txt: it is larger than"):
        read_document(_write(tmp_path, "big.txt", text), max_bytes=10_000)
    with pytest.raises(FilingReadError, match="larger than"):
        read_document(_write(tmp_path, "big.txt.gz", gzip.compress(text)), max_bytes=10_000)
    assert read_document(_write(tmp_path, "ok.txt", text), max_bytes=30_000).blocks


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        # Windows-1252 curly quotes and dash
        ("Our \u201cbrand\u201d \u2013 risks".encode("cp1252"), "cp1252", "Our \u201cbrand\u201d"),
        # Latin-1 accents (cp1252 reads them the same)
        ("Soci\xe9t\xe9 G\xe9n\xe9rale".encode("latin-1"), "cp1252", "Soci\xe9t\xe9"),
        # UTF-8 with a byte order mark: the mark is not text
        ("\ufeffRisk Factors \u2014 \xa5".encode(), "utf-8", "Risk Factors \u2014 \xa5"),
        # plain UTF-8
        ("Risk \u2264 \u20ac5".encode(), "utf-8", "Risk \u2264 \u20ac5"),
        # UTF-8 with a stray Windows-1252 quote pasted in
        (
            "caf\u00e9 \u2014 na\u00efve r\u00e9sum\u00e9 ".encode() + b"\x93quoted\x94",
            "utf-8",
            "caf\u00e9 \u2014 na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d",
        ),
        # Windows-1252 with a byte cp1252 leaves undefined: one replacement character
        (b"Our \x93brand\x94\x81 risk", "cp1252", "Our \u201cbrand\u201d\ufffd"),
        # a declared non-Western charset
        (
            b'<meta charset="shift_jis"><p>' + "\u30ea\u30b9\u30af".encode("shift_jis"),
            "shift_jis",
            "\u30ea\u30b9\u30af",
        ),
        # UTF-16 with its mark
        ("Risk Factors \u2019".encode("utf-16"), "utf-16", "Risk Factors \u2019"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str, expected: str) -> None:
    document = read_document(_write(tmp_path, "filing.txt", data))
    assert document.encoding == encoding
    assert document.text.startswith(expected)


def test_xml_declaration_after_a_byte_order_mark(tmp_path: Path) -> None:
    data = b'\xef\xbb\xbf  <?xml version="1.0" encoding="ASCII"?><html><p>Risk</p></html>'
    assert _texts(read_document(_write(tmp_path, "a.htm", data))) == ["Risk"]


def test_utf16_html_is_read_as_html(tmp_path: Path) -> None:
    data = "<html><body><p><b>Risk</b> factors</p></body></html>".encode("utf-16")
    document = read_document(_write(tmp_path, "wide.htm", data))
    assert (document.kind, document.encoding) == ("html", "utf-16")
    assert _texts(document) == ["Risk factors"]


def test_gzipped_text_and_html_are_sniffed_by_content(tmp_path: Path) -> None:
    text = read_document(_write(tmp_path, "a.gz", gzip.compress(b"One.\n\nTwo.")))
    assert (text.kind, _texts(text)) == ("text", ["One.", "Two."])
    html = read_document(_write(tmp_path, "b.txt.gz", gzip.compress(b"<p>One.</p><p>Two.</p>")))
    assert (html.kind, _texts(html)) == ("html", ["One.", "Two."])


# --- HTML ----------------------------------------------------------------------------------


def test_hidden_inline_xbrl_header_and_display_none_are_dropped(tmp_path: Path) -> None:
    body = (
        '<div style="display:none"><ix:header><ix:hidden>dei:Secret 0000</ix:hidden>'
        "</ix:header></div><ix:header>Context ctx-1 2023</ix:header>"
        '<p>Seen <span style="display: none">unseen</span>text.</p>'
    )
    document = _html(tmp_path, body)
    assert _texts(document) == ["Seen text."]


_PLAIN = (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("body", "emphasis", "size", "color"),
    [
        # tags
        ("<p><b>Risk</b></p>", (1.0, 0.0, 0.0), None, None),
        ("<p><strong><em>Risk</em></strong></p>", (1.0, 1.0, 0.0), None, None),
        ("<p><u>Risk</u></p>", (0.0, 0.0, 1.0), None, None),
        ('<p><font size="2" color="red">Risk</font></p>', _PLAIN, 10.0, "#ff0000"),
        # inline CSS, inherited from the block element
        ('<div style="font-weight:700;font-size:9pt;color:#ff671b"><span>Risk</span></div>',
         (1.0, 0.0, 0.0), 9.0, "#ff671b"),
        ('<p style="font-style:italic;text-decoration:underline;font-size:16px">Risk</p>',
         (0.0, 1.0, 1.0), 12.0, None),
        ('<p style="font-weight:bold;color:rgb(0,0,255)">Risk</p>',
         (1.0, 0.0, 0.0), None, "#0000ff"),
        # CSS overrides the tag: a <b> set back to normal weight
        ('<p><b><span style="font-weight:400">Risk</span></b></p>', _PLAIN, None, None),
        # relative size against the parent
        ('<div style="font-size:10pt"><span style="font-size:150%">Risk</span></div>',
         _PLAIN, 15.0, None),
        # share of the letters: 5 of 8 letters are bold
        ("<p><b>Risks</b> and</p>", (0.625, 0.0, 0.0), None, None),
    ],
)  # fmt: skip
def test_block_style_comes_from_tags_and_css(
    tmp_path: Path,
    body: str,
    emphasis: tuple[float, float, float],
    size: float | None,
    color: str | None,
) -> None:
    (block,) = _html(tmp_path, body).blocks
    assert (block.style.bold, block.style.italic, block.style.underline) == emphasis
    assert (block.style.font_size, block.style.color) == (size, color)


def test_styles_from_a_stylesheet_by_class_and_tag(tmp_path: Path) -> None:
    head = (
        "<html><head><style>/* house style */ p { font-size: 10pt }"
        " .hd, .cat { font-weight: bold } p.it { font-style: italic; color: #336699 }"
        " .gone { display: none } @media print { .x { color: red } }</style></head><body>"
    )
    body = (
        '<p class="cat hd">Risks Related to Us</p><p class="it">We may fail.</p>'
        '<p class="it" style="font-style:normal">We may lose.</p><p class="gone">hidden</p>'
    )
    path = _write(tmp_path, "classes.htm", (head + body + "</body></html>").encode())
    looks = [
        (b.text, b.style.bold, b.style.italic, b.style.font_size, b.style.color)
        for b in read_document(path).blocks
    ]
    assert looks == [
        ("Risks Related to Us", 1.0, 0.0, 10.0, None),
        ("We may fail.", 0.0, 1.0, 10.0, "#336699"),
        ("We may lose.", 0.0, 0.0, 10.0, "#336699"),
    ]


@pytest.mark.parametrize(
    ("body", "lead", "lead_italic"),
    [
        # IBM: an italic "Heading:" run-in before plain text
        ("<p><i>Downturn Could Impact the Business:</i> If demand decreases, revenue falls.</p>",
         "Downturn Could Impact the Business:", 1.0),
        # the colon sits in the plain run that follows, even after a space
        ("<p><i>Damage to Reputation </i> : IBM has a strong brand.</p>",
         "Damage to Reputation :", 1.0),
        # the colon sits in the plain run that follows
        ("<p><i>Damage to Reputation</i>: IBM has a strong brand.</p>",
         "Damage to Reputation:", 1.0),
        # a bold first sentence
        ("<p><b>We may lose money.</b> Our costs rise.</p>", "We may lose money.", 0.0),
        # the whole block in one style has no lead
        ("<p><b>We may lose money.</b></p>", "", 0.0),
        # a plain opening has no lead
        ("<p>Our costs <i>may</i> rise.</p>", "", 0.0),
        # Coca-Cola: the plain text after the lead opens with an entity, which the parser
        # hands over in pieces; it is still one run, so the dash is not part of the lead
        ("<p><i>Our Business</i> &#8212; a general description of our business.</p>",
         "Our Business", 1.0),
    ],
)  # fmt: skip
def test_run_in_lead_is_the_formatted_opening(
    tmp_path: Path, body: str, lead: str, lead_italic: float
) -> None:
    (block,) = _html(tmp_path, body).blocks
    assert block.lead == lead
    assert block.text.startswith(block.lead)
    assert block.lead_style.italic == lead_italic


def test_bullets_laid_out_in_tables_become_list_items(tmp_path: Path) -> None:
    body = (
        "<p>Our success depends on our ability to:</p><table>"
        "<tr><td>\u2022</td><td>identify industry changes;</td></tr>"
        "<tr><td>\u2022</td><td><b>develop</b> new products.</td></tr></table>"
    )
    blocks = _html(tmp_path, body).blocks
    assert [(b.text, b.tag, b.in_table) for b in blocks] == [
        ("Our success depends on our ability to:", "p", False),
        ("identify industry changes;", "li", True),
        ("develop new products.", "li", True),
    ]
    assert blocks[2].lead == "develop"


def test_paragraphs_inside_list_items_are_list_items(tmp_path: Path) -> None:
    document = _html(tmp_path, "<ul><li><p>first point;</p></li><li>second point.</li></ul>")
    assert [(b.text, b.tag) for b in document.blocks] == [
        ("first point;", "li"),
        ("second point.", "li"),
    ]


def test_html_without_formatting_has_no_markup(tmp_path: Path) -> None:
    plain = _html(tmp_path, "<div>Risk factors</div><div>We may lose money.</div>")
    assert not plain.has_markup
    assert _html(tmp_path, "<div><b>Risk factors</b></div><div>We may.</div>").has_markup


def test_double_line_break_splits_paragraphs_and_single_one_does_not(tmp_path: Path) -> None:
    document = _html(tmp_path, "<p>One line<br>goes on.<br><br>Second paragraph.</p>")
    assert _texts(document) == ["One line goes on.", "Second paragraph."]


def test_typewritten_text_in_html_is_split_at_blank_lines(tmp_path: Path) -> None:
    body = (
        "<div>\n                 -7-\n\nRisk factors\n- ------------\n\nAs an international"
        "\ninsurer, we face risks.\n\nChanges in rates may affect profit\n\nIn periods...\n</div>"
    )
    document = _html(tmp_path, body)
    assert _texts(document) == [
        "Risk factors",
        "As an international insurer, we face risks.",
        "Changes in rates may affect profit",
        "In periods...",
    ]
    assert document.blocks[0].style.underline == 1.0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a <pre> is plain text, paragraphs at blank lines, even what CSS would hide inside it
        (
            '<div>Intro</div><pre>Risk\nfactors <span style="display:none">b</span>c\n\nSecond'
            "</pre><p>after</p>",
            ["Intro", "Risk factors bc", "Second", "after"],
        ),
        # a <pre> inside hidden content is hidden with it
        ('<div style="display:none"><pre>hidden</pre>gone</div><p>shown</p>', ["shown"]),
        # a <pre> nested in a <pre> is more of its text
        ("<p>a</p><pre>p<pre>q</pre>r</pre><p>b</p>", ["a", "pqr", "b"]),
    ],
)
def test_preformatted_text_is_read_whole(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert _texts(_html(tmp_path, body)) == expected


def test_running_headers_and_page_numbers_around_page_breaks_are_removed(tmp_path: Path) -> None:
    page = (
        "<div>ACME 2023 FORM 10-K {n}</div><hr style='page-break-after:always'>"
        "<div>PART I</div><div>ITEM 1A. RISK FACTORS</div><p>{n}</p>"
        "<p>{words} of the risks go on long enough to be a body paragraph of its own.</p>"
    )
    words = ["Some", "Many", "All", "Few", "None"]
    body = "".join(page.format(n=n, words=words[n - 20]) for n in range(20, 25))
    texts = _texts(_html(tmp_path, body))
    assert [text.split()[0] for text in texts] == words


def test_paragraph_cut_by_a_page_break_is_joined(tmp_path: Path) -> None:
    body = (
        "<p>Our accumulated deficit, which we may not be able to reduce in the foreseeable</p>"
        "<div>12</div><hr><div>Table of Contents</div><p>future, amounted to 3 billion.</p>"
    )
    assert _texts(_html(tmp_path, body)) == [
        "Our accumulated deficit, which we may not be able to reduce in the foreseeable "
        "future, amounted to 3 billion."
    ]


# --- plain text ----------------------------------------------------------------------------


def test_text_with_blank_lines_joins_wrapped_lines(tmp_path: Path) -> None:
    text = b"D. Risk Factors\n\nWe may not maintain\nour revenues.\n\n- fewer customers,\n- less."
    document = read_document(_write(tmp_path, "a.txt", text))
    assert [(b.text, b.tag) for b in document.blocks] == [
        ("D. Risk Factors", "text"),
        ("We may not maintain our revenues.", "text"),
        ("fewer customers,", "li"),
        ("less.", "li"),
    ]


def test_text_without_blank_lines_is_one_paragraph_per_line(tmp_path: Path) -> None:
    text = b"ITEM 1A. Risk Factors\nFor an enterprise as large as ours.\nChanges could hurt us."
    assert _texts(read_document(_write(tmp_path, "b.txt", text))) == [
        "ITEM 1A. Risk Factors",
        "For an enterprise as large as ours.",
        "Changes could hurt us.",
    ]


_INVESTMENTS = "We may lose a great deal of money on our investments in the coming years"


def test_edgar_text_submission_wrappers_and_page_marks(tmp_path: Path) -> None:
    text = (
        b"<DOCUMENT>\n<TYPE>10-K\n<SEQUENCE>1\n<TEXT>\nRisk Factors\n\n"
        b"We may lose a great deal of\nmoney on our investments in the coming years if"
        b"\n<PAGE>\n                                  12\n\nprices fall.\n</TEXT>\n</DOCUMENT>\n"
    )
    document = read_document(_write(tmp_path, "0000950123-00-001.txt", text))
    assert (document.kind, _texts(document)) == (
        "text",
        ["Risk Factors", f"{_INVESTMENTS} if prices fall."],
    )


def test_hard_wrapped_text_without_blank_lines_is_rejoined(tmp_path: Path) -> None:
    paragraphs = [
        "ITEM 1A. RISK FACTORS",
        "You should carefully consider the following risks before you invest. " * 3,
        "We compete with many larger firms that have more money than we do. " * 2,
        "Competition could hurt us.",
        "Our rivals have more money and more people than we do, and they may win. " * 2,
    ]
    lines = [line for text in paragraphs for line in textwrap.wrap(text, 78)]
    document = read_document(_write(tmp_path, "pasted.txt", "\n".join(lines).encode()))
    assert _texts(document) == [" ".join(text.split()) for text in paragraphs]


def test_iij_sample_drops_table_of_contents_and_mends_page_breaks() -> None:
    document = read_document(SAMPLES / "iij-20f-fy2009.txt")
    assert "Table of Contents" not in _texts(document)
    assert not any(block.text[0].islower() and block.tag == "text" for block in document.blocks)


_WORDS = st.text(alphabet=string.ascii_letters + "éü\u2019.,;:-•\t ", min_size=1, max_size=30)
_LINES = st.lists(st.one_of(_WORDS, st.just(""), st.just("\f"), st.just("- ")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(lines=_LINES, html=st.booleans(), after=st.sampled_from([" x", ": x", " : x", ". x", ":"]))
def test_block_offsets_point_at_block_text(lines: list[str], html: bool, after: str) -> None:
    lines = ["Risk Factors.", *lines]
    content = "\n".join(lines)
    if html:
        paragraphs = "".join(f"<p><b>{line}</b>{after}</p>" for line in lines)
        content = f"<html><body>{paragraphs}</body>"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.txt"
        path.write_text(content, encoding="utf-8")
        document = read_document(path)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        assert block.text == " ".join(block.text.split())
        assert block.text.startswith(block.lead)
    assert document.text == "\n\n".join(_texts(document))


# --- real filings --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def read_fixture() -> Callable[[str], Document]:
    cache: dict[str, Document] = {}

    def read(name: str) -> Document:
        if name not in cache:
            cache[name] = read_document(CORPUS / name)
        return cache[name]

    return read


@pytest.mark.parametrize(
    ("name", "kind", "has_markup"),
    [
        ("cocacola_10-K_2023.html.gz", "html", True),
        ("ibm_10-K_2023.html.gz", "html", True),
        ("aegon_20-F_2000.html.gz", "html", False),
        ("medicis_10-K_1999.html.gz", "html", True),
        ("disney_10-K_2016.txt.gz", "text", False),
    ],
)
def test_real_filings_read(
    read_fixture: Callable[[str], Document], name: str, kind: str, has_markup: bool
) -> None:
    document = read_fixture(name)
    assert (document.kind, document.has_markup) == (kind, has_markup)
    assert all(document.text[b.start : b.end] == b.text for b in document.blocks)
    assert "dei:" not in document.text and "xbrli:" not in document.text


def test_ibm_run_in_headings_are_italic_leads(read_fixture: Callable[[str], Document]) -> None:
    document = read_fixture("ibm_10-K_2023.html.gz")
    leads = [b.lead for b in document.blocks if b.lead_style.italic == 1.0 and b.lead]
    assert "Damage to IBM\u2019s Reputation Could Impact the Company\u2019s Business:" in leads


def test_mastercard_levels_keep_size_and_colour(read_fixture: Callable[[str], Document]) -> None:
    blocks = read_fixture("mastercard_10-K_2023.html.gz").blocks
    styles = {b.text: b.style for b in blocks if not b.in_table}
    assert styles["Legal and Regulatory"].font_size == 15.0
    assert (
        styles["Payments Industry Regulation"].font_size,
        styles["Payments Industry Regulation"].color,
    ) == (12.0, "#ff671b")
    assert not any("MASTERCARD 2023 FORM 10-K" in b.text for b in blocks)  # running footer


def test_each_font_element_keeps_its_own_size(tmp_path: Path) -> None:
    # Two <font size> in a row under the same parent: the second is not read as the first.
    markup = (
        b"<html><body><p><font size='5'>Large heading</font></p>"
        b"<p><font size='2'>Small body text</font></p></body></html>"
    )
    blocks = read_document(_write(tmp_path, "fonts.htm", markup)).blocks
    assert [block.style.font_size for block in blocks] == [18.0, 10.0]
