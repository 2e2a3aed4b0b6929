"""Listings of the records: one definition per table, shared by the CLI, the GUI views and exports.

Sorting and filtering happen in SQL; filtering matches the folded search columns (case and accents
ignored in every script, on SQLite and PostgreSQL alike), every typed word must match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core import reporting_tables
from saiga_desk.core.periods import format_period
from saiga_desk.core.text import like_pattern
from saiga_desk.i18n import N_, _, current_language


@dataclass(frozen=True)
class Column:
    key: str  # snake_case; the JSON key of `list --format json` and the export header source
    label: str  # untranslated label (N_); shown through _()
    kind: str = "text"  # text | date | int | bool | number | datetime
    expr: object = None  # SQL expression; None for computed columns
    sortable: bool = True
    visible: bool = True  # shown by default
    choices: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return _(self.label)


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    entity: str | None  # the services' record kind edited from this table
    id_expr: object
    columns: tuple[Column, ...]
    base: Callable[[], Select]  # select_from + joins, without columns
    search: tuple = ()
    default_sort: str | None = None
    filters: dict[str, Callable] = field(default_factory=dict)  # name -> fn(query, value) -> query
    computed: Callable | None = None  # fn(db, rows) fills computed columns in place
    # A hidden column "_ru_X" holds the Russian form of column X, shown when the interface speaks Russian.

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def title(self) -> str:
        return _(self.label)


TABLES: dict[str, Table] = {}


def _register(t: Table) -> None:
    TABLES[t.name] = t


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}") from None


# ------------------------------------------------------------------------------------------------ helpers
def _current_on(q: Select, value) -> Select:
    """Designations valid on a date ("as at"); "all" shows the whole history."""
    if value in (None, ""):
        value = dt.date.today()
    if value == "all":
        return q
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    d = m.Designation
    return q.where(
        or_(d.valid_from.is_(None), d.valid_from <= value), or_(d.valid_to.is_(None), d.valid_to >= value)
    )


def _eq(expr):
    return lambda q, v: q.where(expr == v) if v not in (None, "") else q


# ------------------------------------------------------------------------------------------------ signatories
_sc = aliased(m.Country)
_so = aliased(m.Organization)
_register(
    Table(
        "signatories",
        N_("Signatories"),
        "signatories",
        m.Signatory.id,
        (
            Column("name", N_("Signatory"), expr=func.coalesce(_sc.name_en, _so.name_en)),
            Column("_ru_name", "", expr=func.coalesce(_sc.name_ru, _so.name_ru), visible=False),
            Column("acronym", N_("Acronym"), expr=func.coalesce(_so.acronym, _sc.code)),
            Column("kind", N_("Kind"), expr=m.Signatory.kind, choices=m.SIGNATORY_KINDS),
            Column("range_state", N_("Range State"), "bool", m.Signatory.range_state),
            Column("signed_on", N_("Signed on"), "date", m.Signatory.signed_on),
            Column("signed_at", N_("Signed at"), expr=m.Signatory.signed_at),
            Column("status", N_("Status"), expr=m.Signatory.status, choices=m.SIGNATORY_STATUSES),
            Column(
                "technical_coordination",
                N_("Technical coordination"),
                "bool",
                m.Signatory.technical_coordination,
            ),
            Column(
                "name_ru", N_("Name (Russian)"), expr=func.coalesce(_sc.name_ru, _so.name_ru), visible=False
            ),
            Column("_order", "", "int", case((m.Signatory.kind == "state", 0), else_=1), visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Signatory)
            .outerjoin(_sc, _sc.id == m.Signatory.country_id)
            .outerjoin(_so, _so.id == m.Signatory.organization_id)
        ),
        search=(m.Signatory.search_text,),
        default_sort="_order",
        filters={"kind": _eq(m.Signatory.kind)},
    )
)

# ------------------------------------------------------------------------------------------------ organizations
_oc = aliased(m.Country)
_register(
    Table(
        "organizations",
        N_("Organizations"),
        "organizations",
        m.Organization.id,
        (
            Column("name_en", N_("Name"), expr=m.Organization.name_en),
            Column("acronym", N_("Acronym"), expr=m.Organization.acronym),
            Column("kind", N_("Kind"), expr=m.Organization.kind, choices=m.ORGANIZATION_KINDS),
            Column("country", N_("Country"), expr=_oc.name_en),
            Column("_ru_country", "", expr=_oc.name_ru, visible=False),
            Column("_ru_name_en", "", expr=m.Organization.name_ru, visible=False),
            Column("name_ru", N_("Name (Russian)"), expr=m.Organization.name_ru),
            Column("website", N_("Website"), expr=m.Organization.website, visible=False),
            Column("email", N_("Email"), expr=m.Organization.email),
            Column("phone", N_("Phone"), expr=m.Organization.phone, visible=False),
            Column("address", N_("Address"), expr=m.Organization.address, visible=False),
        ),
        lambda: select().select_from(m.Organization).outerjoin(_oc, _oc.id == m.Organization.country_id),
        search=(m.Organization.search_text,),
        default_sort="name_en",
        filters={"kind": _eq(m.Organization.kind)},
    )
)

# ------------------------------------------------------------------------------------------------ persons
_po = aliased(m.Organization)
_pc = aliased(m.Country)
_register(
    Table(
        "persons",
        N_("Persons"),
        "persons",
        m.Person.id,
        (
            Column("honorific", N_("Title"), expr=m.Person.honorific),
            Column("given_name", N_("Given name"), expr=m.Person.given_name),
            Column("family_name", N_("Family name"), expr=m.Person.family_name),
            Column("position", N_("Position"), expr=m.Person.position),
            Column("organization", N_("Organization"), expr=func.coalesce(_po.acronym, _po.name_en)),
            Column("department", N_("Department"), expr=m.Person.department, visible=False),
            Column("email", N_("Email"), expr=m.Person.email),
            Column("phone", N_("Phone"), expr=m.Person.phone),
            Column("mobile", N_("Mobile"), expr=m.Person.mobile, visible=False),
            Column("address", N_("Address"), expr=m.Person.address, visible=False),
            Column("city", N_("City"), expr=m.Person.city, visible=False),
            Column("country", N_("Country"), expr=_pc.name_en),
            Column("_ru_country", "", expr=_pc.name_ru, visible=False),
            Column("preferred_language", N_("Language"), expr=m.Person.preferred_language, visible=False),
            Column(
                "given_name_latin", N_("Given name (Latin)"), expr=m.Person.given_name_latin, visible=False
            ),
            Column(
                "family_name_latin", N_("Family name (Latin)"), expr=m.Person.family_name_latin, visible=False
            ),
        ),
        lambda: (
            select()
            .select_from(m.Person)
            .outerjoin(_po, _po.id == m.Person.organization_id)
            .outerjoin(_pc, _pc.id == m.Person.country_id)
        ),
        search=(m.Person.search_text,),
        default_sort="family_name",
        filters={"country_id": _eq(m.Person.country_id), "organization_id": _eq(m.Person.organization_id)},
    )
)

# ------------------------------------------------------------------------------------------------ contact points
_dp = aliased(m.Person)
_ds = aliased(m.Signatory)
_dsc = aliased(m.Country)
_dso = aliased(m.Organization)
_da = aliased(m.Organization)
_dpc = aliased(m.Country)
_register(
    Table(
        "contact-points",
        N_("Contact points"),
        "designations",
        m.Designation.id,
        (
            Column(
                "signatory", N_("Signatory"), expr=func.coalesce(_dsc.name_en, _dso.acronym, _dso.name_en)
            ),
            Column("honorific", N_("Title"), expr=_dp.honorific, visible=False),
            Column("given_name", N_("Given name"), expr=_dp.given_name),
            Column("family_name", N_("Family name"), expr=_dp.family_name),
            Column("position", N_("Position"), expr=_dp.position),
            Column("authority", N_("Competent authority"), expr=_da.name_en),
            Column("_ru_authority", "", expr=_da.name_ru, visible=False),
            Column(
                "_ru_signatory",
                "",
                expr=func.coalesce(_dsc.name_ru, _dso.acronym, _dso.name_ru),
                visible=False,
            ),
            Column("role", N_("Role"), expr=m.Designation.role, choices=m.DESIGNATION_ROLES),
            Column("email", N_("Email"), expr=_dp.email),
            Column("phone", N_("Phone"), expr=_dp.phone),
            Column("address", N_("Address"), expr=_dp.address, visible=False),
            Column("country", N_("Country"), expr=_dpc.name_en, visible=False),
            Column("designated_on", N_("Designated on"), "date", m.Designation.designated_on),
            Column("valid_from", N_("Valid from"), "date", m.Designation.valid_from),
            Column("valid_to", N_("Valid to"), "date", m.Designation.valid_to),
            Column(
                "last_confirmed_on",
                N_("Last confirmed"),
                "date",
                m.Designation.last_confirmed_on,
                visible=False,
            ),
            Column("source_reference", N_("Source"), expr=m.Designation.source_reference, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Designation)
            .join(_dp, _dp.id == m.Designation.person_id)
            .join(_ds, _ds.id == m.Designation.signatory_id)
            .outerjoin(_dsc, _dsc.id == _ds.country_id)
            .outerjoin(_dso, _dso.id == _ds.organization_id)
            .outerjoin(_da, _da.id == m.Designation.authority_id)
            .outerjoin(_dpc, _dpc.id == _dp.country_id)
        ),
        search=(_dp.search_text, _ds.search_text, _da.search_text),
        default_sort="signatory",
        filters={
            "as_at": _current_on,
            "signatory_id": _eq(m.Designation.signatory_id),
            "person_id": _eq(m.Designation.person_id),
        },
    )
)


# ------------------------------------------------------------------------------------------------ meetings
def _meeting_dates(db, rows: list[dict]) -> None:
    """ "16-19 April 2018", "September 2020", "2021": the dates as precise as they are known."""
    for r in rows:
        p = r.get("_precision") or "day"
        r["dates"] = format_period(r.get("start_date"), p, r.get("end_date"), p, current_language())


_mc = aliased(m.Country)
_participant_count = (
    select(func.count(m.Participant.id))
    .where(m.Participant.meeting_id == m.Meeting.id)
    .correlate(m.Meeting)
    .scalar_subquery()
)
_register(
    Table(
        "meetings",
        N_("Meetings"),
        "meetings",
        m.Meeting.id,
        (
            Column("code", N_("Code"), expr=m.Meeting.code),
            Column("title_en", N_("Title"), expr=m.Meeting.title_en),
            Column("kind", N_("Kind"), expr=m.Meeting.kind, choices=m.MEETING_KINDS),
            Column("dates", N_("Dates"), expr=m.Meeting.start_date),
            Column("start_date", N_("Start"), "date", m.Meeting.start_date, visible=False),
            Column("end_date", N_("End"), "date", m.Meeting.end_date, visible=False),
            Column("venue", N_("Venue"), expr=m.Meeting.venue, visible=False),
            Column("city", N_("City"), expr=m.Meeting.city),
            Column("country", N_("Country"), expr=_mc.name_en),
            Column("_ru_country", "", expr=_mc.name_ru, visible=False),
            Column("_ru_title_en", "", expr=m.Meeting.title_ru, visible=False),
            Column("mode", N_("Mode"), expr=m.Meeting.mode, choices=m.MEETING_MODES),
            Column("status", N_("Status"), expr=m.Meeting.status, choices=m.MEETING_STATUSES),
            Column("participants", N_("Participants"), "int", _participant_count),
            Column("symbol_prefix", N_("Symbol prefix"), expr=m.Meeting.symbol_prefix, visible=False),
            Column("title_ru", N_("Title (Russian)"), expr=m.Meeting.title_ru, visible=False),
            Column("_precision", "", expr=m.Meeting.date_precision, visible=False),
        ),
        lambda: select().select_from(m.Meeting).outerjoin(_mc, _mc.id == m.Meeting.country_id),
        search=(m.Meeting.search_text,),
        default_sort="start_date",
        computed=_meeting_dates,
        filters={"status": _eq(m.Meeting.status), "kind": _eq(m.Meeting.kind)},
    )
)

# ------------------------------------------------------------------------------------------------ participants
_pp = aliased(m.Person)
_pm = aliased(m.Meeting)
_pps = aliased(m.Signatory)
_ppsc = aliased(m.Country)
_ppso = aliased(m.Organization)
_ppo = aliased(m.Organization)
_register(
    Table(
        "participants",
        N_("Participants"),
        "participants",
        m.Participant.id,
        (
            Column("meeting", N_("Meeting"), expr=_pm.code),
            Column("honorific", N_("Title"), expr=_pp.honorific, visible=False),
            Column("given_name", N_("Given name"), expr=_pp.given_name),
            Column("family_name", N_("Family name"), expr=_pp.family_name),
            Column(
                "delegation",
                N_("Delegation"),
                expr=case(
                    (m.Participant.secretariat.is_(True), literal("Secretariat")),
                    else_=func.coalesce(
                        _ppsc.name_en, _ppso.acronym, _ppso.name_en, _ppo.acronym, _ppo.name_en
                    ),
                ),
            ),
            Column("category", N_("Category"), expr=m.Participant.category, choices=m.PARTICIPANT_CATEGORIES),
            Column("role", N_("Role"), expr=m.Participant.role, choices=m.PARTICIPANT_ROLES),
            Column("status", N_("Status"), expr=m.Participant.status, choices=m.PARTICIPANT_STATUSES),
            Column(
                "credentials_received", N_("Credentials received"), "bool", m.Participant.credentials_received
            ),
            Column(
                "credentials_verified",
                N_("Credentials verified"),
                "bool",
                m.Participant.credentials_verified,
                visible=False,
            ),
            Column("funded", N_("Funded"), "bool", m.Participant.funded),
            Column("email", N_("Email"), expr=_pp.email),
            Column("position", N_("Position"), expr=_pp.position, visible=False),
            Column("invited_on", N_("Invited on"), "date", m.Participant.invited_on, visible=False),
            Column("registered_on", N_("Registered on"), "date", m.Participant.registered_on, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Participant)
            .join(_pp, _pp.id == m.Participant.person_id)
            .join(_pm, _pm.id == m.Participant.meeting_id)
            .outerjoin(_pps, _pps.id == m.Participant.signatory_id)
            .outerjoin(_ppsc, _ppsc.id == _pps.country_id)
            .outerjoin(_ppso, _ppso.id == _pps.organization_id)
            .outerjoin(_ppo, _ppo.id == m.Participant.organization_id)
        ),
        search=(_pp.search_text, _pps.search_text, _ppo.search_text),
        default_sort="family_name",
        filters={
            "meeting_id": _eq(m.Participant.meeting_id),
            "status": _eq(m.Participant.status),
            "category": _eq(m.Participant.category),
        },
    )
)

# ------------------------------------------------------------------------------------------------ documents
_dm = aliased(m.Meeting)
_dorig = aliased(m.MeetingDocument)
_doc_order = (
    func.coalesce(_dorig.series, m.MeetingDocument.series),
    func.coalesce(_dorig.number, m.MeetingDocument.number),
    func.coalesce(m.MeetingDocument.original_id, m.MeetingDocument.id),
    func.coalesce(m.MeetingDocument.revision_number, 0),
)
_register(
    Table(
        "documents",
        N_("Documents"),
        "documents",
        m.MeetingDocument.id,
        (
            Column("symbol", N_("Symbol"), expr=m.MeetingDocument.symbol),
            Column("meeting", N_("Meeting"), expr=_dm.code),
            Column("series", N_("Series"), expr=m.MeetingDocument.series, choices=m.DOCUMENT_SERIES),
            Column("title_en", N_("Title"), expr=m.MeetingDocument.title_en),
            Column("title_ru", N_("Title (Russian)"), expr=m.MeetingDocument.title_ru, visible=False),
            Column("_ru_title_en", "", expr=m.MeetingDocument.title_ru, visible=False),
            Column("agenda_item", N_("Agenda item"), expr=m.MeetingDocument.agenda_item),
            Column("languages", N_("Languages"), expr=m.MeetingDocument.languages),
            Column("issued_on", N_("Issued on"), "date", m.MeetingDocument.issued_on),
            Column("status", N_("Status"), expr=m.MeetingDocument.status, choices=m.DOCUMENT_STATUSES),
            Column("link", N_("Link"), expr=m.MeetingDocument.link, visible=False),
            Column("original", N_("Revision of"), expr=_dorig.symbol, visible=False),
            Column("file_name", N_("File"), expr=m.MeetingDocument.file_name, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.MeetingDocument)
            .outerjoin(_dm, _dm.id == m.MeetingDocument.meeting_id)
            .outerjoin(_dorig, _dorig.id == m.MeetingDocument.original_id)
        ),
        search=(m.MeetingDocument.search_text,),
        default_sort="symbol",
        filters={"meeting_id": _eq(m.MeetingDocument.meeting_id), "series": _eq(m.MeetingDocument.series)},
    )
)


# ------------------------------------------------------------------------------------------------ projects
def _project_extras(db, rows: list[dict]) -> None:
    ids = [r["id"] for r in rows]
    if not ids:
        return
    names: dict[int, list[str]] = {i: [] for i in ids}
    funders: dict[int, list[str]] = {i: [] for i in ids}
    with db.session() as s:
        for pid, acr, name in s.execute(
            select(m.ProjectImplementer.project_id, m.Organization.acronym, m.Organization.name_en)
            .join(m.Organization, m.Organization.id == m.ProjectImplementer.organization_id)
            .where(m.ProjectImplementer.project_id.in_(ids))
            .order_by(m.ProjectImplementer.id)
        ):
            names[pid].append(acr or name)
        for pid, acr, name in s.execute(
            select(m.ProjectFunder.project_id, m.Organization.acronym, m.Organization.name_en)
            .join(m.Organization, m.Organization.id == m.ProjectFunder.organization_id)
            .where(m.ProjectFunder.project_id.in_(ids))
            .order_by(m.ProjectFunder.id)
        ):
            funders[pid].append(acr or name)
    for r in rows:
        r["implementers"] = ", ".join(names[r["id"]])
        r["funders"] = ", ".join(funders[r["id"]])
        r["dates"] = format_period(
            r.pop("_start"), r.pop("_sp"), r.pop("_end"), r.pop("_ep"), current_language()
        )


_register(
    Table(
        "projects",
        N_("Projects"),
        "projects",
        m.Project.id,
        (
            Column("dates", N_("Project dates"), expr=None, sortable=False),
            Column("title", N_("Title"), expr=m.Project.title),
            Column("implementers", N_("Implementing organization"), expr=None, sortable=False),
            Column("objectives", N_("Objectives"), expr=m.Project.objectives),
            Column("mandate", N_("Mandate"), expr=m.Project.mandate),
            Column("outcome", N_("Outcome"), expr=m.Project.outcome),
            Column("funders", N_("Funders"), expr=None, sortable=False),
            Column("status", N_("Status"), expr=m.Project.status, choices=m.PROJECT_STATUSES),
            Column("start_date", N_("Start"), "date", m.Project.start_date, visible=False),
            Column("end_date", N_("End"), "date", m.Project.end_date, visible=False),
            Column("_start", "", "date", m.Project.start_date, visible=False),
            Column("_sp", "", expr=m.Project.start_precision, visible=False),
            Column("_end", "", "date", m.Project.end_date, visible=False),
            Column("_ep", "", expr=m.Project.end_precision, visible=False),
        ),
        lambda: select().select_from(m.Project),
        search=(m.Project.search_text,),
        default_sort="start_date",
        computed=_project_extras,
        filters={"status": _eq(m.Project.status)},
    )
)

# ------------------------------------------------------------------------------------------------ work programmes
_register(
    Table(
        "work-programmes",
        N_("Work programmes"),
        "work-programmes",
        m.WorkProgramme.id,
        (
            Column("code", N_("Code"), expr=m.WorkProgramme.code),
            Column("title", N_("Title"), expr=m.WorkProgramme.title),
            Column("instrument", N_("Instrument"), expr=m.WorkProgramme.instrument),
            Column("start_year", N_("From"), "int", m.WorkProgramme.start_year),
            Column("end_year", N_("To"), "int", m.WorkProgramme.end_year),
            Column("status", N_("Status"), expr=m.WorkProgramme.status),
            Column(
                "items",
                N_("Items"),
                "int",
                select(func.count(m.WorkProgrammeItem.id))
                .where(m.WorkProgrammeItem.programme_id == m.WorkProgramme.id)
                .correlate(m.WorkProgramme)
                .scalar_subquery(),
            ),
        ),
        lambda: select().select_from(m.WorkProgramme),
        search=(m.WorkProgramme.search_text,),
        default_sort="code",
    )
)

_wp = aliased(m.WorkProgramme)
_register(
    Table(
        "work-programme-items",
        N_("Work programme items"),
        "work-programme-items",
        m.WorkProgrammeItem.id,
        (
            Column("programme", N_("Work programme"), expr=_wp.code),
            Column("code", N_("Code"), expr=m.WorkProgrammeItem.code),
            Column("kind", N_("Kind"), expr=m.WorkProgrammeItem.kind, choices=m.WORK_PROGRAMME_ITEM_KINDS),
            Column("title", N_("Title"), expr=m.WorkProgrammeItem.title),
        ),
        lambda: (
            select().select_from(m.WorkProgrammeItem).join(_wp, _wp.id == m.WorkProgrammeItem.programme_id)
        ),
        search=(m.WorkProgrammeItem.search_text, _wp.search_text),
        default_sort="code",
        filters={"programme_id": _eq(m.WorkProgrammeItem.programme_id)},
    )
)

# ------------------------------------------------------------------------------------------------ countries, audit
_register(
    Table(
        "countries",
        N_("Countries"),
        "countries",
        m.Country.id,
        (
            Column("code", N_("Code"), expr=m.Country.code),
            Column("name_en", N_("Name"), expr=m.Country.name_en),
            Column("name_ru", N_("Name (Russian)"), expr=m.Country.name_ru),
        ),
        lambda: select().select_from(m.Country),
        search=(m.Country.search_text,),
        default_sort="name_en",
    )
)

_register(
    Table(
        "audit",
        N_("History"),
        None,
        m.AuditEntry.id,
        (
            Column("at", N_("When"), "datetime", m.AuditEntry.at),
            Column("actor", N_("Who"), expr=m.AuditEntry.actor),
            Column("action", N_("Action"), expr=m.AuditEntry.action),
            Column("entity", N_("Record kind"), expr=m.AuditEntry.entity),
            Column("entity_id", N_("Record"), "int", m.AuditEntry.entity_id),
            Column("summary", N_("Summary"), expr=m.AuditEntry.summary),
            Column("changes", N_("Changes"), expr=m.AuditEntry.changes, visible=False),
            Column("batch_id", N_("Import batch"), "int", m.AuditEntry.batch_id, visible=False),
        ),
        lambda: select().select_from(m.AuditEntry),
        search=(m.AuditEntry.summary, m.AuditEntry.actor, m.AuditEntry.entity),
        default_sort="at",
        filters={
            "entity": _eq(m.AuditEntry.entity),
            "entity_id": _eq(m.AuditEntry.entity_id),
            "batch_id": _eq(m.AuditEntry.batch_id),
        },
    )
)

for _t in reporting_tables.listings(Column, Table, _eq):  # national reports, signature events
    _register(_t)

TABLE_NAMES = tuple(TABLES)

# Sorting by these columns uses several expressions (documents: Doc.8 before Doc.10, revisions after
# their original; symbols sort the same way).
SORT_TIES = {
    ("documents", "symbol"): (*_doc_order, m.MeetingDocument.symbol),
}


# ------------------------------------------------------------------------------------------------ queries
def _filtered(t: Table, search: str, filters: dict | None) -> Select:
    q = t.base()
    for word in (search or "").split():
        pattern = like_pattern(word)
        if pattern == "%%":
            continue
        q = q.where(
            or_(
                *(
                    func.lower(e).like(pattern, escape="\\")
                    if e is m.AuditEntry.summary
                    else e.like(pattern, escape="\\")
                    for e in t.search
                )
            )
        )
    filters = dict(filters or {})
    if "as_at" in t.filters and "as_at" not in filters:
        filters["as_at"] = None
    for key, value in filters.items():
        fn = t.filters.get(key)
        if fn is None:
            raise KeyError(f"table {t.name} has no filter {key!r}")
        q = fn(q, value)
    return q


def _sort_expr(expr, col: Column, dialect: str | None):
    """Text sorts as people expect (case-blind, accented letters beside their base), in SQL."""
    if col.kind != "text" or col.choices:
        return expr
    if dialect == "sqlite":
        return func.saiga_sort_key(expr)
    return func.lower(expr)


def _order(t: Table, sort: str | None, descending: bool, dialect: str | None = None) -> list:
    key = sort or t.default_sort
    order = []
    if key:
        col = t.column(key)
        if col.expr is not None and col.sortable:
            for expr in SORT_TIES.get((t.name, key), (col.expr,)):
                expr = _sort_expr(expr, col, dialect) if expr is col.expr else expr
                order.append(expr.desc().nulls_last() if descending else expr.asc().nulls_last())
    order.append(t.id_expr.desc() if descending else t.id_expr.asc())
    return order


def query_ids(
    db,
    name: str,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
) -> list[int]:
    t = table(name)
    q = (
        _filtered(t, search, filters)
        .add_columns(t.id_expr)
        .order_by(*_order(t, sort, descending, db.engine.dialect.name))
    )
    with db.engine.connect() as con:
        return list(con.execute(q).scalars())


def count(db, name: str, search: str = "", filters: dict | None = None) -> int:
    t = table(name)
    q = _filtered(t, search, filters).add_columns(func.count(t.id_expr))
    with db.engine.connect() as con:
        return con.execute(q).scalar_one()


def _row_select(t: Table) -> Select:
    cols = [c.expr.label(c.key) for c in t.columns if c.expr is not None]
    return t.base().add_columns(t.id_expr.label("id"), *cols)


def _finish(db, t: Table, rows: list[dict]) -> list[dict]:
    if t.computed is not None:
        t.computed(db, rows)
    russian_of = [c.key for c in t.columns if c.key.startswith("_ru_")]
    if russian_of:
        russian = current_language() == "ru"
        for r in rows:
            for key in russian_of:
                value = r.pop(key, None)
                if russian and value:
                    r[key[4:]] = value
    return rows


def fetch_rows(db, name: str, ids: list[int]) -> list[dict]:
    """Rows for ``ids``, in that order (missing ids — deleted meanwhile — are left out)."""
    t = table(name)
    if not ids:
        return []
    found: dict[int, dict] = {}
    base = _row_select(t)
    with db.engine.connect() as con:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in con.execute(base.where(t.id_expr.in_(chunk))).mappings():
                found[row["id"]] = dict(row)
    rows = [found[i] for i in ids if i in found]
    return _finish(db, t, rows)


def iter_rows(
    db,
    name: str,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
    batch: int = 2000,
) -> Iterator[dict]:
    """All rows of a listing, filtered and sorted, streamed in batches (exports, reports, the CLI)."""
    t = table(name)
    q = _filtered(t, search, filters)
    q = q.add_columns(t.id_expr.label("id"), *[c.expr.label(c.key) for c in t.columns if c.expr is not None])
    q = q.order_by(*_order(t, sort, descending, db.engine.dialect.name))
    with db.engine.connect() as con:
        result = con.execution_options(stream_results=True, yield_per=batch).execute(q).mappings()
        while True:
            chunk = [dict(r) for r in result.fetchmany(batch)]
            if not chunk:
                break
            yield from _finish(db, t, chunk)


def visible_columns(name: str) -> list[Column]:
    return [c for c in table(name).columns if c.visible and not c.key.startswith("_")]


def public_columns(name: str) -> list[Column]:
    return [c for c in table(name).columns if not c.key.startswith("_")]


__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "Column",
    "Table",
    "table",
    "query_ids",
    "fetch_rows",
    "iter_rows",
    "count",
    "visible_columns",
    "public_columns",
    "and_",
]
