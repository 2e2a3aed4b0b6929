"""What a write changed: which kinds of records were created, updated or deleted.

Every unit of work collects one ``Changes`` value as it writes (the audit entry of each write is the
moment it is noted), and the database hands it to its subscribers after the commit. The GUI refreshes
from that value in one place, the way Anki's ``OpChanges`` drives its screens; the command line ignores
it. Kinds are the services' record kinds ("persons", "designations", ...) or, for tables without one,
the table name ("import_batches").

Which listing shows which kinds, and which parts are deleted with their record, are derived from the
listings and the model's foreign keys in ``core``, never kept by hand in the GUI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_EVERYTHING = "*"


@dataclass(frozen=True)
class Changes:
    created: frozenset[str] = frozenset()
    updated: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()

    @classmethod
    def everything(cls) -> Changes:
        """A change of unknown extent (a restore, another database, the demo data): refresh all."""
        star = frozenset({_EVERYTHING})
        return cls(star, star, star)

    @classmethod
    def of(
        cls, created: Iterable[str] = (), updated: Iterable[str] = (), deleted: Iterable[str] = ()
    ) -> Changes:
        return cls(frozenset(created), frozenset(updated), frozenset(deleted))

    @property
    def kinds(self) -> frozenset[str]:
        return self.created | self.updated | self.deleted

    @property
    def is_everything(self) -> bool:
        return _EVERYTHING in self.kinds

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: Iterable[str]) -> bool:
        """True when any of ``kinds`` was created, updated or deleted (or the extent is unknown)."""
        return self.is_everything or not self.kinds.isdisjoint(kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.created | other.created, self.updated | other.updated, self.deleted | other.deleted
        )

    def describe(self) -> str:
        """For logs and tests: ``created persons; updated designations``."""
        parts = []
        for word, kinds in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted)):
            if kinds:
                parts.append(f"{word} {', '.join(sorted(kinds))}")
        return "; ".join(parts) or "nothing"


NOTHING = Changes()


class ChangeCollector:
    """Notes writes as a unit of work makes them; ``result()`` is the frozen ``Changes``."""

    _ACTIONS = {"create": "created", "update": "updated", "delete": "deleted"}

    def __init__(self) -> None:
        self._sets: dict[str, set[str]] = {"created": set(), "updated": set(), "deleted": set()}

    def note(self, action: str, kind: str) -> None:
        """``action`` is an audit action; anything that is not create/delete counts as an update."""
        self._sets[self._ACTIONS.get(action, "updated")].add(kind)

    def add(self, changes: Changes) -> None:
        self._sets["created"] |= changes.created
        self._sets["updated"] |= changes.updated
        self._sets["deleted"] |= changes.deleted

    def result(self) -> Changes:
        return Changes.of(self._sets["created"], self._sets["updated"], self._sets["deleted"])
