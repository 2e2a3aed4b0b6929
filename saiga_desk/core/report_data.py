"""What the printed documents and the badges read: plain records, never live ORM objects.

Each function opens its own read-only session and returns ``Record`` copies (a record's related country,
organization or person is a nested ``Record``), so ``io.reports`` and ``io.badges`` only lay out. Long
lists are generators that stream from the database while the PDF is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core import names
from saiga_desk.core.choices import rank
from saiga_desk.core.designations import role_rank, role_rank_sql, valid_on
from saiga_desk.core.errors import NotFoundError, SaigaError
from saiga_desk.core.meeting_status import the_meeting
from saiga_desk.core.services import Record, to_record
from saiga_desk.core.text import sort_key
from saiga_desk.i18n import _


# ------------------------------------------------------------------------------------------------ copies
def _rec(obj, **related) -> Record | None:
    if obj is None:
        return None
    out = to_record(obj)
    out.update(related)
    return out


def _person(p: m.Person) -> Record:
    return _rec(p, country=_rec(p.country), organization=_rec(p.organization))


def _signatory(s: m.Signatory) -> Record:
    return _rec(s, country=_rec(s.country), organization=_rec(s.organization))


def _meeting(mt: m.Meeting | None) -> Record | None:
    return _rec(mt, country=_rec(mt.country), host_country=_rec(mt.host_country)) if mt is not None else None


def signatory_name(sig, language: str) -> str:
    """A Signatory in a printed document: the State, or "Organization name (ACRONYM)"."""
    return names.signatory_full_name(sig.country, sig.organization, language)


# ------------------------------------------------------------------------------------------------ meetings
def meeting(db, meeting_id: int) -> Record:
    """The meeting ``meeting_id`` (with its country), or NotFoundError."""
    with db.session() as s:
        return _meeting(the_meeting(s, meeting_id))


def meeting_by_code(db, code: str) -> Record:
    with db.session() as s:
        meeting = s.scalar(select(m.Meeting).where(m.Meeting.code == code))
        if meeting is None:
            raise NotFoundError(_("There is no meeting with the code {code!r}.").format(code=code))
        return _meeting(meeting)


def require_meeting(db, code: str | None, report: str) -> Record:
    if not code:
        raise SaigaError(
            _("The {report} report needs a meeting: give its code (for example MOS4).").format(report=report)
        )
    return meeting_by_code(db, code)


def latest_mos(db) -> Record | None:
    q = select(m.Meeting).where(m.Meeting.kind == "mos").order_by(m.Meeting.start_date.desc().nulls_last())
    with db.session() as s:
        return _meeting(s.scalars(q).first())


def previous_mos(db, meeting) -> Record | None:
    if meeting.start_date is None:
        return None
    q = (
        select(m.Meeting)
        .where(m.Meeting.kind == "mos", m.Meeting.start_date < meeting.start_date, m.Meeting.id != meeting.id)
        .order_by(m.Meeting.start_date.desc())
    )
    with db.session() as s:
        return _meeting(s.scalars(q).first())


def meetings_since_previous_mos(db, meeting, kinds: tuple[str, ...]) -> list[Record]:
    """Meetings of these kinds (not cancelled, dated) held after the MOS before ``meeting``, by date; of the
    Meetings of Signatories only ``meeting`` itself."""
    since = previous_mos(db, meeting) if meeting else None
    q = select(m.Meeting).where(m.Meeting.kind.in_(kinds), m.Meeting.status != "cancelled")
    with db.session() as s:
        found = [_meeting(x) for x in s.scalars(q) if x.start_date is not None]
    if since is not None and since.end_date:
        found = [x for x in found if x.start_date > since.end_date]
    found = [x for x in found if meeting is None or x.id == meeting.id or x.kind != "mos"]
    found.sort(key=lambda x: x.start_date)
    return found


def find_document(db, meeting, title_en: str) -> Record | None:
    """The meeting's registered document whose English title holds ``title_en`` (the latest revision)."""
    if meeting is None:
        return None
    q = (
        select(m.MeetingDocument)
        .where(m.MeetingDocument.meeting_id == meeting.id, m.MeetingDocument.title_en.ilike(f"%{title_en}%"))
        .order_by(m.MeetingDocument.revision_number.desc().nulls_last())
    )
    with db.session() as s:
        return _rec(s.scalars(q).first())


