"""A filing file to a Document: checks, decoding, reading as HTML or text, cleaning.

>>> document = read_document("resources/samples/iij-20f-fy2005.txt")  # doctest: +SKIP
>>> document.kind, document.blocks[0].text[:20]  # doctest: +SKIP
('text', 'have translated some')
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from core.errors import FilingReadError
from core.model import Block, Document, Progress, SubmissionHeader
from core.progress import report, share_of
from core.read.clean import clean_blocks
from core.read.decode import Decoded, DecodeError, decode_text
from core.read.draft import Draft
from core.read.extent import UNSURE_BLOCKS, SectionExtent
from core.read.html import ParsedHtml, parse_html, read_html_blocks
from core.read.meta import dei_markup
from core.read.submission import is_submission, read_submission
from core.read.text import read_text_blocks

# Largest filing accepted (after gunzip). The largest 10-Ks on EDGAR are ~10-15 MB of HTML.
# Measured: a 55 MB HTML filing (a 10-K's body 14 times over) reads whole in ~1.5 s and
# ~530 MB of memory at the peak (its parsed tree), a 50 MB text file in ~2.3 s and ~420 MB;
# 64 MB still answers in seconds, larger is refused.
# Reading reports progress as it goes, so such a read shows a moving bar and can be cancelled.
MAX_BYTES = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_START = re.compile(r"<(?:div|p|table|font|center|span)\b", re.IGNORECASE)
# EDGAR submission headers can run long before the <html> of the document itself.
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_SNIFF = 4096
# A complete HTML filing closes its document near its end (EDGAR wrappers close theirs too).
_CLOSED = re.compile(r"</(?:html|body|text|document)\s*>", re.IGNORECASE)
_TAIL = 4096
# How a complete text ends: a sentence, a closing quote or bracket, or an EDGAR wrapper tag.
_TEXT_ENDS = tuple(".!?:;)]\"\u201d\u2019'>")
_SNIFF_ROOT = 65536
_SEPARATOR = "\n\n"
# read_document's progress scale and where each stage ends on it (measured on a 54 MB
# inline-XBRL filing: decode 3%, parse and read the elements 82%, clean 7%, lay out 8%).
READ_STEPS = 1000
_DECODED = 30
_WALKED = 850
_CLEANED = 920
_BLOCKS_PER_REPORT = 8192


class Opened(NamedTuple):
    """A filing file read, decoded and, when it is HTML, parsed: what read_document reads
    its blocks from (open_document)."""

    text: str  # the report's markup or text (an EDGAR submission's report part)
    encoding: str
    encoding_guessed: bool
    submission: SubmissionHeader | None
    facts: str  # the inline XBRL cover facts (core.read.meta.dei_markup), "" for text
    ends_abruptly: bool
    parsed: ParsedHtml | None  # None for a text filing


def open_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Opened:
    """Read, check and decode the filing at `path` and parse it when it is HTML: the part of
    reading that needs nothing else (another thread may do it; the parse itself runs without
    the interpreter lock).

    Raises FilingReadError as read_document does.
    """
    name = Path(path).name
    text, encoding, guessed = _read_text(Path(path), name, max_bytes=max_bytes)
    header = None
    if is_submission(text):
        # An EDGAR full-submission file: only its report part is read, exhibits left out;
        # whether the download is whole shows at the end of the submission itself.
        ends_abruptly = _CLOSED.search(text, max(0, len(text) - _TAIL)) is None
        part = read_submission(text, name)
        header, text, is_html = part.header, part.text, part.is_html
    else:
        is_html = _looks_like_html(text)
    if not is_html:
        if header is None:
            ends_abruptly = not text.rstrip().endswith(_TEXT_ENDS)
        return Opened(text, encoding, guessed, header, "", ends_abruptly, None)
    if header is None:
        ends_abruptly = _CLOSED.search(text, max(0, len(text) - _TAIL)) is None
    facts = dei_markup(text)
    return Opened(text, encoding, guessed, header, facts, ends_abruptly, parse_html(text))


def read_document(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
    whole: bool = False,
    opened: Opened | None = None,
) -> Document:
    """Read a 10-K / 20-F filing (HTML, inline XBRL or plain text, or an EDGAR full-submission
    text file holding one of them; optionally gzipped).

    Raises FilingReadError naming the file when it is missing, a directory, empty,
    binary, undecodable or larger than `max_bytes`. `progress` hears (done, READ_STEPS)
    every few milliseconds of work (per few thousand elements or blocks) and may raise
    core.errors.Cancelled to stop the read.

    An HTML filing is read up to a little after its Risk Factors section (core.read.extent;
    `Document.whole` is then False) unless `whole` is True. `opened` is the file opened
    already (open_document).
    """
    name = Path(path).name
    report(progress, 0, READ_STEPS)
    if opened is None:
        opened = open_document(path, max_bytes=max_bytes)
    report(progress, _DECODED, READ_STEPS)
    walking = share_of(progress, _DECODED, _WALKED, total=READ_STEPS)
    if opened.parsed is not None:
        drafts, has_markup, unread = read_html_blocks(
            opened.text,
            progress=walking,
            extent=None if whole else SectionExtent(),
            parsed=opened.parsed,
        )
        kind = "html"
    else:
        drafts, has_markup, unread = read_text_blocks(opened.text, progress=walking), False, None
        kind = "text"
    report(progress, _WALKED, READ_STEPS)
    cleaned = clean_blocks(drafts, unread=unread)
    if unread is not None:
        del cleaned[-UNSURE_BLOCKS:]  # may read otherwise than in the whole (see there)
    del drafts
    report(progress, _CLEANED, READ_STEPS)
    full_text, blocks = lay_out(
        cleaned, progress=share_of(progress, _CLEANED, READ_STEPS, total=READ_STEPS)
    )
    if not blocks:
        raise FilingReadError(f"cannot read {name}: no text found in it")
    report(progress, READ_STEPS, READ_STEPS)
    return Document(
        path=str(path),
        text=full_text,
        blocks=blocks,
        kind=kind,
        encoding=opened.encoding,
        has_markup=has_markup,
        facts=opened.facts,
        submission=opened.submission,
        encoding_guessed=opened.encoding_guessed,
        ends_abruptly=opened.ends_abruptly,
        whole=unread is None,
    )


def draft_blocks(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> list[Draft | None]:
    """The blocks of the filing at `path` as read, before any cleaning: page furniture still
    in, None at each page break the file marks (a CSS page break, a form feed, <PAGE>), a
    paragraph cut by a page still in two. For checks of the cleaning (scripts/furniture.py).

    Raises FilingReadError as read_document does.
    """
    name = Path(path).name
    text = _read_text(Path(path), name, max_bytes=max_bytes).text
    if is_submission(text):
        part = read_submission(text, name)
        text, is_html = part.text, part.is_html
    else:
        is_html = _looks_like_html(text)
    return read_html_blocks(text).blocks if is_html else read_text_blocks(text)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_ROOT.search(text, 0, _SNIFF_ROOT) or _HTML_START.search(text, 0, _SNIFF))


def _read_text(path: Path, name: str, *, max_bytes: int) -> Decoded:
    """The file's text and encoding; its bytes are let go once decoded."""
    data = _read_bytes(path, name, max_bytes=max_bytes)
    try:
        decoded = decode_text(data)
    except DecodeError as error:
        raise FilingReadError(f"cannot read {name}: {error}") from None
    del data
    if not decoded.text or decoded.text.isspace():
        raise FilingReadError(f"cannot read {name}: the file holds only blank space")
    return decoded


