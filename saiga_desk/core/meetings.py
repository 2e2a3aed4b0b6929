"""Meetings: invitations, the status history, participants' progress and the register of documents.

Every write goes through ``db.transaction()`` (one unit of work, audited). No Qt, no openpyxl, no
reportlab here: the CLI, the GUI and the reports call these functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select

from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError, NotFoundError, Problem, SaigaError, ValidationError
from saiga_desk.core.services import Record, to_record
from saiga_desk.i18n import _

REVISION_KINDS = ("Rev", "Corr", "Add")
#: participant status -> the date field that records when it was reached
STATUS_DATE_FIELD = {
    "invited": "invited_on",
    "registered": "registered_on",
    "confirmed": "confirmed_on",
    "attended": "attended_on",
    "cancelled": "cancelled_on",
}
#: the fields a bulk status change touches (snapshotted by the GUI's undo)
PARTICIPANT_STATUS_FIELDS = ("status", *STATUS_DATE_FIELD.values())
DEFAULT_SYMBOL_BASE = "UNEP/CMS/Saiga"
SYMBOL_BASE_SETTING = "document_symbol_base"


# ------------------------------------------------------------------------------------------------ helpers
def _meeting(session, meeting_id: int) -> m.Meeting:
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(_("No meeting #{id}: it may have been deleted meanwhile.").format(id=meeting_id))
    return meeting


def find_meeting(db, code: str) -> Record:
    """The meeting with this code (case-insensitive), or NotFoundError."""
    with db.session() as s:
        meeting = s.scalar(select(m.Meeting).where(func.lower(m.Meeting.code) == code.strip().lower()))
        if meeting is None:
            raise NotFoundError(_("No meeting with the code {code}.").format(code=code))
        return to_record(meeting)


def _signatory_name(sig: m.Signatory) -> str:
    if sig.country is not None:
        return sig.country.name_en
    if sig.organization is not None:
        return sig.organization.acronym or sig.organization.name_en
    return f"#{sig.id}"


def _person_name(p: m.Person) -> str:
    return " ".join(x for x in (p.honorific, p.given_name, p.family_name) if x)


# ------------------------------------------------------------------------------------------------ invitations
@dataclass
class Skipped:
    name: str  # the Signatory (or person) not invited
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class InviteResult:
    created: list[int] = field(default_factory=list)  # new participant ids
    skipped: list[Skipped] = field(default_factory=list)  # could not be invited, with the reason
    already: list[int] = field(default_factory=list)  # participant ids that were on the list before

    def summary(self) -> str:
        text = _("{created} invited, {already} already on the list, {skipped} skipped.").format(
            created=len(self.created), already=len(self.already), skipped=len(self.skipped)
        )
        if self.skipped:
            text += "\n" + "\n".join(str(s) for s in self.skipped)
        return text


def _current_designations(session, signatory_id: int, on: dt.date) -> list[m.Designation]:
    d = m.Designation
    rows = session.scalars(
        select(d)
        .where(
            d.signatory_id == signatory_id,
            or_(d.valid_from.is_(None), d.valid_from <= on),
            or_(d.valid_to.is_(None), d.valid_to >= on),
        )
        .order_by(d.id)
    ).all()
    order = {"primary": 0, "alternate": 1, "technical": 2}
    return sorted(rows, key=lambda x: (order.get(x.role, 9), x.id))


def invite_signatories(
    db,
    meeting_id: int,
    include_states: bool = True,
    include_organizations: bool = True,
    extra_person_ids=(),
    on: dt.date | None = None,
    progress=None,
) -> InviteResult:
    """Invite the current contact points of every Signatory (and chosen others) to a meeting.

    Each current designation of a Signatory State or Cooperating Organization becomes a participant with
    status "invited" (dated ``on``, default today). A Cooperating Organization without a designation is
    represented by a person of that organization when there is one, else it is reported as skipped with
    the reason. A person already on the meeting's list is left as it is, so running it twice adds nothing.
    """
    on = on or dt.date.today()
    result = InviteResult()
    with db.transaction() as tx:
        s = tx.session
        meeting = _meeting(s, meeting_id)
        if meeting.status == "cancelled":
            raise SaigaError(
                _("{code} is cancelled; invitations are not sent for a cancelled meeting.").format(
                    code=meeting.code
                )
            )
        existing = {
            pid: part_id
            for pid, part_id in s.execute(
                select(m.Participant.person_id, m.Participant.id).where(
                    m.Participant.meeting_id == meeting_id
                )
            )
        }
        kinds = [
            k for k, wanted in (("state", include_states), ("organization", include_organizations)) if wanted
        ]
        signatories = s.scalars(
            select(m.Signatory)
            .where(m.Signatory.kind.in_(kinds), m.Signatory.status == "signatory")
            .order_by(m.Signatory.kind.desc(), m.Signatory.id)  # states first
        ).all()
        total = len(signatories) + len(extra_person_ids)

        def invite(person_id: int, values: dict) -> None:
            if person_id in existing:
                if existing[person_id] not in result.already:
                    result.already.append(existing[person_id])
                return
            rec = tx.create(
                "participants",
                dict(
                    values,
                    meeting_id=meeting_id,
                    person_id=person_id,
                    status="invited",
                    invited_on=on,
                ),
            )
            existing[person_id] = rec.id
            result.created.append(rec.id)

        done = 0
        for sig in signatories:
            category = "signatory_state" if sig.kind == "state" else "cooperating_organization"
            values = dict(signatory_id=sig.id, category=category, role="delegate")
            designations = _current_designations(s, sig.id, on)
            if designations:
                for d in designations:
                    invite(d.person_id, values)
            elif sig.kind == "organization":
                person = s.scalar(
                    select(m.Person)
                    .where(m.Person.organization_id == sig.organization_id)
                    .order_by(m.Person.id)
                    .limit(1)
                )
                if person is not None:
                    invite(person.id, dict(values, organization_id=sig.organization_id))
                else:
                    result.skipped.append(
                        Skipped(
                            _signatory_name(sig),
                            _("no contact point designated and no person of this organization on record"),
                        )
                    )
            else:
                result.skipped.append(
                    Skipped(
                        _signatory_name(sig),
                        _("no contact point designated on {date}").format(date=on.isoformat()),
                    )
                )
            done += 1
            if progress is not None:
                progress.report(done, total, _signatory_name(sig))
        for person_id in extra_person_ids:
            person = s.get(m.Person, int(person_id))
            if person is None:
                result.skipped.append(Skipped(f"#{person_id}", _("no such person")))
                continue
            invite(
                person.id, dict(category="observer", role="observer", organization_id=person.organization_id)
            )
            done += 1
            if progress is not None:
                progress.report(done, total, _person_name(person))
    return result


# ------------------------------------------------------------------------------------------------ status
def change_status(
    db,
    meeting_id: int,
    status: str,
    reason: str | None,
    new_start: dt.date | None = None,
    new_end: dt.date | None = None,
    new_mode: str | None = None,
    new_venue: str | None = None,
    new_city: str | None = None,
    new_date_precision: str | None = None,
    changed_on: dt.date | None = None,
) -> Record:
    """Change a meeting's status, keeping the history.

    The MeetingStatusChange keeps the status, dates, precision, mode and venue the meeting had before, and
    the reason; a postponement or a cancellation needs a reason. Returns the updated meeting.
    """
    problems = {}
    if status not in m.MEETING_STATUSES:
        problems["status"] = _("must be one of: {choices}").format(choices=", ".join(m.MEETING_STATUSES))
    if new_mode is not None and new_mode not in m.MEETING_MODES:
        problems["mode"] = _("must be one of: {choices}").format(choices=", ".join(m.MEETING_MODES))
    reason = (reason or "").strip() or None
    if status in ("postponed", "cancelled") and not reason:
        problems["reason"] = _("give the reason for a postponement or a cancellation")
    if problems:
        raise ValidationError(problems)
    with db.transaction() as tx:
        meeting = _meeting(tx.session, meeting_id)
        before = to_record(meeting)
        values: dict = {"status": status}
        if new_start is not None:
            values["start_date"] = new_start
        if new_end is not None:
            values["end_date"] = new_end
        if new_start is not None and new_end is None and meeting.end_date and meeting.end_date < new_start:
            values["end_date"] = new_start
        if new_mode is not None:
            values["mode"] = new_mode
        if new_venue is not None:
            values["venue"] = new_venue
        if new_city is not None:
            values["city"] = new_city
        if new_date_precision is not None:
            values["date_precision"] = new_date_precision
        elif new_start is not None:
            values["date_precision"] = "day"
        if all(before.get(k) == v for k, v in values.items()):
            raise ValidationError(
                {"status": _("nothing changes")},
                _("{code} is already {status} with these dates.").format(code=before.code, status=status),
            )
        tx.create(
            "meeting-status-changes",
            dict(
                meeting_id=meeting_id,
                status=status,
                changed_on=changed_on or dt.date.today(),
                previous_status=before.status,
                previous_start_date=before.start_date,
                previous_end_date=before.end_date,
                previous_date_precision=before.date_precision,
                previous_mode=before.mode,
                previous_venue=before.venue,
                reason=reason,
            ),
        )
        return tx.update("meetings", meeting_id, values)


def status_history(db, meeting_id: int) -> list[Record]:
    """The meeting's status changes, oldest first."""
    with db.session() as s:
        rows = s.scalars(
            select(m.MeetingStatusChange)
            .where(m.MeetingStatusChange.meeting_id == meeting_id)
            .order_by(m.MeetingStatusChange.id)
        ).all()
        return [to_record(r) for r in rows]


