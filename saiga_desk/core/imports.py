"""Importing a reviewed list: the commit of one import batch, for contact lists and participant lists alike.

``io`` reads a sheet, maps its columns, converts the cells and matches the rows against the records; what
the officer accepted reaches core as a ``BatchPlan`` (plain dataclasses, no file in sight), and
``commit_batch`` writes it in one unit of work as one ImportBatch:

- the new persons in bulk (``core/bulk_rows.py``), their search text, first version and audit entries
  through ``core/derived.py``, the same functions as every other write;
- changed persons field by field (old -> new kept for history and undo), refused when someone changed
  the person during the review;
- organizations named but not held yet, designations (through ``core/contact_points.py``: designate,
  hand over, confirm) and participants through the unit of work's own create/update.

Every write is noted in the unit of work's ``Changes``. ``core/import_undo.py`` undoes a batch as a whole.
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field

from sqlalchemy import select, update

from saiga_desk.core import contact_points as cp
from saiga_desk.core import models as m
from saiga_desk.core import person_fields as pf
from saiga_desk.core import person_order, preferences, search_index
from saiga_desk.core.backups import before_import
from saiga_desk.core.bulk_rows import BulkRows
from saiga_desk.core.derived import (
    FIRST_VERSION,
    audit_entry,
    created_persons_entries,
    next_version,
    search_text,
)
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import Progress, StaleEditError
from saiga_desk.core.import_recheck import (
    held_already,
    registered_already,
    rematch_persons,
    stored_organizations,
)
from saiga_desk.core.text import fold
from saiga_desk.i18n import _

CHUNK = 2000  # rows between progress reports (and chances to cancel)
NEW = "new"  # ("new", name) in place of an organization id: an organization the batch creates

# the Person columns an import writes: the stored fields of core/person_fields.py, references resolved
PERSON_COLUMNS: tuple[str, ...] = tuple(
    f.key if f.stored else pf.REFERENCES[f.key]
    for f in pf.PERSON_FIELDS
    if f.stored or f.key in pf.REFERENCES
)


@dataclass(slots=True)
class PersonUpdate:
    row: int  # the sheet row (for messages)
    person_id: int
    version: int | None  # the version the review saw (None: the current one, matched under the write lock)
    changes: dict  # Person column -> (old, new)
    summary: str = ""


@dataclass(slots=True)
class PersonRef:
    """The person a designation or participant row is about: an existing id, or a new person of the batch."""

    person_id: int | None = None
    new_index: int | None = None  # index into BatchPlan.new_persons


@dataclass
class DesignationWrite:
    row: int
    person: PersonRef
    action: str  # create | supersede | confirm
    values: dict  # the new designation (signatory_id, role, authority_id, dates, source_reference)
    replaces: list[dict] = field(default_factory=list)  # designations it closes: id, version, valid_from
    existing: dict | None = None  # confirm: the designation confirmed (id, version)


@dataclass
class ParticipantWrite:
    person: PersonRef
    action: str  # create | update
    values: dict  # Participant columns
    participant_id: int | None = None  # update
    version: int | None = None


@dataclass
class BatchPlan:
    kind: str  # contacts | participants
    file_name: str
    file_hash: str
    sheet: str
    header_row: int
    mapping: dict  # column letter -> field
    options: dict  # designate, meeting_id
    new_persons: list[dict] = field(default_factory=list)  # Person column -> value
    updates: list[PersonUpdate] = field(default_factory=list)
    organizations: dict[str, str] = field(default_factory=dict)  # spelling in the file -> name to create
    organization_fields: dict[str, dict] = field(default_factory=dict)  # name to create -> its fields
    designations: list[DesignationWrite] = field(default_factory=list)
    participants: list[ParticipantWrite] = field(default_factory=list)
    meeting_id: int | None = None
    remember: tuple[str, str] | None = None  # (settings key, value): the column mapping for the next file
    counts: dict = field(default_factory=dict)  # created, updated, unchanged, skipped


@dataclass
class BatchOutcome:
    batch_id: int
    new_person_ids: list[int]
    designations_created: int = 0
    designations_superseded: int = 0
    counts: dict = field(default_factory=dict)  # created, updated, unchanged, skipped, as written


def commit_batch(
    db, plan: BatchPlan, progress: Progress | None = None, actor: str | None = None
) -> BatchOutcome:
    """Write ``plan`` in one transaction as one ImportBatch (a rolling backup first, on SQLite files). A
    failure or a cancel (``progress``) rolls everything back."""
    before_import(db)
    with db.transaction(actor=actor) as tx:
        return _commit(tx, plan, progress)


def _commit(tx, plan: BatchPlan, progress) -> BatchOutcome:
    s = tx.session
    now = m.utcnow()
    batch = m.ImportBatch(
        kind=plan.kind, file_name=plan.file_name, file_hash=plan.file_hash, sheet=plan.sheet,
        header_row=plan.header_row, actor=tx.actor, mapping=json.dumps(plan.mapping, ensure_ascii=False),
        options=json.dumps(plan.options),
    )  # fmt: skip
    s.add(batch)
    s.flush()
    tx.batch_id = batch.id
    tx.noted("create", "import_batch")
    bulk = BulkRows(s)
    total = len(plan.new_persons) + len(plan.updates)
    with bulk.big_cache():
        orgs = _create_organizations(tx, plan.organizations, plan.organization_fields)
        # matched again under the write lock: persons another writer added since the review are updated
        again = rematch_persons(s, plan.new_persons, orgs)
        fresh = plan.new_persons
        if again.existing:
            fresh = [r for i, r in enumerate(plan.new_persons) if i not in again.existing]
        person = m.Person.__table__
        with search_index.indexed_in_one_pass(bulk.con, person.name), person_order.in_one_pass(
            bulk.con
        ), bulk.indexes_built_after(person, len(fresh)):
            inserted = _insert_persons(tx, bulk, fresh, orgs, now, total, progress)
        ids = _with_existing(len(plan.new_persons), again.existing, inserted)
        updates = plan.updates + [
            PersonUpdate(0, pid, None, changes, plan.new_persons[i].get("family_name") or "")
            for i, pid, _version, changes in again.updates
        ]
        _update_persons(tx, updates, orgs, now, total, len(inserted), progress)
        counts = dict(plan.counts)
        counts["created"] = counts.get("created", 0) - len(again.existing)
        counts["updated"] = counts.get("updated", 0) + len(again.updates)
        counts["unchanged"] = counts.get("unchanged", 0) + again.unchanged
        outcome = BatchOutcome(batch.id, ids, counts=counts)
        for d in plan.designations:
            _designation(tx, d, _person_id(d.person, ids), orgs, outcome)
        for p in plan.participants:
            _participant(tx, p, _person_id(p.person, ids), plan.meeting_id)
        if progress is not None:
            progress.report(total, total, _("Recording the audit trail"))
        c = counts
        batch.created, batch.updated, batch.unchanged = (
            c.get("created", 0),
            c.get("updated", 0),
            c.get("unchanged", 0),
        )
        batch.skipped, batch.errors = c.get("skipped", 0), 0
        if plan.remember is not None:
            _remember(s, *plan.remember, now)
        s.flush()
        if progress is not None:  # the last moment a Cancel still undoes everything
            progress.report(total, total, _("Saving"))
    return outcome


def _create_organizations(tx, organizations: dict[str, str], fields: dict[str, dict]) -> dict[str, int]:
    """One organization per name to create (its ``fields``, else an English name of kind "other"), unless one
    of that folded name, in its country or in none, is held by now (another writer created it since the
    review): the id for every spelling that names it."""
    names = sorted(set(organizations.values()))
    wanted = {n: fields.get(n) or {"name_en": n, "kind": "other"} for n in names}
    held = stored_organizations(tx.session, {f.get("name_en") or f.get("name_ru") or n for n, f in wanted.items()})
    made = {}
    for name, f in wanted.items():
        country = f.get("country_id")
        found = [oid for oid, cid in held.get(fold(f.get("name_en") or f.get("name_ru") or name), [])
                 if cid is None or country is None or cid == country]  # fmt: skip
        made[name] = found[0] if found else tx.create("organizations", f).id
    return {spelling: made[name] for spelling, name in organizations.items()}


def _with_existing(n: int, existing: dict[int, int], inserted: list[int]) -> list[int]:
    """The person id of each of the plan's ``n`` new persons: the stored one for those matched again."""
    if not existing:
        return inserted
    it = iter(inserted)
    return [existing[i] if i in existing else next(it) for i in range(n)]