def lay_out(
    drafts: Sequence[Draft], *, progress: Progress | None = None
) -> tuple[str, tuple[Block, ...]]:
    """Join the drafts' texts with blank lines and make each a Block with its offsets there."""
    placed: list[Block] = []
    offset = 0
    for number, (text, style, lead, lead_style, tag, in_table) in enumerate(drafts):
        if not number % _BLOCKS_PER_REPORT:
            report(progress, number, len(drafts))
        end = offset + len(text)
        placed.append(Block(text, offset, end, style, lead, lead_style, tag, in_table))
        offset = end + len(_SEPARATOR)
    return _SEPARATOR.join([draft.text for draft in drafts]), tuple(placed)


def _read_bytes(path: Path, name: str, *, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if stat.S_ISREG(status.st_mode):
                # Known size: refuse before reading, and never allocate max_bytes up front.
                if status.st_size > max_bytes:
                    raise FilingReadError(_too_large(name, max_bytes))
                data = stream.read()
            else:
                data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise FilingReadError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise FilingReadError(f"cannot read {name}: it is a folder, not a file") from None
    except OSError as error:
        raise FilingReadError(f"cannot read {name}: {error.strerror or error}") from None
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, name, max_bytes=max_bytes)
    if not data:
        raise FilingReadError(f"cannot read {name}: the file is empty")
    if len(data) > max_bytes:
        raise FilingReadError(_too_large(name, max_bytes))
    return data


def _too_large(name: str, max_bytes: int) -> str:
    limit = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes // 1024} KB"
    return f"cannot read {name}: it is larger than {limit}, too large for an annual report"


def _gunzip(data: bytes, name: str, *, max_bytes: int) -> bytes:
    """Decompress every member of a gzip file (`cat a.gz b.gz` is one valid gzip file), a
    chunk at a time, stopping once the total passes max_bytes: a bomb in any member stops
    there, and nothing larger than max_bytes + one chunk is ever held."""
    pieces: list[bytes] = []
    total = 0
    pending = data
    while pending:
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            while pending and not decompressor.eof:
                piece = decompressor.decompress(pending, max_bytes + 1 - total)
                pieces.append(piece)
                total += len(piece)
                if total > max_bytes:
                    raise FilingReadError(_too_large(name, max_bytes))
                pending = decompressor.unconsumed_tail
        except zlib.error as error:
            raise FilingReadError(
                f"cannot read {name}: the gzip data is damaged ({error})"
            ) from None
        if not decompressor.eof:
            raise FilingReadError(f"cannot read {name}: the gzip data is cut short")
        pending = decompressor.unused_data
        # Some tools pad a gzip file with zero bytes after its last member.
        if not pending.strip(b"\x00"):
            break
        if not pending.startswith(_GZIP_MAGIC):
            raise FilingReadError(
                f"cannot read {name}: the gzip data is damaged (other data after a member)"
            )
    return b"".join(pieces)