def meeting_organizations(db, meeting_id: int) -> list[dict]:
    """Host, organizers, funders and supporters of a meeting: {id, role, organization, acronym, notes}."""
    with db.session() as s:
        rows = s.execute(
            select(m.MeetingOrganization, m.Organization)
            .join(m.Organization, m.Organization.id == m.MeetingOrganization.organization_id)
            .where(m.MeetingOrganization.meeting_id == meeting_id)
            .order_by(m.MeetingOrganization.id)
        ).all()
        order = {r: i for i, r in enumerate(m.MEETING_ORG_ROLES)}
        out = [
            dict(
                id=mo.id,
                role=mo.role,
                organization_id=o.id,
                organization=o.name_en,
                acronym=o.acronym,
                notes=mo.notes,
            )
            for mo, o in rows
        ]
        return sorted(out, key=lambda x: (order.get(x["role"], 9), x["id"]))


# ------------------------------------------------------------------------------------------------ participants
def set_participant_status(db, ids, status: str, on: dt.date | None = None) -> list[Record]:
    """Set the status of several participants at once and date it (``invited_on`` … ``cancelled_on``).

    Participants that already have this status keep their date. Returns the changed records.
    """
    if status not in m.PARTICIPANT_STATUSES:
        raise ValidationError(
            {"status": _("must be one of: {choices}").format(choices=", ".join(m.PARTICIPANT_STATUSES))}
        )
    on = on or dt.date.today()
    date_field = STATUS_DATE_FIELD[status]
    changed = []
    with db.transaction() as tx:
        for pid in ids:
            current = tx.get("participants", pid)
            if current.status == status and current[date_field] is not None:
                continue
            values = {"status": status}
            if current.status != status or current[date_field] is None:
                values[date_field] = on
            changed.append(tx.update("participants", pid, values))
    return changed


