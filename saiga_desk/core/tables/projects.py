"""The Projects, Work programmes and Work programme items listings."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.names import organization_short_sql
from saiga_desk.core.periods import format_period
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_, current_language


def _project_extras(db, rows: list[dict]) -> None:
    ids = [r["id"] for r in rows]
    if not ids:
        return
    names: dict[int, list[str]] = {i: [] for i in ids}
    funders: dict[int, list[str]] = {i: [] for i in ids}
    short = organization_short_sql(m.Organization)
    with db.session() as s:
        for pid, name in s.execute(
            select(m.ProjectImplementer.project_id, short)
            .join(m.Organization, m.Organization.id == m.ProjectImplementer.organization_id)
            .where(m.ProjectImplementer.project_id.in_(ids))
            .order_by(m.ProjectImplementer.id)
        ):
            names[pid].append(name)
        for pid, name in s.execute(
            select(m.ProjectFunder.project_id, short)
            .join(m.Organization, m.Organization.id == m.ProjectFunder.organization_id)
            .where(m.ProjectFunder.project_id.in_(ids))
            .order_by(m.ProjectFunder.id)
        ):
            funders[pid].append(name)
    for r in rows:
        r["implementers"] = ", ".join(names[r["id"]])
        r["funders"] = ", ".join(funders[r["id"]])
        r["dates"] = format_period(
            r.pop("_start"), r.pop("_sp"), r.pop("_end"), r.pop("_ep"), current_language()
        )


register(
    Table(
        "projects",
        N_("Projects"),
        "projects",
        m.Project.id,
        (
            Column("dates", N_("Project dates"), expr=None, sortable=False),
            Column("title", N_("Title"), expr=m.Project.title),
            Column("title_ru", N_("Title in Russian"), expr=m.Project.title_ru, visible=False),
            Column("implementers", N_("Implementing organization"), expr=None, sortable=False),
            Column("objectives", N_("Objectives"), expr=m.Project.objectives),
            Column("objectives_ru", N_("Objectives in Russian"), expr=m.Project.objectives_ru, visible=False),
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
        filters={"status": eq(m.Project.status)},
    )
)


register(
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
register(
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
        filters={"programme_id": eq(m.WorkProgrammeItem.programme_id)},
    )
)