def _person_id(ref: PersonRef, ids: list[int]) -> int:
    return ref.person_id if ref.new_index is None else ids[ref.new_index]


def _resolved(value, orgs: dict):
    return orgs.get(value[1]) if value.__class__ is tuple else value


def _insert_persons(tx, bulk: BulkRows, rows: list[dict], orgs, now, total, progress) -> list[int]:
    """The new persons, in bulk: only the columns some row fills (a column left out is NULL); search text,
    first version and audit entries as ``core/derived.py`` defines them for every write."""
    if not rows:
        return []
    present = set().union(*(r.keys() for r in rows))
    fields = tuple(k for k in PERSON_COLUMNS if k in present)
    searched = [fields.index(f) for f in entity("persons").search_fields if f in fields]
    pick = operator.itemgetter(*searched) if len(searched) > 1 else (lambda row: [row[i] for i in searched])
    org = fields.index("organization_id") if "organization_id" in fields else None
    t = m.Person.__table__
    stamp = bulk.stamp(now, t.c.created_at)
    shared = {
        "version": FIRST_VERSION,
        "created_at": stamp,
        "updated_at": stamp,
        "import_batch_id": tx.batch_id,
    }
    columns = (*fields, "search_text", "id")
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        if progress is not None:
            progress.report(start, total, _("Writing"))
        chunk = rows[start : start + CHUNK]
        reserved = bulk.reserve_ids(t, len(chunk))
        params = []
        append = params.append
        for values, pid in zip(chunk, reserved, strict=True):
            row = list(map(values.get, fields))  # one tuple per row, in the order of ``columns``
            if org is not None and row[org].__class__ is tuple:
                row[org] = orgs.get(row[org][1])
            append((*row, search_text(pick(row)), pid) if pid is not None else (*row, search_text(pick(row))))
        got = bulk.insert(t, columns if reserved[0] is not None else columns[:-1], params, shared)
        ids += reserved if got is None else got
    tx.session.execute(created_persons_entries(tx.batch_id, tx.actor, now, (*fields, *shared)))
    tx.noted("create", "persons")
    return ids


