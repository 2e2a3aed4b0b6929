"""Committing a reviewed import plan in one transaction, undoing a whole batch, the error report.

Audit trail of an import: every created record gets one entry (who, when, create, id, batch, its name as
summary; the values are in the record itself, which carries import_batch_id), every update its fields
old -> new (history and undo need them). ``saiga-desk import batches`` lists imports, ``import undo N``
undoes one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update

from saiga_desk.core import models as m
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import InputError, Problem, Progress, SaigaError, StaleEditError
from saiga_desk.core.services import jsonable
from saiga_desk.i18n import _
from saiga_desk.io.bulk_insert import BulkWriter, picker
from saiga_desk.io.workbook import paused_gc

CHUNK = 2000


@dataclass
class ImportResult:
    batch_id: int | None
    status: str  # imported | rejected | dry-run
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    designations_created: int = 0
    designations_superseded: int = 0

    def as_json(self, plan=None) -> dict:
        return {
            "file": plan.file_name if plan else "",
            "sheet": plan.sheet if plan else "",
            "header_row": plan.header_row if plan else None,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
            "batch": self.batch_id,
        }


def search_key(*parts) -> str:
    from saiga_desk.io.contact_import import search_key as fast

    return fast(*parts)


def _now() -> dt.datetime:
    return m.utcnow()


def refused(problems: list[Problem]) -> InputError:
    first = problems[0]
    more = len(problems) - 1
    text = str(first) + (_(" ({n} more problems.)").format(n=more) if more > 0 else "")
    return InputError(text, problems)


def counts_of(plan, errors: list[Problem] | None = None) -> ImportResult:
    res = ImportResult(None, "dry-run", errors=plan.blocking() if errors is None else errors,
                       warnings=plan.warnings())  # fmt: skip
    for rp in plan.rows:
        st = rp.effective
        if not rp.accepted or st in ("duplicate", "error"):
            res.skipped += 1
        elif st == "new":
            res.created += 1
        elif st == "changed":
            res.updated += 1
        else:
            res.unchanged += 1
    return res


# ---------------------------------------------------------------------------- commit
def commit_import(db, plan, progress: Progress | None = None, actor: str | None = None) -> ImportResult:
    """Write the accepted rows in one transaction as one ImportBatch; InputError while errors remain.

    Created persons are written with one executemany of plain tuples (no per-row SQL compilation); their
    audit entries say who, when, which batch and which row of which file, while the values themselves are
    in the created rows (undo deletes them by batch). Updates keep field-level old -> new for history and
    undo. A failure or a cancel (``progress``) rolls everything back."""
    blocking = plan.blocking()
    if blocking:
        raise refused(blocking)
    res = counts_of(plan, errors=[])
    res.status = "imported"
    backup_before_import(db)
    with paused_gc(), db.transaction(actor=actor) as tx:
        _commit(db, tx, plan, res, progress)
    return res


def backup_before_import(db) -> None:
    """The rolling backup taken before every import and every undo of one (SQLite files only)."""
    from saiga_desk.core.backups import before_import

    before_import(db)


def _commit(db, tx, plan, res, progress) -> None:
    now = _now()
    s = tx.session
    person_search = entity("persons").search_fields
    batch = m.ImportBatch(
        kind=plan.kind, file_name=plan.file_name, file_hash=plan.file_hash, sheet=plan.sheet,
        header_row=plan.header_row, actor=tx.actor,
        mapping=json.dumps({_col(i): f for i, f in enumerate(plan.mapping) if f}, ensure_ascii=False),
        options=json.dumps({"designate": plan.designate, "meeting_id": plan.meeting_id}),
    )  # fmt: skip
    s.add(batch)
    s.flush()
    tx.batch_id = batch_id = batch.id
    writer = BulkWriter(s, db.is_sqlite)
    actor = tx.actor
    at = writer.datetime(now)
    audits: list[tuple] = []

    def audit(action, table, eid, changes, summary=""):
        audits.append((at, actor, action, table, eid, summary[:500] or None, batch_id,
                       json.dumps(changes, ensure_ascii=False, default=_json_default)))  # fmt: skip

    with writer.big_cache():
        rows, new_rows, changed_rows = [], [], []
        for rp in plan.rows:
            if rp.accepted:
                st = rp.effective
                if st == "new":
                    new_rows.append(rp)
                elif st == "changed":
                    changed_rows.append(rp)
                elif st != "unchanged":
                    continue
                rows.append(rp)
        total = len(rows)
        orgs = _create_organizations(s, new_rows + changed_rows, batch_id, now, audit)
        _insert_persons(writer, plan, new_rows, orgs, batch_id, now, at, actor, audits, total, progress)
        done = len(new_rows)
        for rp in changed_rows:
            done += 1
            if progress is not None and done % CHUNK == 0:
                progress.report(done, total, _("Writing"))
            changes = {
                k: (old, orgs.get(new[1]) if isinstance(new, tuple) else new)
                for k, (old, new) in rp.changes.items() if k in _PERSON and k not in rp.rejected_fields
            }  # fmt: skip
            if changes:
                _update_person(s, rp, changes, now, person_search)
                audit("update", "person", rp.person_id, changes, rp.values.get("family_name") or "")
        if plan.kind == "participants":
            from saiga_desk.io.participant_import import commit_participants

            commit_participants(s, plan, rows, batch_id, now, audit, orgs)
        elif plan.designate:
            res.designations_created, res.designations_superseded = _commit_designations(
                s, rows, batch_id, now, audit, orgs
            )
        if progress is not None:
            progress.report(total, total, _("Recording the audit trail"))
        writer.insert(m.AuditEntry.__table__, _AUDIT_COLUMNS, audits)
        batch.created, batch.updated, batch.unchanged = res.created, res.updated, res.unchanged
        batch.skipped, batch.errors = res.skipped, 0
        _remember_mapping(s, plan, now)
        s.flush()
        if progress is not None:  # the last moment a Cancel still undoes everything
            progress.report(total, total, _("Saving"))
    res.batch_id = batch_id


_PERSON = (
    "honorific", "given_name", "family_name", "given_name_latin", "family_name_latin", "position",
    "organization_id", "department", "email", "other_emails", "phone", "mobile", "address", "city",
    "country_id", "preferred_language", "notes",
)  # fmt: skip
_AUDIT_COLUMNS = ("at", "actor", "action", "entity", "entity_id", "summary", "batch_id", "changes")


def _insert_persons(writer, plan, new_rows, orgs, batch_id, now, at, actor, audits, total, progress) -> None:
    """The created persons: one positional tuple per row, ids assigned in order; one audit entry each
    (who, when, create, person id, batch, the name as summary), on SQLite written by one INSERT ... SELECT."""
    from saiga_desk.io.contact_import import fold

    # only the person columns some row fills (a column left out of the INSERT is NULL): fewer values to
    # gather and bind
    present = set().union(*(rp.values.keys() for rp in new_rows))
    fields = tuple(k for k in _PERSON if k in present)
    org_at = fields.index("organization_id") if "organization_id" in fields else -1
    search_at = [fields.index(f) for f in entity("persons").search_fields if f in fields]
    pick_search = picker(search_at)
    name_at = picker([fields.index(f) for f in ("given_name", "family_name") if f in fields])
    stamp = writer.datetime(now)
    columns = (*fields, "version", "created_at", "updated_at", "import_batch_id", "search_text")
    table = m.Person.__table__
    created: list[tuple] = []
    for start in range(0, len(new_rows), CHUNK):
        if progress is not None:
            progress.report(start, total, _("Writing"))
        chunk = new_rows[start : start + CHUNK]
        ids = writer.reserve_ids(table, len(chunk))
        params = []
        append = params.append
        for rp, pid in zip(chunk, ids, strict=True):
            vals = list(map(rp.values.get, fields))
            if org_at >= 0 and vals[org_at].__class__ is tuple:
                vals[org_at] = orgs.get(vals[org_at][1])
            if rp.rejected_fields:
                for i, k in enumerate(fields):
                    if k in rp.rejected_fields:
                        vals[i] = None
            # search_text = core.text.search_key of the search fields (all text): folding the joined parts
            # gives the same key as joining the folded parts, at one call per row
            append((*vals, 1, stamp, stamp, batch_id, fold(" ".join(filter(None, pick_search(vals)))), pid))
        if ids[0] is None:
            ids = writer.insert_returning(table, columns, [p[:-1] for p in params])
        else:
            writer.insert(table, (*columns, "id"), params)
        for rp, pid in zip(chunk, ids, strict=True):
            rp.person_id = pid
        if not writer.is_sqlite:
            created += [(at, actor, "create", "person", pid, " ".join(filter(None, name_at(v)))[:500], batch_id, None)
                        for pid, v in zip(ids, params, strict=True)]  # fmt: skip
    if not new_rows:
        return
    if writer.is_sqlite:
        writer.insert(m.AuditEntry.__table__, _AUDIT_COLUMNS, audits)  # what came before, in order
        audits.clear()
        writer.con.exec_driver_sql(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, batch_id, changes) "
            "SELECT ?, ?, 'create', 'person', id, substr(ltrim(coalesce(given_name, '') || ' ' || family_name), 1, "
            "500), import_batch_id, NULL FROM person WHERE import_batch_id = ? ORDER BY id",
            (at, actor, batch_id),
        )
    else:
        audits += created


def _json_default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _col(i: int) -> str:
    from saiga_desk.io.contact_import import column_letter

    return column_letter(i)


def _create_organizations(s, rows, batch_id, now, audit) -> dict[str, int]:
    """Organizations named in the file but not held yet: created once each (kind 'other'). Returns the id
    for each spelling met in the file (and for its folded form)."""
    from saiga_desk.io.contact_import import fold

    spellings: set[str] = set()
    for rp in rows:
        val = rp.values.get("organization_id")
        if val.__class__ is tuple and "organization_id" not in rp.rejected_fields:
            spellings.add(val[1])
    wanted: dict[str, str] = {}
    for name in sorted(spellings):
        wanted.setdefault(fold(name), name)
    out: dict[str, int] = {}
    org_search = entity("organizations").search_fields
    for key, name in wanted.items():
        vals = {"name_en": name, "kind": "other", "version": 1, "created_at": now, "updated_at": now,
                "search_text": search_key(*(name if f == "name_en" else None for f in org_search))}  # fmt: skip
        oid = s.execute(
            insert(m.Organization.__table__).returning(m.Organization.__table__.c.id), vals
        ).scalar_one()
        audit("create", "organization", oid, {"name_en": (None, name), "kind": (None, "other")}, name)
        out[key] = oid
    for name in spellings:  # the original spellings too
        out[name] = out[fold(name)]
    return out


def _update_person(s, rp, changes: dict, now, person_search) -> None:
    t = m.Person.__table__
    current = s.execute(select(t).where(t.c.id == rp.person_id)).mappings().one_or_none()
    if current is None or current["version"] != rp.person_version:
        raise StaleEditError(
            _(
                "Row {row}: the person was changed or deleted by someone else during the review; check again."
            ).format(row=rp.row)
        )
    merged = dict(current)
    merged.update({k: new for k, (_old, new) in changes.items()})
    vals = {k: new for k, (_old, new) in changes.items()}
    vals.update(
        version=rp.person_version + 1,
        updated_at=now,
        search_text=search_key(*(merged[f] for f in person_search)),
    )
    s.execute(update(t).where(t.c.id == rp.person_id, t.c.version == rp.person_version).values(**vals))


def _commit_designations(s, rows, batch_id, now, audit, orgs) -> tuple[int, int]:
    t = m.Designation.__table__
    created = superseded = 0
    for rp in rows:
        plan_d = rp.extra.get("designation")
        if not plan_d or any(k.startswith("designation") for k in rp.rejected_fields):
            continue
        new = dict(plan_d["new"])
        if isinstance(new["authority_id"], tuple):
            new["authority_id"] = orgs.get(new["authority_id"][1])
        if plan_d["action"] == "confirm":
            d = plan_d["existing"]
            s.execute(update(t).where(t.c.id == d["id"]).values(
                last_confirmed_on=new["last_confirmed_on"], version=d["version"] + 1, updated_at=now))  # fmt: skip
            audit(
                "update",
                "designation",
                d["id"],
                {"last_confirmed_on": (d["last_confirmed_on"], new["last_confirmed_on"])},
            )
            continue
        vals = {**new, "person_id": rp.person_id, "version": 1, "created_at": now, "updated_at": now,
                "import_batch_id": batch_id}  # fmt: skip
        did = s.execute(insert(t).returning(t.c.id), vals).scalar_one()
        created += 1
        audit("create", "designation", did, {k: (None, v) for k, v in new.items() if v is not None})
        for d in plan_d["close"]:
            start = new["valid_from"]
            valid_to = start - dt.timedelta(days=1)
            if d["valid_from"] and valid_to < d["valid_from"]:
                valid_to = d["valid_from"]
            got = s.execute(update(t).where(t.c.id == d["id"], t.c.version == d["version"], t.c.valid_to.is_(None))
                            .values(valid_to=valid_to, superseded_by_id=did, version=d["version"] + 1, updated_at=now))  # fmt: skip
            if got.rowcount != 1:
                raise StaleEditError(
                    _("Designation #{id} was changed during the review; check again.").format(id=d["id"])
                )
            superseded += 1
            audit(
                "update",
                "designation",
                d["id"],
                {"valid_to": (None, valid_to), "superseded_by_id": (None, did)},
            )
    return created, superseded


def _remember_mapping(s, plan, now) -> None:
    from saiga_desk.io.headers import mapping_key

    key = mapping_key(plan.headers, plan.kind)
    value = json.dumps({"mapping": plan.mapping, "header_row": plan.header_row}, ensure_ascii=False)
    row = s.get(m.Setting, key)
    if row is None:
        s.add(m.Setting(key=key, value=value, updated_at=now))
    else:
        row.value = value


# ---------------------------------------------------------------------------- undo
_TABLES = {"person": m.Person, "organization": m.Organization, "designation": m.Designation,
           "participant": m.Participant}  # fmt: skip
_DELETE_ORDER = ("participant", "designation", "person", "organization")


def undo_batch(db, batch_id: int, actor: str | None = None) -> dict:
    """Undo a whole import: updates restored, created records deleted. Refused (nothing changed) when a
    record was edited since, or something else now refers to a created record."""
    backup_before_import(db)
    with paused_gc(), db.transaction(actor=actor) as tx:
        s = tx.session
        batch = s.get(m.ImportBatch, batch_id)
        if batch is None:
            raise SaigaError(_("There is no import #{id}.").format(id=batch_id))
        if batch.undone_at is not None:
            raise SaigaError(_("Import #{id} was already undone.").format(id=batch_id))
        entries = s.execute(
            select(m.AuditEntry.action, m.AuditEntry.entity, m.AuditEntry.entity_id, m.AuditEntry.changes)
            .where(m.AuditEntry.batch_id == batch_id).order_by(m.AuditEntry.id.desc())
        ).all()  # fmt: skip
        created: dict[str, list[int]] = {}
        now = _now()
        undo_audits = []
        for action, ent, eid, changes in entries:
            model = _TABLES.get(ent)
            if model is None:
                continue
            t = model.__table__
            if action == "update":
                ch = json.loads(changes or "{}")
                cur = s.execute(select(t).where(t.c.id == eid)).mappings().one_or_none()
                if cur is None:
                    raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was deleted since.").format(
                        id=batch_id, what=ent, eid=eid))  # fmt: skip
                restore = {}
                for k, (old, new) in ch.items():
                    if jsonable(cur[k]) != new:
                        raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was edited since ({field}).").format(
                            id=batch_id, what=ent, eid=eid, field=k))  # fmt: skip
                    restore[k] = _typed(t.c[k], old)
                s.execute(
                    update(t)
                    .where(t.c.id == eid)
                    .values(**restore, version=cur["version"] + 1, updated_at=now)
                )
                undo_audits.append((ent, eid, {k: [v[1], v[0]] for k, v in ch.items()}))
            elif action == "create":
                created.setdefault(ent, []).append(eid)
        for ent in _DELETE_ORDER:
            ids = created.get(ent, [])
            t = _TABLES[ent].__table__
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                edited = s.scalar(select(t.c.id).where(t.c.id.in_(part), t.c.version > 1).limit(1))
                if edited is not None:
                    raise SaigaError(_("Cannot undo import #{id}: {what} #{eid} was edited since.").format(
                        id=batch_id, what=ent, eid=edited))  # fmt: skip
                s.execute(delete(t).where(t.c.id.in_(part)))
            undo_audits += [(ent, i, {}) for i in ids]
        s.execute(update(m.ImportBatch.__table__).where(m.ImportBatch.id == batch_id).values(undone_at=now))
        writer = BulkWriter(s, db.is_sqlite)
        at, summary = writer.datetime(now), _("Undo of import #{id}").format(id=batch_id)
        rows = [(at, tx.actor, "undo", ent, eid, summary, None, json.dumps(ch, ensure_ascii=False) if ch else None)
                for ent, eid, ch in undo_audits]  # fmt: skip
        writer.insert(m.AuditEntry.__table__, _AUDIT_COLUMNS, rows)
        try:
            s.flush()
        except Exception as e:  # a foreign key: something else now refers to a created record
            raise SaigaError(_("Cannot undo import #{id}: other records now refer to what it created ({reason}).").format(
                id=batch_id, reason=str(getattr(e, "orig", e))[:200])) from e  # fmt: skip
    return {"batch": batch_id, "deleted": sum(len(v) for v in created.values()),
            "restored": sum(1 for a in entries if a[0] == "update")}  # fmt: skip


def _typed(col, value):
    if value is None:
        return None
    try:
        ptype = col.type.python_type
    except NotImplementedError:
        return value
    if ptype is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if ptype is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def list_batches(db, limit: int = 20) -> list[dict]:
    """The most recent import batches, newest first: id, when, kind, file, sheet, counts, undone."""
    t = m.ImportBatch
    with db.session() as s:
        rows = s.execute(
            select(t.id, t.imported_at, t.kind, t.file_name, t.sheet, t.created, t.updated, t.unchanged,
                   t.skipped, t.actor, t.undone_at).order_by(t.id.desc()).limit(limit)
        ).all()  # fmt: skip
    return [dict(r._mapping) for r in rows]


# ---------------------------------------------------------------------------- error report
def write_error_report(plan, path: str) -> int:
    """The rows that do not go in (errors, rejected, duplicates) with their reasons, as .xlsx. Returns rows."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.fspath(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet(_("Not imported")[:31])
    bold = wb.add_format({"bold": True})
    headers = [_("Row"), _("Status"), _("Problems")] + [
        str(h) if h not in (None, "") else "" for h in plan.headers
    ]
    ws.write_row(0, 0, headers, bold)
    n = 0
    labels = {"error": _("error"), "duplicate": _("duplicate"), "rejected": _("rejected")}
    for rp in plan.rows:
        status = (
            "error" if (rp.accepted and rp.errors) else ("duplicate" if rp.status == "duplicate" else None)
        )
        if status is None and not rp.accepted:
            status = "rejected"
        if status is None:
            continue
        n += 1
        msgs = "\n".join(
            (f"{p.column}: {p.message}" if p.column else p.message)
            for p in rp.problems
            if p.severity == "error"
        ) or "\n".join(p.message for p in rp.problems)
        ws.write(n, 0, rp.row)
        ws.write_string(n, 1, labels[status])
        ws.write_string(n, 2, msgs)
        for c in range(len(plan.headers)):
            f = plan.mapping[c] if c < len(plan.mapping) else None
            text = rp.texts.get(f) if f else None
            if text is not None:
                ws.write_string(n, 3 + c, str(text))
    ws.freeze_panes(1, 0)
    wb.close()
    return n


# ---------------------------------------------------------------------------- one call (CLI)
def import_file(
    db,
    path: str,
    *,
    kind: str = "contacts",
    sheet: str | None = None,
    designate: bool = False,
    dry_run: bool = False,
    meeting_id: int | None = None,
    progress: Progress | None = None,
):
    """Plan and (unless dry_run or errors remain) commit. Returns (plan, ImportResult).
    InputError propagates when the file itself is refused."""  # fmt: skip
    from saiga_desk.io.contact_import import plan_import

    plan = plan_import(
        db, path, kind=kind, sheet=sheet, designate=designate, meeting_id=meeting_id, progress=progress
    )
    res = counts_of(plan)
    if res.errors:
        res.status = "rejected"
        return plan, res
    if dry_run:
        return plan, res
    return plan, commit_import(db, plan, progress=progress)
