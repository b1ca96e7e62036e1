"""A filing's SEC Central Index Key (CIK), read from the first part of the file.

Inline XBRL filings tag it (dei:EntityCentralIndexKey); EDGAR's full submission text files
carry it in their header ("CENTRAL INDEX KEY: 0000320193"). Plain extracts carry neither.

>>> cik_in('<ix:nonNumeric name="dei:EntityCentralIndexKey">0000051143</ix:nonNumeric>')
'0000051143'
>>> cik_in("COMPANY CONFORMED NAME: X\\n  CENTRAL INDEX KEY:  320193\\n")
'0000320193'
"""

from __future__ import annotations

import os
import re
import zlib

from core.read.meta import dei_value

# Both places sit at the top of a filing: the dei facts in the inline XBRL header (within
# the first few KB of every corpus filing), the EDGAR header before the first document.
HEAD_BYTES = 256 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_HEADER_CIK = re.compile(r"CENTRAL\s+INDEX\s+KEY:\s*(\d{1,10})", re.IGNORECASE)
_CIK_DIGITS = 10


def filing_cik(path: str | os.PathLike[str]) -> str:
    """The CIK of the filing at `path` as 10 digits, or "" when it names none or cannot be
    read (reading errors are the comparison's to report)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return ""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error:
            return ""
    return cik_in(head.decode("utf-8", errors="replace"))


def padded_cik(cik: str) -> str:
    """A CIK as EDGAR's 10 digits ("320193" -> "0000320193"); "" stays ""."""
    digits = cik.strip()
    return digits.zfill(_CIK_DIGITS) if digits.isdigit() else ""


def cik_in(text: str) -> str:
    """The CIK named in `text` (markup or EDGAR header), zero-padded to 10 digits, or ""."""
    declared = dei_value(text, "EntityCentralIndexKey").strip()
    if not declared.isdigit():
        match = _HEADER_CIK.search(text)
        declared = match.group(1) if match else ""
    return padded_cik(declared)