def meeting_organizations(db, meeting, role: str) -> list[Record]:
    q = (
        select(m.Organization)
        .join(m.MeetingOrganization, m.MeetingOrganization.organization_id == m.Organization.id)
        .where(m.MeetingOrganization.meeting_id == meeting.id, m.MeetingOrganization.role == role)
        .order_by(m.MeetingOrganization.id)
    )
    with db.session() as s:
        return [_rec(o) for o in s.scalars(q)]


def status_changes(db, meeting) -> list[Record]:
    q = select(m.MeetingStatusChange).where(m.MeetingStatusChange.meeting_id == meeting.id)
    with db.session() as s:
        return [_rec(c) for c in s.scalars(q.order_by(m.MeetingStatusChange.id))]


_SERIES_ORDER = {name: i for i, name in enumerate(m.DOCUMENT_SERIES)}


def documents(db, meeting) -> list[Record]:
    """The meeting's documents (not the withdrawn ones) by series, number and revision."""
    q = select(m.MeetingDocument).where(
        m.MeetingDocument.meeting_id == meeting.id, m.MeetingDocument.status != "withdrawn"
    )
    with db.session() as s:
        found = [_rec(d) for d in s.scalars(q)]
    found.sort(
        key=lambda d: (_SERIES_ORDER.get(d.series, 9), d.number or 0, d.revision_number or 0, d.symbol)
    )
    return found


# ------------------------------------------------------------------------------------------------ signatories
def signatories(db, language: str, kind: str | None = None) -> list[Record]:
    """The Signatories (status "signatory"), States first, by name in ``language``."""
    q = select(m.Signatory).where(m.Signatory.status == "signatory")
    if kind:
        q = q.where(m.Signatory.kind == kind)
    with db.session() as s:
        found = [_signatory(x) for x in s.scalars(q)]
    found.sort(key=lambda x: (x.kind != "state", sort_key(signatory_name(x, language))))
    return found


# ------------------------------------------------------------------------------------------------ contact points
def contact_rows(db, signatory_id: int, as_at: dt.date, language: str) -> Iterator[dict]:
    """The contact points of one Signatory valid on ``as_at`` (primary first), streamed as plain dicts."""
    authority = aliased(m.Organization)
    q = (
        select(m.Designation.role, m.Person, authority)
        .join(m.Person, m.Person.id == m.Designation.person_id)
        .outerjoin(authority, authority.id == m.Designation.authority_id)
        .where(m.Designation.signatory_id == signatory_id, valid_on(as_at))
        .order_by(role_rank_sql(m.Designation.role), m.Designation.valid_from, m.Designation.id)
        .execution_options(yield_per=500)
    )
    with db.session() as s:
        for role, p, auth in s.execute(q):
            yield {
                "role": role,
                "name": names.person_name(p, honorific=True, latin=True),
                "position": p.position or "",
                "department": p.department or "",
                "authority": names.organization_name(auth if auth is not None else p.organization, language),
                "address": names.person_address(p, language),
                "phone": "\n".join(x for x in (p.phone, p.mobile) if x),
                "phones": (p.phone, p.mobile),  # labelled one per line by the list
                "email": "\n".join(x for x in (p.email, *(p.other_emails or "").splitlines()) if x),
            }


def letter_recipients(db, signatory_id: int, as_at: dt.date) -> list[tuple[Record, Record, Record | None]]:
    """(designation, person, competent authority) of one Signatory's contact points valid on ``as_at``."""
    q = (
        select(m.Designation)
        .where(m.Designation.signatory_id == signatory_id, valid_on(as_at))
        .order_by(m.Designation.id)
    )
    with db.session() as s:
        found = [(_rec(d), _person(d.person), _rec(d.authority)) for d in s.scalars(q)]
    found.sort(key=lambda x: (role_rank(x[0].role), x[0].id))
    return found


def contact_points_of(db, signatory_id: int, as_at: dt.date) -> list[tuple[Record, Record, Record]]:
    """(designation, person, signatory) of one Signatory's contact points valid on ``as_at``, primary first;
    the person with its ``country`` and ``organization``, the signatory with its ``country``."""
    q = (
        select(m.Designation)
        .where(m.Designation.signatory_id == signatory_id, valid_on(as_at))
        .order_by(role_rank_sql(m.Designation.role), m.Designation.id)
    )
    with db.session() as s:
        return [(_rec(d), _person(d.person), _signatory(d.signatory)) for d in s.scalars(q)]


def count_designating_signatories(db, as_at: dt.date) -> int:
    q = select(func.count(func.distinct(m.Designation.signatory_id))).where(valid_on(as_at))
    with db.session() as s:
        return s.scalar(q) or 0


