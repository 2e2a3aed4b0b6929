"""Projects commissioned by the Secretariat: the table of the report to MOS4 (landscape)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core.periods import format_period
from saiga_desk.io.reports import data
from saiga_desk.io.reports.common import build, document_info
from saiga_desk.io.reports.document import para, title_block
from saiga_desk.io.reports.labels import label
from saiga_desk.io.reports.row_table import Column, RowTable

#: relative widths of Project dates, Implementing organization, Objectives, Mandate, Outcome
WEIGHTS = (0.9, 1.0, 1.8, 1.2, 1.8)


def columns(language: str) -> list[Column]:
    keys = ("project_dates", "implementer", "objectives", "mandate", "outcome")
    return [Column(label(k, language), w) for k, w in zip(keys, WEIGHTS, strict=True)]


def project_dates(p: m.Project, language: str) -> str:
    return format_period(p.start_date, p.start_precision, p.end_date, p.end_precision, language)


def project_row(s: Session, p: m.Project, language: str) -> list:
    orgs = data.implementers(s, p)
    who = ", ".join(o.acronym or data.organization_name(o, language) for o in orgs)
    return [
        project_dates(p, language),
        who,
        p.objectives or p.title,
        data.mandate_text(s, p),
        p.outcome or "",
    ]


def project_table(s: Session, projects: list[m.Project], language: str, font_size: float = 8.5) -> RowTable:
    rows = [project_row(s, p, language) for p in projects]
    return RowTable(columns(language), rows, language=language, font_size=font_size)


def report(s: Session, path: Path, *, meeting: m.Meeting | None, language: str, progress=None) -> None:
    info = document_info(s, meeting, label("proj_title", language), language, landscape=True)
    projects = data.projects(s, table_only=True) or data.projects(s, table_only=False)

    def story(doc):
        out = title_block(info, doc.styles)
        if projects:
            out.append(project_table(s, projects, language, font_size=9))
        else:
            out.append(para(label("none_recorded", language), doc.styles.body))
        return out

    build(path, info, story)