def _update_persons(tx, updates: list[PersonUpdate], orgs, now, total, done, progress) -> None:
    """Changed persons, field by field; refused when the person changed since the review read it."""
    s = tx.session
    t = m.Person.__table__
    searched = entity("persons").search_fields
    entries = []
    for u in updates:
        done += 1
        if progress is not None and done % CHUNK == 0:
            progress.report(done, total, _("Writing"))
        changes = {k: (old, _resolved(new, orgs)) for k, (old, new) in u.changes.items()}
        current = s.execute(select(t).where(t.c.id == u.person_id)).mappings().one_or_none()
        if current is None or u.version not in (None, current["version"]):
            raise StaleEditError(
                _(
                    "Row {row}: the person was changed or deleted by someone else during the review; check again."
                ).format(row=u.row)
            )
        values = {k: new for k, (_old, new) in changes.items()}
        merged = {**current, **values}
        version = current["version"]  # None in the plan: matched again under the write lock
        values.update(
            version=next_version(version),
            updated_at=now,
            search_text=search_text([merged[f] for f in searched]),
        )
        s.execute(update(t).where(t.c.id == u.person_id, t.c.version == version).values(**values))
        entries.append(
            audit_entry(tx.actor, "update", "person", u.person_id, changes, u.summary, tx.batch_id, now)
        )
    tx.audit_many(entries)


def _designation(tx, d: DesignationWrite, person_id: int, orgs, outcome: BatchOutcome) -> None:
    """Through the rules of core/contact_points.py: a confirmation, or a new designation that closes the
    ones it replaces the day before it starts."""
    if d.action == "confirm":
        e = d.existing
        cp.confirm(tx, e["id"], d.values["last_confirmed_on"], version=e["version"])
        return
    values = {**d.values, "person_id": person_id, "import_batch_id": tx.batch_id}
    values["authority_id"] = _resolved(values.get("authority_id"), orgs)
    if held_already(tx.session, values, {old["id"] for old in d.replaces}):
        return  # another writer designated this person since the review (matched under the write lock)
    replaced = []
    for old in d.replaces:
        current = tx.get(cp.KIND, old["id"])
        if current.version != old["version"] or current.valid_to is not None:
            raise StaleEditError(
                _("Designation #{id} was changed during the review; check again.").format(id=old["id"])
            )
        replaced.append(current)
    closed, _new = cp.hand_over(tx, replaced, values, values["valid_from"])
    outcome.designations_created += 1
    outcome.designations_superseded += len(closed)


def _participant(tx, p: ParticipantWrite, person_id: int, meeting_id: int | None) -> None:
    if p.action == "create":
        found = registered_already(tx.session, meeting_id, person_id)
        if found is not None:  # registered by another writer since the review: this row updates it
            tx.update("participants", found, p.values)
            return
        values = {"meeting_id": meeting_id, "person_id": person_id, "category": "observer", "role": "delegate",
                  "status": "invited", "secretariat": False, "credentials_received": False,
                  "credentials_verified": False, "funded": False, **p.values, "import_batch_id": tx.batch_id}  # fmt: skip
        tx.create("participants", values)
    else:
        tx.update("participants", p.participant_id, p.values, version=p.version)


def _remember(s, key: str, value: str, now) -> None:
    """Remember the column mapping of this header layout (a declared preference, one key per layout)."""
    preferences.import_mapping(key).write(s, json.loads(value))
