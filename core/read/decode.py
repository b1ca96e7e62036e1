"""Bytes of a filing to text: refuse binary data, then find the encoding.

EDGAR filings are UTF-8, ASCII or Windows-1252 in practice; UTF-8 is tried first, then
cp1252 (which decodes all but five byte values), and only then charset-normalizer.
"""

from __future__ import annotations

import codecs
import re

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
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"it is {kind}, not a text or HTML filing")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as error:
                raise DecodeError(f"it starts with a {encoding} mark but {error.reason}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data[:_SAMPLE])
    if declared is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    mixed = _utf8_with_stray_bytes(data)
    if mixed is not None:
        return mixed, "utf-8"
    # cp1252 leaves five byte values undefined; a few of them in a Western filing are noise.
    undefined = sum(data.count(byte) for byte in _CP1252_UNDEFINED)
    if undefined <= max(2, len(data) // 1000):
        return data.decode("cp1252", errors="replace"), "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("its character encoding could not be recognised")
    return str(best), best.encoding


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
