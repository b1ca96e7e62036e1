"""Comparisons that make no sense as a year-over-year reading, said in words.

Comparing two companies' filings, a 10-K with a 20-F, or two filings that share almost no
wording is allowed (a researcher may want it), but the reader must be told before reading
"removed" and "added" as changes of one company's disclosures.

>>> from core.model import Filing, Similarity
>>> acme = Filing("a.htm", "Acme Corp", "10-K", 2023, "Risk Factors", (), cik="0000000001")
>>> other = Filing("b.htm", "Zenith Inc", "10-K/A", 2024, "Risk Factors", (), cik="0000000002")
>>> for line in mismatch_warnings(acme, other, Similarity(0.9, 0.2, 0.05)):
...     print(line[:60])
These filings are from different companies: Acme Corp (CIK 0
Only 5% of the wording is kept between these filings: read i
>>> mismatch_warnings(acme, acme, Similarity(0.99, 0.9, 0.9))
()
"""

from __future__ import annotations

import re

from core.model import Filing, Similarity

# The "simple" measure (share of words a word-by-word diff keeps) over the 34 same-company
# pairs of the test filings, up to seven years apart, is 0.43 at least (IIJ FY2005 vs
# FY2012); over the 317 pairs of different companies it is 0.12 at most. A quarter sits well
# inside that gap: 2x the highest cross-company value, 0.6x the lowest same-company one.
LOW_WORDING_KEPT = 0.25

# Words of a company name that say nothing about which company it is.
_NAME_NOISE = frozenset(
    {
        *("the", "inc", "incorporated", "corp", "corporation", "co", "company", "companies"),
        *("ltd", "limited", "plc", "llc", "lp", "sa", "ag", "nv", "se", "kk"),
        *("holdings", "holding", "group", "de", "del"),
    }
)
_WORD_RE = re.compile(r"[a-z0-9]+")
# Forms of one kind: an amendment or a variant of the annual report is still that report.
_FORM_FAMILIES = {"10-K405": "10-K", "10-KSB": "10-K", "10-KT": "10-K", "10-K": "10-K"}


def mismatch_warnings(old: Filing, new: Filing, similarity: Similarity) -> tuple[str, ...]:
    """Sentences naming what makes `old` against `new` an unusual comparison (none usually)."""
    warnings = []
    if _different_companies(old, new):
        warnings.append(
            f"These filings are from different companies: {_company(old)} and {_company(new)}."
        )
    old_form, new_form = form_family(old.form), form_family(new.form)
    if old_form and new_form and old_form != new_form:
        warnings.append(
            f"These filings are different forms: {old.form} and {new.form}; their Risk Factors "
            "sections are written to different rules."
        )
    if similarity.simple < LOW_WORDING_KEPT:
        warnings.append(
            f"Only {similarity.simple:.0%} of the wording is kept between these filings: read "
            "its changes as a comparison of two different texts, not as one company's "
            "year-over-year revisions."
        )
    return tuple(warnings)


def form_family(form: str) -> str:
    """'10-K' for 10-K, 10-K405, 10-KSB, 10-KT and their amendments; '20-F' for 20-F/A..."""
    base = form.upper().removesuffix("/A").strip()
    return _FORM_FAMILIES.get(base, base)


def _different_companies(old: Filing, new: Filing) -> bool:
    """Different CIKs when both are known (a renamed company keeps its CIK); otherwise names
    that share no distinguishing word and neither of which is the other's initials."""
    if old.cik and new.cik:
        return old.cik.lstrip("0") != new.cik.lstrip("0")
    old_words, new_words = _name_words(old.company), _name_words(new.company)
    if not old_words or not new_words or set(old_words) & set(new_words):
        return False
    return _initials(old_words) not in new_words and _initials(new_words) not in old_words


def _name_words(name: str) -> list[str]:
    """The distinguishing words of a company name, in order ('Acme Corp.' -> ['acme'])."""
    return [word for word in _WORD_RE.findall(name.casefold()) if word not in _NAME_NOISE]


def _initials(words: list[str]) -> str:
    """'iij' for Internet Initiative Japan: how a long name is often shortened."""
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def _company(filing: Filing) -> str:
    name = filing.company or filing.path
    return f"{name} (CIK {filing.cik})" if filing.cik else name