def participant_values(db, ids, fields=PARTICIPANT_STATUS_FIELDS) -> dict[int, dict]:
    """A snapshot of some fields of several participants (for undo): {id: {field: value}}."""
    with db.session() as s:
        rows = s.scalars(select(m.Participant).where(m.Participant.id.in_(list(ids)))).all()
        return {p.id: {f: getattr(p, f) for f in fields} for p in rows}


def apply_participant_values(db, values_by_id: dict[int, dict]) -> list[Record]:
    """Write per-participant values in one transaction (a bulk edit, or its undo)."""
    out = []
    with db.transaction() as tx:
        for pid, values in values_by_id.items():
            out.append(tx.update("participants", int(pid), dict(values)))
    return out


def update_participants(db, ids, values: dict) -> list[Record]:
    """The same values for several participants (credentials received, funded …), in one transaction."""
    return apply_participant_values(db, {pid: values for pid in ids})


def participant_counts(db, meeting_id: int) -> dict:
    """{"by_status": {status: n}, "by_category": {category: n}, "total", "credentials_received", "funded"}.

    Every status and category is present (zero when none), in the order of the models' choices.
    """
    p = m.Participant
    with db.session() as s:
        by_status = dict.fromkeys(m.PARTICIPANT_STATUSES, 0)
        for status, n in s.execute(
            select(p.status, func.count(p.id)).where(p.meeting_id == meeting_id).group_by(p.status)
        ):
            by_status[status] = n
        by_category = dict.fromkeys(m.PARTICIPANT_CATEGORIES, 0)
        for category, n in s.execute(
            select(p.category, func.count(p.id)).where(p.meeting_id == meeting_id).group_by(p.category)
        ):
            by_category[category] = n
        credentials = s.scalar(
            select(func.count(p.id)).where(p.meeting_id == meeting_id, p.credentials_received.is_(True))
        )
        funded = s.scalar(select(func.count(p.id)).where(p.meeting_id == meeting_id, p.funded.is_(True)))
    return {
        "by_status": by_status,
        "by_category": by_category,
        "total": sum(by_status.values()),
        "credentials_received": credentials or 0,
        "funded": funded or 0,
    }