def count_designations(db, as_at: dt.date) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(m.Designation.id)).where(valid_on(as_at))) or 0


# ------------------------------------------------------------------------------------------------ participants
def delegation(p: m.Participant, language: str) -> str:
    """What a participant represents (``names.delegation_name`` over the participant's records)."""
    sig = p.signatory
    return names.delegation_name(
        p,
        signatory_country=sig.country if sig is not None else None,
        signatory_organization=sig.organization if sig is not None else None,
        organization=p.organization,
        person_organization=p.person.organization,
        person_country=p.person.country,
        language=language,
    )


def meeting_participants(db, meeting_id: int, statuses, language: str = "en") -> list[Record]:
    """A meeting's participants with one of ``statuses``: each with its ``person`` and its ``delegation``
    in ``language`` (and ``delegation_en``, ``delegation_ru``), by delegation, role and family name."""
    q = select(m.Participant).where(
        m.Participant.meeting_id == meeting_id, m.Participant.status.in_(statuses)
    )
    with db.session() as s:
        found = [
            _rec(
                p,
                person=_person(p.person),
                delegation=delegation(p, language),
                delegation_en=delegation(p, "en"),
                delegation_ru=delegation(p, "ru"),
            )
            for p in s.scalars(q)
        ]
    found.sort(
        key=lambda x: (
            sort_key(x.delegation) or "",
            rank(m.PARTICIPANT_ROLES, x.role),
            sort_key(x.person.family_name) or "",
            x.id,
        )
    )
    return found


# ------------------------------------------------------------------------------------------------ projects
def _implementers(s, project_id: int) -> list[Record]:
    q = (
        select(m.Organization)
        .join(m.ProjectImplementer, m.ProjectImplementer.organization_id == m.Organization.id)
        .where(m.ProjectImplementer.project_id == project_id)
        .order_by(m.ProjectImplementer.lead.desc(), m.ProjectImplementer.id)
    )
    return [_rec(o) for o in s.scalars(q)]


def _funders(s, project_id: int) -> list[tuple[Record, Record]]:
    q = (
        select(m.Organization, m.ProjectFunder)
        .join(m.ProjectFunder, m.ProjectFunder.organization_id == m.Organization.id)
        .where(m.ProjectFunder.project_id == project_id)
        .order_by(m.ProjectFunder.id)
    )
    return [(_rec(o), _rec(f)) for o, f in s.execute(q)]


def _mandate_text(s, project: m.Project) -> str:
    """The project's mandate as written, else its work-programme items: "Saiga MTIWP 2016-2020, 1.1, 1.2"."""
    if project.mandate:
        return project.mandate
    wp = aliased(m.WorkProgramme)
    q = (
        select(wp.code, m.WorkProgrammeItem.code)
        .join(m.WorkProgrammeItem, m.WorkProgrammeItem.programme_id == wp.id)
        .join(m.ProjectMandate, m.ProjectMandate.item_id == m.WorkProgrammeItem.id)
        .where(m.ProjectMandate.project_id == project.id)
        .order_by(wp.code, m.ProjectMandate.id)
    )
    by_programme: dict[str, list[str]] = {}
    for programme, code in s.execute(q):
        by_programme.setdefault(programme, []).append(code)
    return "; ".join(f"{p}, {', '.join(c)}" for p, c in by_programme.items())


def projects(db, table_only: bool) -> list[Record]:
    """The projects (not cancelled; only those of the project table with ``table_only``) by start date, each
    with its ``implementers`` (lead first), ``funders`` ((organization, funding) pairs) and ``mandate_text``."""
    q = select(m.Project).where(m.Project.status != "cancelled")
    if table_only:
        q = q.where(m.Project.in_project_table.is_(True))
    with db.session() as s:
        found = [
            _rec(
                p,
                implementers=_implementers(s, p.id),
                funders=_funders(s, p.id),
                mandate_text=_mandate_text(s, p),
            )
            for p in s.scalars(q)
        ]
    found.sort(key=lambda p: (p.start_date or dt.date.max, p.id))
    return found


__all__ = [
    "signatory_name",
    "meeting",
    "meeting_by_code",
    "require_meeting",
    "latest_mos",
    "previous_mos",
    "meetings_since_previous_mos",
    "find_document",
    "meeting_organizations",
    "status_changes",
    "documents",
    "signatories",
    "contact_rows",
    "letter_recipients",
    "contact_points_of",
    "count_designating_signatories",
    "count_designations",
    "delegation",
    "meeting_participants",
    "projects",
]
