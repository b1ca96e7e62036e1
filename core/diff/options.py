"""What the word diff may overlook: case, punctuation, numbers.

A reader comparing two annual reports often wants only the changes of substance: a heading
re-cased, a comma added, or every year moved on by one ("March 31, 2008" -> "March 31, 2009")
says little. `DiffOptions` names what `core.diff.words.word_diff` should treat as equal.

>>> DiffOptions(ignore_case=True, ignore_numbers=True).describe()
'case and numbers'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """`ignore_case`: "Risk" equals "RISK". `ignore_punctuation`: punctuation marks (and the
    spacing around them) are left out of the comparison. `ignore_numbers`: any run of digits
    ("2008", "1,234.5") equals any other, so "¥2.2 billion" equals "¥3.1 billion"."""

    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_numbers: bool = False

    @property
    def ignores_anything(self) -> bool:
        return self.ignore_case or self.ignore_punctuation or self.ignore_numbers

    def describe(self) -> str:
        """What is ignored, in words ("" when nothing is)."""
        names = [
            name
            for name, on in (
                ("case", self.ignore_case),
                ("punctuation", self.ignore_punctuation),
                ("numbers", self.ignore_numbers),
            )
            if on
        ]
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"


EXACT = DiffOptions()
