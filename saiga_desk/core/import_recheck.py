"""An import's matches checked again inside its writing transaction: what another writer added meanwhile.

The review matched the file against the records as they were when it was read; another officer's import
or edit may have committed the same people or organizations since. ``core/imports.py`` runs these checks
after its unit of work took the database's write lock (``core.database.begin_writing``), so nothing
changes between the check and the insert:

- a new person whose email (``core.person_email.email_key``) now belongs to a stored person is not
  inserted: the row updates that person (the fields it fills that differ, field by field with their old
  values, like any update of the import) or leaves it unchanged. Rows without an email are not matched
  again (a person is found by email; the review decides on names);
- an organization to create whose folded English or Russian name or acronym is now held is reused;
- a designation to create that the same person holds by now (same signatory and role, still open) is
  not created twice; a participant to register who is registered by now is updated instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.person_email import email_key
from saiga_desk.core.text import fold

IN_CHUNK = 500  # ids per IN (...) query


@dataclass
class Rematched:
    """The plan's new persons that exist by now: index into ``new_persons`` -> stored person id, and the
    updates they become."""

    existing: dict[int, int] = field(default_factory=dict)
    updates: list = field(default_factory=list)  # (index, person_id, version, {column: (old, new)})
    unchanged: int = 0


def stored_organizations(session, names: set[str]) -> dict[str, list[tuple[int, int | None]]]:
    """Folded name -> [(id, country id)] of the stored organizations named (English, Russian name or acronym)
    by ``names``, oldest first."""
    wanted = {fold(n) for n in names}
    found: dict[str, list[tuple[int, int | None]]] = {}
    if not wanted:
        return found
    t = m.Organization.__table__
    for oid, country_id, *texts in session.execute(
        select(t.c.id, t.c.country_id, t.c.name_en, t.c.name_ru, t.c.acronym).order_by(t.c.id)
    ):
        for key in {fold(value) for value in texts if value}:
            if key in wanted:
                found.setdefault(key, []).append((oid, country_id))
    return found


def rematch_persons(session, new_persons: list[dict], orgs: dict) -> Rematched:
    """The new persons whose folded email a stored person holds by now, and what each row changes in it
    (``orgs``: an organization the batch creates, by spelling -> id)."""
    out = Rematched()
    t = m.Person.__table__
    held: dict[str, int] = {}  # folded address -> stored person (usually far fewer than the file's rows)
    for pid, email in session.execute(
        select(t.c.id, t.c.email).where(t.c.email.is_not(None), t.c.email != "")
    ):
        held.setdefault(email_key(email), pid)
    if not held:
        return out
    stored: dict[int, int] = {}  # row index -> person id
    taken: set[int] = set()
    for i, row in enumerate(new_persons):
        pid = held.get(email_key(row.get("email")))
        if pid is not None and pid not in taken:  # a second row of that address: left to the unique index
            stored[i] = pid
            taken.add(pid)
    if not stored:
        return out
    current: dict[int, dict] = {}
    ids = sorted(set(stored.values()))
    for start in range(0, len(ids), IN_CHUNK):
        for row in session.execute(select(t).where(t.c.id.in_(ids[start : start + IN_CHUNK]))).mappings():
            current[row["id"]] = dict(row)
    for i, pid in sorted(stored.items()):
        out.existing[i] = pid
        now = current[pid]
        changes = {}
        for k, v in new_persons[i].items():
            if v.__class__ is tuple:  # ("new", spelling): an organization the batch creates
                v = orgs.get(v[1])
            if k == "email" or v in (None, "") or k not in now:
                continue  # the address matched (perhaps in another case): kept as stored
            if now[k] != v:
                changes[k] = (now[k], v)
        if changes:
            out.updates.append((i, pid, now["version"], changes))
        else:
            out.unchanged += 1
    return out


def held_already(session, values: dict, replaced: set[int]) -> bool:
    """Whether the person of the new designation ``values`` already holds an open designation of the same
    signatory and role (other than those it replaces)."""
    t = m.Designation.__table__
    q = select(t.c.id).where(
        t.c.signatory_id == values["signatory_id"],
        t.c.role == values.get("role", "primary"),
        t.c.person_id == values["person_id"],
        t.c.valid_to.is_(None),
    )
    return any(i not in replaced for i in session.scalars(q))


def registered_already(session, meeting_id: int | None, person_id: int) -> int | None:
    """The participant id of ``person_id`` at ``meeting_id``, if registered."""
    t = m.Participant.__table__
    return session.scalar(select(t.c.id).where(t.c.meeting_id == meeting_id, t.c.person_id == person_id))