# ------------------------------------------------------------------------------------------------ symbols
def _symbol_base(session) -> str:
    row = session.get(m.Setting, SYMBOL_BASE_SETTING)
    if row is not None and row.value:
        try:
            value = json.loads(row.value)
        except ValueError:
            value = row.value
        if isinstance(value, str) and value.strip():
            return value.strip().rstrip("/")
    return DEFAULT_SYMBOL_BASE


def symbol_prefix(session, meeting: m.Meeting) -> str:
    """The meeting's document-symbol prefix: its own, else ``<base>/<code>`` (base from the settings)."""
    if meeting.symbol_prefix and meeting.symbol_prefix.strip():
        return meeting.symbol_prefix.strip().rstrip("/")
    return f"{_symbol_base(session)}/{meeting.code}"


def _check_series(series: str) -> None:
    if series not in m.DOCUMENT_SERIES:
        raise ValidationError(
            {"series": _("must be one of: {choices}").format(choices=", ".join(m.DOCUMENT_SERIES))}
        )


def _next_symbol(session, meeting: m.Meeting, series: str) -> tuple[str, int]:
    _check_series(series)
    prefix = symbol_prefix(session, meeting)
    d = m.MeetingDocument
    numbers = set(
        session.scalars(
            select(d.number).where(d.meeting_id == meeting.id, d.series == series, d.number.is_not(None))
        )
    )
    pattern = re.compile(re.escape(f"{prefix}/{series}.") + r"(\d+)(?:/|$)")
    for sym in session.scalars(select(d.symbol).where(d.symbol.like(f"{prefix}/{series}.%"))):
        found = pattern.match(sym)
        if found:
            numbers.add(int(found.group(1)))
    n = max(numbers, default=0) + 1
    while session.scalar(select(d.id).where(d.symbol == f"{prefix}/{series}.{n}")) is not None:
        n += 1
    return f"{prefix}/{series}.{n}", n


def next_symbol(db, meeting_id: int, series: str) -> str:
    """The next free symbol of a series in a meeting: ``…/MOS4/Doc.9`` after ``Doc.8``."""
    with db.session() as s:
        return _next_symbol(s, _meeting(s, meeting_id), series)[0]


def _root(session, document_id: int) -> m.MeetingDocument:
    doc = session.get(m.MeetingDocument, document_id)
    if doc is None:
        raise NotFoundError(
            _("No document #{id}: it may have been deleted meanwhile.").format(id=document_id)
        )
    seen = set()
    while doc.original_id is not None and doc.id not in seen:
        seen.add(doc.id)
        doc = session.get(m.MeetingDocument, doc.original_id)
    return doc


