"""Read-only queries behind the reports. Rows come back as plain dicts, never live ORM objects;
long lists are generators that stream from the database while the PDF is written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from saiga_desk.core import models as m
from saiga_desk.core.errors import NotFoundError, SaigaError
from saiga_desk.i18n import _

# Country names that take "the" in running English text.
_THE = ("Russian Federation", "United ", "Netherlands", "Philippines", "Republic of", "Czech Republic",
        "Dominican Republic", "Central African Republic", "Gambia", "Bahamas", "Holy See", "Niger", "Sudan",
        "Kyrgyz Republic", "Lao People", "Democratic Republic", "Islamic Republic")  # fmt: skip


def with_article(name: str) -> str:
    return f"the {name}" if name.startswith(_THE) else name


def _ru(en: str | None, ru: str | None, language: str) -> str:
    return (ru or en or "") if language == "ru" else (en or ru or "")


def country_name(c: m.Country | None, language: str) -> str:
    return _ru(c.name_en, c.name_ru, language) if c else ""


def organization_name(o: m.Organization | None, language: str, with_acronym: bool = False) -> str:
    if o is None:
        return ""
    name = _ru(o.name_en, o.name_ru, language)
    if with_acronym and o.acronym and f"({o.acronym})" not in name and o.acronym != name:
        name = f"{name} ({o.acronym})"
    return name


def signatory_name(s: m.Signatory, language: str) -> str:
    if s.country is not None:
        return country_name(s.country, language)
    return organization_name(s.organization, language, with_acronym=True)


def person_name(p: m.Person, latin: bool = True) -> str:
    """ "Ms. Айгүл Қасымова (Aigul Kassymova)": as written, then the Latin spelling when it differs."""
    own = " ".join(x for x in (p.given_name, p.family_name) if x)
    name = " ".join(x for x in (p.honorific, own) if x)
    lat = " ".join(x for x in (p.given_name_latin, p.family_name_latin) if x)
    if latin and lat and lat != own:
        name = f"{name} ({lat})"
    return name


def person_address(p: m.Person, language: str) -> str:
    parts = [p.address or ""]
    if p.city and p.city.casefold() not in (p.address or "").casefold():
        parts.append(p.city)
    country = country_name(p.country, language)
    if country:
        parts.append(country)
    return "\n".join(x for x in parts if x)


def lines(*values: str | None) -> str:
    return "\n".join(v for v in values if v)


# ------------------------------------------------------------------------------------------ meetings
def meeting_by_code(s: Session, code: str) -> m.Meeting:
    meeting = s.scalar(select(m.Meeting).where(m.Meeting.code == code))
    if meeting is None:
        raise NotFoundError(_("There is no meeting with the code {code!r}.").format(code=code))
    return meeting


def latest_mos(s: Session) -> m.Meeting | None:
    q = select(m.Meeting).where(m.Meeting.kind == "mos").order_by(m.Meeting.start_date.desc().nulls_last())
    return s.scalars(q).first()


def previous_mos(s: Session, meeting: m.Meeting) -> m.Meeting | None:
    if meeting.start_date is None:
        return None
    q = (
        select(m.Meeting)
        .where(m.Meeting.kind == "mos", m.Meeting.start_date < meeting.start_date, m.Meeting.id != meeting.id)
        .order_by(m.Meeting.start_date.desc())
    )
    return s.scalars(q).first()


def find_document(s: Session, meeting: m.Meeting | None, title_en: str) -> m.MeetingDocument | None:
    if meeting is None:
        return None
    q = (
        select(m.MeetingDocument)
        .where(m.MeetingDocument.meeting_id == meeting.id, m.MeetingDocument.title_en.ilike(f"%{title_en}%"))
        .order_by(m.MeetingDocument.revision_number.desc().nulls_last())
    )
    return s.scalars(q).first()


def meeting_organizations(s: Session, meeting: m.Meeting, role: str) -> list[m.Organization]:
    q = (
        select(m.Organization)
        .join(m.MeetingOrganization, m.MeetingOrganization.organization_id == m.Organization.id)
        .where(m.MeetingOrganization.meeting_id == meeting.id, m.MeetingOrganization.role == role)
        .order_by(m.MeetingOrganization.id)
    )
    return list(s.scalars(q))


def status_changes(s: Session, meeting: m.Meeting) -> list[m.MeetingStatusChange]:
    q = select(m.MeetingStatusChange).where(m.MeetingStatusChange.meeting_id == meeting.id)
    return list(s.scalars(q.order_by(m.MeetingStatusChange.id)))


def letterhead(s: Session) -> dict:
    row = s.get(m.Setting, "letterhead")
    try:
        value = json.loads(row.value) if row and row.value else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------------------------------ signatories
def signatories(s: Session, language: str, kind: str | None = None) -> list[m.Signatory]:
    q = select(m.Signatory).where(m.Signatory.status == "signatory")
    if kind:
        q = q.where(m.Signatory.kind == kind)
    found = list(s.scalars(q))
    found.sort(key=lambda x: (x.kind != "state", signatory_name(x, language).casefold()))
    return found


# ------------------------------------------------------------------------------------------ contact points
def valid_on(as_at: dt.date):
    d = m.Designation
    return and_(
        or_(d.valid_from.is_(None), d.valid_from <= as_at), or_(d.valid_to.is_(None), d.valid_to >= as_at)
    )


def contact_rows(s: Session, signatory_id: int, as_at: dt.date, language: str) -> Iterator[dict]:
    """The contact points of one Signatory valid on ``as_at`` (primary first), streamed as plain dicts."""
    authority = aliased(m.Organization)
    country = aliased(m.Country)
    role_order = case((m.Designation.role == "primary", 0), (m.Designation.role == "alternate", 1), else_=2)
    q = (
        select(m.Designation.role, m.Person, authority, country)
        .join(m.Person, m.Person.id == m.Designation.person_id)
        .outerjoin(authority, authority.id == m.Designation.authority_id)
        .outerjoin(country, country.id == m.Person.country_id)
        .where(m.Designation.signatory_id == signatory_id, valid_on(as_at))
        .order_by(role_order, m.Designation.valid_from, m.Designation.id)
        .execution_options(yield_per=500)
    )
    for role, p, auth, c in s.execute(q):
        address = [p.address or ""]
        if p.city and p.city.casefold() not in (p.address or "").casefold():
            address.append(p.city)
        address.append(country_name(c, language))
        yield {
            "role": role,
            "name": person_name(p),
            "position": p.position or "",
            "department": p.department or "",
            "authority": organization_name(auth, language)
            if auth
            else organization_name(p.organization, language),
            "address": lines(*address),
            "phone": lines(p.phone, p.mobile),
            "phones": (p.phone, p.mobile),  # labelled one per line by the list
            "email": lines(p.email, *(p.other_emails or "").splitlines()),
        }


def count_designating_signatories(s: Session, as_at: dt.date) -> int:
    q = select(func.count(func.distinct(m.Designation.signatory_id))).where(valid_on(as_at))
    return s.scalar(q) or 0


def count_designations(s: Session, as_at: dt.date) -> int:
    return s.scalar(select(func.count(m.Designation.id)).where(valid_on(as_at))) or 0


# ------------------------------------------------------------------------------------------ participants
def participants(s: Session, meeting: m.Meeting, final: bool) -> list[m.Participant]:
    statuses = ("attended",) if final else ("invited", "registered", "confirmed", "attended")
    q = select(m.Participant).where(
        m.Participant.meeting_id == meeting.id, m.Participant.status.in_(statuses)
    )
    return list(s.scalars(q))


# ------------------------------------------------------------------------------------------ projects
def projects(s: Session, table_only: bool) -> list[m.Project]:
    q = select(m.Project).where(m.Project.status != "cancelled")
    if table_only:
        q = q.where(m.Project.in_project_table.is_(True))
    found = list(s.scalars(q))
    found.sort(key=lambda p: (p.start_date or dt.date.max, p.id))
    return found


def implementers(s: Session, project: m.Project) -> list[m.Organization]:
    q = (
        select(m.Organization)
        .join(m.ProjectImplementer, m.ProjectImplementer.organization_id == m.Organization.id)
        .where(m.ProjectImplementer.project_id == project.id)
        .order_by(m.ProjectImplementer.lead.desc(), m.ProjectImplementer.id)
    )
    return list(s.scalars(q))


def funders(s: Session, project: m.Project) -> list[tuple[m.Organization, m.ProjectFunder]]:
    q = (
        select(m.Organization, m.ProjectFunder)
        .join(m.ProjectFunder, m.ProjectFunder.organization_id == m.Organization.id)
        .where(m.ProjectFunder.project_id == project.id)
        .order_by(m.ProjectFunder.id)
    )
    return [(o, f) for o, f in s.execute(q)]


def mandate_text(s: Session, project: m.Project) -> str:
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


# ------------------------------------------------------------------------------------------ documents
_SERIES_ORDER = {name: i for i, name in enumerate(m.DOCUMENT_SERIES)}


def documents(s: Session, meeting: m.Meeting) -> list[m.MeetingDocument]:
    q = select(m.MeetingDocument).where(
        m.MeetingDocument.meeting_id == meeting.id, m.MeetingDocument.status != "withdrawn"
    )
    found = list(s.scalars(q))
    found.sort(
        key=lambda d: (_SERIES_ORDER.get(d.series, 9), d.number or 0, d.revision_number or 0, d.symbol)
    )
    return found


def require_meeting(s: Session, code: str | None, report: str) -> m.Meeting:
    if not code:
        raise SaigaError(_("The {report} report needs a meeting: give its code (for example MOS4).").format(
            report=report))  # fmt: skip
    return meeting_by_code(s, code)
