"""What a reviewer has decided about a pairing, for `core.align.pairing.align` to respect.

A reviewer who corrects a comparison does not edit its pairs one by one: the corrections are
constraints and the filings are aligned again under them, so every factor of either filing is
still in exactly one pair and every count and mark follows from one alignment.

>>> constraints = Constraints(links=(((0,), (1, 2)),), apart=frozenset({(3, 3)}))
>>> constraints.linked_old(), constraints.linked_new()
(frozenset({0}), frozenset({1, 2}))
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Constraints:
    """Pairings fixed by hand.

    `links`: (old indexes, new indexes) that form one pair whatever their scores: one to one,
    a split (one old, several new) or a merge (several old, one new). A factor is in at most
    one link. `apart`: (old, new) index pairs that must not be paired, e.g. a pair the reviewer
    unpaired (both become removed and added unless another partner is found). `not_moved`: old
    indexes whose pair is never marked moved (the reviewer judged the reordering immaterial).
    """

    links: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    apart: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    not_moved: frozenset[int] = field(default_factory=frozenset)

    def linked_old(self) -> frozenset[int]:
        return frozenset(i for old, _ in self.links for i in old)

    def linked_new(self) -> frozenset[int]:
        return frozenset(j for _, new in self.links for j in new)

    def is_empty(self) -> bool:
        return not (self.links or self.apart or self.not_moved)


NONE = Constraints()