def _revision_symbol(session, document_id: int, kind: str) -> tuple[m.MeetingDocument, str, int]:
    if kind not in REVISION_KINDS:
        raise ValidationError(
            {"revision_kind": _("must be one of: {choices}").format(choices=", ".join(REVISION_KINDS))}
        )
    root = _root(session, document_id)
    d = m.MeetingDocument
    numbers = set(
        session.scalars(
            select(d.revision_number).where(
                d.original_id == root.id, d.revision_kind == kind, d.revision_number.is_not(None)
            )
        )
    )
    n = max(numbers, default=0) + 1
    while session.scalar(select(d.id).where(d.symbol == f"{root.symbol}/{kind}.{n}")) is not None:
        n += 1
    return root, f"{root.symbol}/{kind}.{n}", n


def revision_symbol(db, document_id: int, kind: str = "Rev") -> str:
    """The symbol of the next revision (``…/Doc.8/Rev.1``, then ``Rev.2``) or corrigendum (``Corr.1``)."""
    with db.session() as s:
        return _revision_symbol(s, document_id, kind)[1]


_TAIL = re.compile(r"/(?P<series>[A-Za-z]+)\.(?P<number>\d+)(?:/(?P<kind>Rev|Corr|Add)\.(?P<rev>\d+))?$")


def _document_values(
    session,
    meeting_id: int | None,
    series: str,
    title_en: str,
    symbol: str | None,
    original_id: int | None,
    revision_kind: str | None,
    **other,
) -> dict:
    values = dict(title_en=title_en, **other)
    values.setdefault("status", "draft")
    if original_id is not None or revision_kind is not None:
        if original_id is None:
            raise ValidationError({"original_id": _("a revision or corrigendum needs its original")})
        kind = revision_kind or "Rev"
        root, suggested, n = _revision_symbol(session, original_id, kind)
        values.update(
            meeting_id=root.meeting_id,
            series=root.series,
            number=root.number,
            original_id=root.id,
            revision_kind=kind,
            revision_number=n,
            symbol=symbol or suggested,
        )
        if values.get("agenda_item") is None:
            values["agenda_item"] = root.agenda_item
        if symbol:
            tail = _TAIL.search(symbol.strip())
            values["revision_number"] = int(tail["rev"]) if tail and tail["rev"] else None
    else:
        if meeting_id is None:
            raise ValidationError({"meeting_id": _("required")})
        meeting = _meeting(session, meeting_id)
        _check_series(series)
        values.update(meeting_id=meeting.id, series=series)
        if symbol:
            tail = _TAIL.search(symbol.strip())
            values.update(symbol=symbol, number=int(tail["number"]) if tail else None)
        else:
            values["symbol"], values["number"] = _next_symbol(session, meeting, series)
    values["symbol"] = values["symbol"].strip()
    return values


def document_values(
    db,
    meeting_id: int | None,
    series: str,
    title_en: str,
    symbol: str | None = None,
    original_id: int | None = None,
    revision_kind: str | None = None,
    **other,
) -> dict:
    """The values ``add_document`` would create (for the GUI's undoable create command)."""
    with db.session() as s:
        return _document_values(s, meeting_id, series, title_en, symbol, original_id, revision_kind, **other)


def add_document(
    db,
    meeting_id: int | None,
    series: str,
    title_en: str,
    title_ru: str | None = None,
    symbol: str | None = None,
    agenda_item: str | None = None,
    languages: str | None = None,
    original_language: str | None = None,
    issued_on: dt.date | None = None,
    status: str = "draft",
    link: str | None = None,
    notes: str | None = None,
    original_id: int | None = None,
    revision_kind: str | None = None,
) -> Record:
    """Register a document. Without ``symbol`` the next free one is used; symbols are unique.

    With ``original_id`` (and ``revision_kind``, default "Rev") it is a revision or corrigendum of that
    document: it hangs under the original (never under another revision) and shares its meeting, series
    and number.
    """
    with db.transaction() as tx:
        values = _document_values(
            tx.session,
            meeting_id,
            series,
            title_en,
            symbol,
            original_id,
            revision_kind,
            title_ru=title_ru,
            agenda_item=agenda_item,
            languages=languages,
            original_language=original_language,
            issued_on=issued_on,
            status=status,
            link=link,
            notes=notes,
        )
        return tx.create("documents", values)


