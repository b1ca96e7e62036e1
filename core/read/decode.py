"""Bytes of a filing to text: refuse binary data, then find the encoding.

EDGAR filings are UTF-8, ASCII or Windows-1252 in practice; UTF-8 is tried first, then a
declared charset, then cp1252 when it reads the bytes cleanly. Otherwise the candidates
(cp1252 and the East Asian encodings) that decode every byte are compared and the one with
the least mojibake wins, e.g. Shift-JIS for an English filing with a little Japanese, which
cp1252 would garble; such a guess is reported (`Decoded.guessed`) so the reader is told.
Only when no candidate fits: cp1252 with a few undecodable bytes, then charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

# Leading bytes of common non-text formats a person might pick by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or Office document)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))
_SAMPLE = 65536


_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
# Declarations that cp1252 reads at least as well (browsers treat latin-1 as cp1252 too).
_WESTERN = frozenset(("latin-1", "iso8859-1", "cp1252", "ascii", "utf-8", "iso8859-15"))
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_STRAY = re.compile("[\udc80-\udcff]")


# Candidate encodings tried, strictly, for bytes that are neither UTF-8 nor declared: the
# Western default first, then the East Asian encodings filings are written in.
_GUESSES = ("cp1252", "cp932", "euc_jp", "gb18030", "big5", "euc_kr")
_READABLE_NAMES = {
    "cp932": "Shift-JIS (cp932)",
    "euc_jp": "EUC-JP",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "cp1252": "Windows-1252",
}
# A reading may be garbled in at most this share of its non-ASCII characters (a Japanese
# "Windows版" is one isolated character next to Latin letters; a misreading garbles most).
_GARBLED_SHARE = 0.05
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# East Asian scripts: CJK ideographs, kana, hangul, CJK and fullwidth punctuation.
_EAST_ASIAN = re.compile(
    "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]+"
)
# Characters a Western filing almost never holds but misread double-byte text is full of:
# halfwidth katakana, and the rarer Windows-1252 and Latin-1 symbols.
_RARE = re.compile(
    "[\uff61-\uff9f\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u02dc\u0161\u203a\u0153\u017e\u0178\u00a4\u00a6\u00a8\u00af\u00b4"
    "\u00b8\u00b9\u00b2\u00b3\u00bc\u00bd\u00be]"
)


class Decoded(NamedTuple):
    text: str
    encoding: str
    guessed: bool  # True when the encoding was chosen among candidates, not declared or sure


def garbled(text: str) -> int:
    """How many characters of `text` look like mojibake: rare symbols, a lone East Asian
    character glued to Latin letters (a double-byte reading of Western text), or a run of
    several non-ASCII characters mixing symbols (a Western reading of double-byte text).

    >>> garbled("Soci\\u00e9t\\u00e9 \\u201cbrand\\u201d")
    0
    >>> garbled("IIJ\\u306e\\u30b5\\u30fc\\u30d3\\u30b9")  # IIJのサービス
    0
    >>> garbled("\\u201a\\u00cc\\u201a\\u00aa") > 0  # Shift-JIS read as Windows-1252
    True
    """
    count = len(_RARE.findall(text))
    for run in _NON_ASCII_RUN.finditer(text):
        value = run.group()
        if _EAST_ASIAN.fullmatch(value):
            before = text[run.start() - 1 : run.start()]
            after = text[run.end() : run.end() + 1]
            if len(value) == 1 and (_latin_letter(before) or _latin_letter(after)):
                count += 1
        elif len(value) > 1 and not _EAST_ASIAN.search(value) and _mixes_symbols(value):
            count += len(value)
    return count


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _mixes_symbols(run: str) -> bool:
    letters = sum(char.isalpha() for char in run)
    return 0 < letters < len(run) or letters == len(run) > 2


def _best_candidate(data: bytes) -> Decoded | None:
    """The candidate reading with no undecodable byte and least mojibake, when one is
    clean enough; cp1252 when it reads cleanly (no other reading is then tried)."""
    readings: list[tuple[float, int, str, str]] = []
    for order, encoding in enumerate(_GUESSES):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = garbled(text)
        if encoding == "cp1252" and bad == 0:
            return Decoded(text, encoding, guessed=False)
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if bad <= _GARBLED_SHARE * non_ascii:
            readings.append((bad / max(1, non_ascii), order, text, encoding))
    if not readings:
        return None
    _share, _order, text, encoding = min(readings)
    return Decoded(text, encoding, guessed=True)


def encoding_name(encoding: str) -> str:
    """A person's name for a Python codec name ("cp932" -> "Shift-JIS (cp932)")."""
    return _READABLE_NAMES.get(encoding, encoding)


class DecodeError(ValueError):
    """The bytes are not text; the message says what they look like instead."""


def binary_kind(data: bytes) -> str | None:
    """What non-text format `data` looks like, or None when it may be text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'a PDF document'
    >>> binary_kind(b"Item 1A. Risk Factors") is None
    True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "binary data (it contains NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > max(8, len(sample) // 100):
        return "binary data (it contains control bytes)"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a text or HTML filing.

    Raises DecodeError when the bytes are binary or no encoding fits.

    >>> decode("Caf\\u00e9 \\u201crisk\\u201d".encode("cp1252"))
    ('Café “risk”', 'cp1252')
    """
    decoded = decode_text(data)
    return decoded.text, decoded.encoding


def decode_text(data: bytes) -> Decoded:
    """`decode`, also saying whether the encoding was a guess among candidates."""
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"it is {kind}, not a text or HTML filing")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.removesuffix("-sig"), False)
            except UnicodeDecodeError as error:
                raise DecodeError(f"it starts with a {encoding} mark but {error.reason}") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data[:_SAMPLE])
    if declared is not None:
        try:
            return Decoded(data.decode(declared), declared, False)
        except UnicodeDecodeError:
            pass
    return _undeclared(data)


def _undeclared(data: bytes) -> Decoded:
    """Bytes that are not UTF-8 and declare no usable charset."""
    mixed = _utf8_with_stray_bytes(data)
    if mixed is not None:
        return Decoded(mixed, "utf-8", False)
    candidate = _best_candidate(data)
    if candidate is not None:
        return candidate
    # cp1252 leaves five byte values undefined; a few of them in a Western filing are noise.
    undefined = sum(data.count(byte) for byte in _CP1252_UNDEFINED)
    if undefined <= max(2, len(data) // 1000):
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", False)
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("its character encoding could not be recognised")
    return Decoded(str(best), best.encoding, True)


def _declared_encoding(head: bytes) -> str | None:
    """A non-Western charset named by an HTML meta tag or XML declaration, if Python knows it."""
    match = _DECLARED.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in _WESTERN else name


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    """UTF-8 text with a few Windows-1252 bytes pasted in (common in EDGAR filings): decode
    the UTF-8 and read each stray byte as cp1252. None when the text is not mostly UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY.findall(text))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - stray
    if multibyte <= stray:
        return None
    return _STRAY.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)
