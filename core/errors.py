"""Precise errors core raises; each message is something a user can act on."""

from __future__ import annotations


class FactorDiffError(Exception):
    """Base of every error FactorDiff reports to a person instead of a traceback."""


class FilingReadError(FactorDiffError):
    """The file cannot be read as a filing (missing, empty, binary, undecodable, too large)."""


class SectionNotFoundError(FactorDiffError):
    """No Item 1A / Item 3.D Risk Factors section could be found in the document."""


class SectionNotApplicableError(FactorDiffError):
    """The section exists but says "Not applicable" or only refers to another document."""

    def __init__(self, message: str, *, section_text: str = "") -> None:
        super().__init__(message)
        self.section_text = section_text


class NoMaterialChangesError(SectionNotApplicableError):
    """The section (a 10-Q's Part II Item 1A, usually) says only that the risk factors have not
    changed materially since the last annual report: there are none here to compare."""


class TooManyFactorsError(FactorDiffError):
    """A filing holds more factors than any annual report does: its section was misread."""


class Cancelled(FactorDiffError):  # noqa: N818 - a request, not a failure
    """Long work was cancelled through its progress callback."""


class EdgarError(FactorDiffError):
    """Something about getting filings from EDGAR went wrong; the message says what."""


class EdgarUnreachableError(EdgarError):
    """EDGAR could not be reached (no network, DNS, timeouts, repeated server errors)."""


class UserAgentMissingError(EdgarError):
    """EDGAR asks every program to name itself and a contact e-mail; none was given."""


class CompanyNotFoundError(EdgarError):
    """No company (or more than one) matches the ticker, name or CIK asked for."""


class FilingNotFoundError(EdgarError):
    """The company has no filing of the form or fiscal year asked for, or EDGAR has no document."""


class EdgarResponseError(EdgarError):
    """EDGAR answered with something FactorDiff will not use (malformed, too large, redirected
    to another host)."""