def list_documents(db, meeting_id: int) -> list[Record]:
    """A meeting's documents in register order: series, number, each original followed by its revisions."""
    with db.session() as s:
        docs = [
            to_record(d)
            for d in s.scalars(select(m.MeetingDocument).where(m.MeetingDocument.meeting_id == meeting_id))
        ]
    series_order = {x: i for i, x in enumerate(m.DOCUMENT_SERIES)}
    by_id = {d.id: d for d in docs}

    def key(d):
        root = by_id.get(d.original_id, d) if d.original_id else d
        return (
            series_order.get(root.series, 99),
            root.number if root.number is not None else 10**9,
            root.symbol,
            0 if d.original_id is None else 1,
            d.revision_kind or "",
            d.revision_number or 0,
            d.symbol,
        )

    return sorted(docs, key=key)


# ------------------------------------------------------------------------------------------------ files
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _stored_name(file_hash: str, file_name: str | None) -> str:
    suffix = Path(file_name or "").suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        suffix = ""
    return f"{file_hash}{suffix}"


def store_file(path) -> tuple[str, str]:
    """Copy a file into the document store, named by its SHA-256; returns (file name, hash).

    Storing the same content again copies nothing. The original file is never modified.
    """
    from saiga_desk.paths import document_store_dir

    src = Path(path)
    if not src.is_file():
        raise InputError(
            _("{path} cannot be attached: it is not a file that can be read.").format(path=src),
            [Problem(_("not found or not a file"), file=str(src))],
        )
    try:
        file_hash = _sha256(src)
    except OSError as e:
        raise InputError(
            _("{path} cannot be read: {reason}").format(path=src, reason=e.strerror or e),
            [Problem(str(e), file=str(src))],
        ) from e
    store = document_store_dir()
    dest = store / _stored_name(file_hash, src.name)
    if not dest.exists() or _sha256(dest) != file_hash:
        fd, tmp = tempfile.mkstemp(dir=store, prefix=".incoming-")
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return src.name, file_hash


def attach_file(db, document_id: int, path) -> Record:
    """Copy a file into the document store (``store_file``) and record its name and hash on the document.

    Attaching the same content again changes nothing.
    """
    file_name, file_hash = store_file(path)
    with db.transaction() as tx:
        current = tx.get("documents", document_id)
        if current.file_hash == file_hash and current.file_name == file_name:
            return current
        return tx.update("documents", document_id, {"file_name": file_name, "file_hash": file_hash})


def document_file_path(db, document_id: int) -> Path | None:
    """Where the document's stored file is (None when it has no file); SaigaError when it went missing."""
    from saiga_desk.paths import document_store_dir

    with db.session() as s:
        doc = s.get(m.MeetingDocument, document_id)
        if doc is None:
            raise NotFoundError(
                _("No document #{id}: it may have been deleted meanwhile.").format(id=document_id)
            )
        if not doc.file_hash:
            return None
        name, file_hash, symbol = doc.file_name, doc.file_hash, doc.symbol
    path = document_store_dir() / _stored_name(file_hash, name)
    if not path.is_file():
        raise SaigaError(
            _(
                "The file of {symbol} ({name}) is missing from the document store {store}; attach it again."
            ).format(symbol=symbol, name=name, store=document_store_dir())
        )
    return path


__all__ = [
    "InviteResult",
    "Skipped",
    "invite_signatories",
    "change_status",
    "status_history",
    "meeting_organizations",
    "set_participant_status",
    "participant_values",
    "apply_participant_values",
    "update_participants",
    "participant_counts",
    "next_symbol",
    "revision_symbol",
    "add_document",
    "document_values",
    "store_file",
    "list_documents",
    "attach_file",
    "document_file_path",
    "find_meeting",
    "symbol_prefix",
    "STATUS_DATE_FIELD",
    "PARTICIPANT_STATUS_FIELDS",
    "REVISION_KINDS",
]
