"""What the services know about each record kind: names, required fields, choices, labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from saiga_desk.core import models as m
from saiga_desk.core import names, person_fields
from saiga_desk.core import reporting_models as rm
from saiga_desk.i18n import N_


@dataclass(frozen=True)
class Entity:
    name: str  # the plural used by the CLI and the services: "persons"
    model: type
    singular: str  # for messages: "person"
    plural: str  # for messages: "persons"
    required: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    emails: tuple[str, ...] = ()
    date_pairs: tuple[tuple[str, str], ...] = ()  # (start, end): end not before start
    search_fields: tuple[str, ...] = ()
    title: Callable[[object], str] = lambda obj: f"#{obj.id}"
    readonly: bool = False
    required_any: tuple[tuple[str, ...], ...] = ()  # one of these fields at least (an English or Russian name)


def _person_title(p) -> str:
    return names.person_name(p) or f"#{p.id}"


def _signatory_title(s) -> str:
    return names.signatory_short(s.country, s.organization) or f"#{s.id}"


ENTITIES: dict[str, Entity] = {}


def _add(e: Entity) -> None:
    ENTITIES[e.name] = e


_add(
    Entity(
        "countries",
        m.Country,
        N_("country"),
        N_("countries"),
        ("code", "name_en"),
        readonly=True,
        search_fields=("code", "name_en", "name_ru"),
        title=names.country_name,
    )
)
_add(
    Entity(
        "organizations",
        m.Organization,
        N_("organization"),
        N_("organizations"),
        (),
        {"kind": m.ORGANIZATION_KINDS},
        emails=("email",),
        search_fields=("acronym", "name_en", "name_ru"),
        title=names.organization_short,
        required_any=(("name_en", "name_ru"),),
    )
)
_add(
    Entity(
        "signatories",
        m.Signatory,
        N_("signatory"),
        N_("signatories"),
        ("kind",),
        {"kind": m.SIGNATORY_KINDS, "status": m.SIGNATORY_STATUSES},
        title=_signatory_title,
    )
)
_add(
    Entity(
        "persons",
        m.Person,
        N_("person"),
        N_("persons"),
        ("family_name",),
        {"preferred_language": m.LANGUAGES},
        emails=("email",),
        search_fields=person_fields.SEARCHABLE,
        title=_person_title,
    )
)
_add(
    Entity(
        "designations",
        m.Designation,
        N_("designation"),
        N_("designations"),
        ("signatory_id", "person_id"),
        {"role": m.DESIGNATION_ROLES},
        date_pairs=(("valid_from", "valid_to"),),
        title=lambda d: f"#{d.id}",
    )
)
_add(
    Entity(
        "meetings",
        m.Meeting,
        N_("meeting"),
        N_("meetings"),
        ("code", "title_en"),
        {
            "kind": m.MEETING_KINDS,
            "mode": m.MEETING_MODES,
            "status": m.MEETING_STATUSES,
            "date_precision": m.DATE_PRECISIONS,
        },
        date_pairs=(("start_date", "end_date"),),
        search_fields=("code", "title_en", "title_ru", "venue", "venue_ru", "city"),
        title=lambda x: x.code,
    )
)
_add(
    Entity(
        "meeting-organizations",
        m.MeetingOrganization,
        N_("meeting organization"),
        N_("meeting organizations"),
        ("meeting_id", "organization_id", "role"),
        {"role": m.MEETING_ORG_ROLES},
    )
)
_add(
    Entity(
        "meeting-status-changes",
        m.MeetingStatusChange,
        N_("status change"),
        N_("status changes"),
        ("meeting_id", "status"),
        {"status": m.MEETING_STATUSES},
    )
)
_add(
    Entity(
        "participants",
        m.Participant,
        N_("participant"),
        N_("participants"),
        ("meeting_id", "person_id"),
        {"role": m.PARTICIPANT_ROLES, "status": m.PARTICIPANT_STATUSES, "category": m.PARTICIPANT_CATEGORIES},
    )
)
_add(
    Entity(
        "documents",
        m.MeetingDocument,
        N_("document"),
        N_("documents"),
        ("symbol", "title_en"),
        {"series": m.DOCUMENT_SERIES, "status": m.DOCUMENT_STATUSES},
        search_fields=("symbol", "title_en", "title_ru", "agenda_item"),
        title=lambda d: d.symbol,
    )
)
_add(
    Entity(
        "work-programmes",
        m.WorkProgramme,
        N_("work programme"),
        N_("work programmes"),
        ("code", "title"),
        search_fields=("code", "title", "instrument"),
        title=lambda w: w.code,
    )
)
_add(
    Entity(
        "work-programme-items",
        m.WorkProgrammeItem,
        N_("work programme item"),
        N_("work programme items"),
        ("programme_id", "code"),
        {"kind": m.WORK_PROGRAMME_ITEM_KINDS},
        search_fields=("code", "title"),
        title=lambda i: i.code,
    )
)
_add(
    Entity(
        "projects",
        m.Project,
        N_("project"),
        N_("projects"),
        ("title",),
        {
            "status": m.PROJECT_STATUSES,
            "start_precision": m.DATE_PRECISIONS,
            "end_precision": m.DATE_PRECISIONS,
        },
        date_pairs=(("start_date", "end_date"),),
        search_fields=("title", "title_ru", "objectives", "objectives_ru", "mandate", "outcome"),
        title=lambda p: p.title,
    )
)
_add(
    Entity(
        "project-implementers",
        m.ProjectImplementer,
        N_("implementing organization"),
        N_("implementing organizations"),
        ("project_id", "organization_id"),
    )
)
_add(Entity("project-mandates", m.ProjectMandate, N_("mandate"), N_("mandates"), ("project_id", "item_id")))
_add(
    Entity("project-funders", m.ProjectFunder, N_("funder"), N_("funders"), ("project_id", "organization_id"))
)
_add(
    Entity(
        "publications",
        m.Publication,
        N_("publication"),
        N_("publications"),
        ("title",),
        title=lambda p: p.title,
    )
)
_add(  # the mail log (core/mail_log.py writes it)
    Entity(
        "mail-messages",
        m.MailMessage,
        N_("mail message"),
        N_("mail messages"),
        ("kind", "recipient", "language", "subject", "message_id", "at", "outcome"),
        {"kind": m.MAIL_KINDS, "outcome": m.MAIL_OUTCOMES},
        title=lambda x: f"{x.recipient}: {x.subject}",
    )
)

# The depositary record and national reports (core/reporting_models.py).
_add(
    Entity(
        "signature-events",
        rm.SignatureEvent,
        N_("signature event"),
        N_("signature events"),
        ("signatory_id", "event"),
        {"event": rm.SIGNATURE_EVENTS},
        title=lambda e: f"{e.event} {e.event_on or ''}".strip(),
    )
)
_add(
    Entity(
        "reporting-cycles",
        rm.ReportingCycle,
        N_("reporting cycle"),
        N_("reporting cycles"),
        ("meeting_id",),
        title=lambda c: c.meeting.code if c.meeting is not None else f"#{c.id}",
    )
)
_add(
    Entity(
        "national-reports",
        rm.NationalReport,
        N_("national report"),
        N_("national reports"),
        ("cycle_id", "signatory_id", "status"),
        {"status": rm.REPORT_STATUSES, "language": rm.REPORT_LANGUAGES},
        title=lambda r: _signatory_title(r.signatory) if r.signatory is not None else f"#{r.id}",
    )
)
_add(
    Entity(
        "national-report-files",
        rm.NationalReportFile,
        N_("national report file"),
        N_("national report files"),
        ("report_id", "file_name", "file_hash"),
        title=lambda f: f.file_name,
    )
)

ALIASES = {"contact-points": "designations", "person": "persons", "organization": "organizations",
           "signatory": "signatories", "designation": "designations", "meeting": "meetings",
           "participant": "participants", "meeting_document": "documents", "project": "projects",
           "work_programme": "work-programmes", "work_programme_item": "work-programme-items",
           "country": "countries", "meeting_organization": "meeting-organizations",
           "meeting_status_change": "meeting-status-changes", "project_implementer": "project-implementers",
           "project_mandate": "project-mandates", "project_funder": "project-funders",
           "publication": "publications"}  # fmt: skip

ALIASES.update(
    {
        "signature_event": "signature-events",
        "reporting_cycle": "reporting-cycles",
        "national_report": "national-reports",
        "national_report_file": "national-report-files",
    }
)

BY_TABLE = {e.model.__tablename__: e for e in ENTITIES.values()}


def entity(name: str) -> Entity:
    key = ALIASES.get(name, name)
    try:
        return ENTITIES[key]
    except KeyError:
        raise KeyError(f"unknown record kind {name!r}") from None
