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
