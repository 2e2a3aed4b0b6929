"""Projects commissioned by the Secretariat: the table of the report to MOS4 (landscape)."""

from __future__ import annotations

from pathlib import Path

from saiga_desk.core import names, report_data
from saiga_desk.core.periods import format_period
from saiga_desk.io.reports.common import build, document_info
from saiga_desk.io.reports.document import para, title_block
from saiga_desk.io.reports.labels import label
from saiga_desk.io.reports.row_table import Column, RowTable

#: relative widths of Project dates, Implementing organization, Objectives, Mandate, Outcome
WEIGHTS = (0.9, 1.0, 1.8, 1.2, 1.8)


def columns(language: str) -> list[Column]:
    keys = ("project_dates", "implementer", "objectives", "mandate", "outcome")
    return [Column(label(k, language), w) for k, w in zip(keys, WEIGHTS, strict=True)]


def project_dates(p, language: str) -> str:
    return format_period(p.start_date, p.start_precision, p.end_date, p.end_precision, language)


def project_row(p, language: str) -> list:
    """``p``: a project of ``report_data.projects`` (with its implementers and mandate text)."""
    who = ", ".join(names.organization_short(o, language) for o in p.implementers)
    return [
        project_dates(p, language),
        who,
        in_language(p, "objectives", language) or in_language(p, "title", language),
        in_language(p, "mandate", language),
        in_language(p, "outcome", language),
    ]


def in_language(p, field: str, language: str) -> str:
    """A project's ``field`` in ``language``: the Russian value in a Russian document when there is one, else
    the value as entered (never half of each); the mandate falls back to the work-programme items."""
    english = p.mandate_text if field == "mandate" else getattr(p, field)
    return names.pick(english, getattr(p, f"{field}_ru", None), language) if language == "ru" else english or ""


def project_table(projects: list, language: str, font_size: float = 8.5) -> RowTable:
    rows = [project_row(p, language) for p in projects]
    return RowTable(columns(language), rows, language=language, font_size=font_size)


def report(db, path: Path, *, meeting, language: str, progress=None) -> None:
    info = document_info(db, meeting, label("proj_title", language), language, landscape=True)
    projects = report_data.projects(db, table_only=True) or report_data.projects(db, table_only=False)

    def story(doc):
        out = title_block(info, doc.styles)
        if projects:
            out.append(project_table(projects, language, font_size=9))
        else:
            out.append(para(label("none_recorded", language), doc.styles.body))
        return out

    build(path, info, story)
