"""The bilingual (English / Russian) contact-list template, and the layout review packs share with it.

Every header is "English / Русский" and is recognized by the contact importer (saiga_desk.io.headers):
a filled-in template imports without any mapping. Country, role and language have drop-down lists; text
columns are formatted as Text so phone numbers typed in later keep their + and leading zeros.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from saiga_desk.core import models as m
from saiga_desk.core import tables
from saiga_desk.core.errors import Progress
from saiga_desk.core.person_fields import PERSON_FIELDS
from saiga_desk.i18n import _
from saiga_desk.io.export import ExportResult
from saiga_desk.io.xlsx_writer import DATE, ColumnSpec, XlsxFile

SHEET = "Contact points"
INSTRUCTIONS_SHEET = "Instructions - Инструкция"


@dataclass(frozen=True)
class TemplateColumn:
    field: str  # the importer's field (saiga_desk.io.headers.FIELDS)
    header: str  # "English / Русский" (a person field's is its ``template`` in core/person_fields.py)
    kind: str = "text"


# the columns only a designation has, with their headers (the person columns: core/person_fields.py)
DESIGNATION_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("role", "Role / Роль"),
    TemplateColumn("designated_on", "Designated on / Дата назначения", DATE),
    TemplateColumn("valid_from", "Valid from / Действует с", DATE),
    TemplateColumn("source_reference", "Source reference / Источник"),
    TemplateColumn("last_confirmed_on", "Last confirmed on / Дата подтверждения", DATE),
)
FIRST = ("country",)  # the list opens with the country the row is for
LAST = ("notes",)  # person columns kept after the designation columns

_PERSON = tuple(TemplateColumn(f.key, f.template) for f in PERSON_FIELDS if f.template)
COLUMNS: tuple[TemplateColumn, ...] = (
    *(c for c in _PERSON if c.field in FIRST),
    *(c for c in _PERSON if c.field not in FIRST + LAST),
    *DESIGNATION_COLUMNS,
    *(c for c in _PERSON if c.field in LAST),
)
FIELDS = tuple(c.field for c in COLUMNS)

INSTRUCTIONS_EN = [
    "Saiga Antelope MOU — National Contact Points: how to fill in this list",
    "One row per person. Keep the first row (the headers) as it is; do not rename, merge or delete columns.",
    "Country: choose from the list (English name). Role: primary (the National Contact Point), alternate "
    "(deputy) or technical (technical contact point). Language: the working language code (en, ru, kk, mn...).",
    "Write names as the person writes them (Cyrillic, Latin, Mongolian...); the Latin columns are optional.",
    "Phone numbers: type them with the country code, e.g. +7 7172 74 08 41; the cells are text, so the + and "
    "leading zeros stay.",
    "Dates: YYYY-MM-DD (for example 2024-05-31) or a date cell.",
    "To replace a contact point, write the new person's details in a new row with the same role; the Secretariat "
    "keeps the former designation in its history. Leave a cell empty when nothing changed: an empty cell never "
    "erases what the Secretariat holds.",
    "Return the file to the Secretariat by email. Thank you.",
]
INSTRUCTIONS_RU = [
    "Меморандум о сайгаке — национальные контактные лица: как заполнить список",
    "Одна строка — один человек. Первую строку (заголовки) не изменяйте; не переименовывайте, не объединяйте и "
    "не удаляйте столбцы.",
    "Страна: выберите из списка (название на английском). Роль: primary — основное национальное контактное лицо, "
    "alternate — заместитель, technical — техническое контактное лицо. Язык: код рабочего языка (ru, en, kk, "
    "mn...).",
    "Имена пишите так, как их пишет сам человек (кириллица, латиница, монгольское письмо...); столбцы «латиницей» "
    "заполнять не обязательно.",
    "Телефоны: с кодом страны, например +7 7172 74 08 41; ячейки текстовые, поэтому + и ведущие нули сохраняются.",
    "Даты: ГГГГ-ММ-ДД (например 2024-05-31) или ячейка с датой.",
    "Чтобы заменить контактное лицо, впишите данные нового человека в новую строку с той же ролью; Секретариат "
    "сохранит прежнее назначение в истории. Если ничего не изменилось, оставьте ячейку пустой: пустая ячейка "
    "никогда не стирает имеющиеся у Секретариата данные.",
    "Верните файл в Секретариат по электронной почте. Спасибо.",
]


def country_names(db=None) -> tuple[str, ...]:
    """English country names for the drop-down: from the database, or the built-in ISO list."""
    if db is not None:
        names = [r["name_en"] for r in tables.iter_rows(db, "countries", sort="name_en")]
        if names:
            return tuple(names)
    path = Path(m.__file__).resolve().parent / "data" / "countries.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(sorted((r["name_en"] for r in csv.DictReader(f)), key=str.casefold))


def column_specs(countries: tuple[str, ...]) -> list[ColumnSpec]:
    choices = {
        "country": countries,
        "role": m.DESIGNATION_ROLES,
        "preferred_language": m.LANGUAGES,
    }
    return [
        ColumnSpec(
            c.header,
            c.kind,
            tuple(choices.get(c.field, ())),
            strict=c.field == "role",
            width=None,  # fitted to the header and the content
            key=c.field,
            text_format=c.kind == "text",
        )
        for c in COLUMNS
    ]


def write_contact_sheet(
    path,
    rows: list[dict] | None = None,
    *,
    db=None,
    title: str | None = None,
    intro_en: list[str] | None = None,
    intro_ru: list[str] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """The template layout, blank or with ``rows`` (dicts keyed by field) filled in, plus instructions."""
    progress = progress or Progress()
    rows = rows or []
    countries = country_names(db)
    with XlsxFile(path, title=title or _("Contact points template"), subject="Saiga MOU") as book:
        sheet = book.add_sheet(SHEET, column_specs(countries))
        for i, row in enumerate(rows):
            sheet.write_row([row.get(f) for f in FIELDS])
            if i % 500 == 0:
                progress.report(i, len(rows))
        en = [INSTRUCTIONS_EN[0], *(intro_en or []), *INSTRUCTIONS_EN[1:]]
        ru = [INSTRUCTIONS_RU[0], *(intro_ru or []), *INSTRUCTIONS_RU[1:]]
        book.add_notes_sheet(INSTRUCTIONS_SHEET, [*en, "", *ru], width=110, titles=(0, len(en) + 1))
        progress.report(len(rows), len(rows), _("Writing {file}").format(file=Path(path).name))
    return ExportResult(len(rows), book.warnings, Path(path))


def write_template(path, db=None, progress: Progress | None = None) -> ExportResult:
    """``saiga-desk template contacts``: the blank bilingual import template."""
    stamp = dt.date.today().isoformat()
    return write_contact_sheet(
        path,
        [],
        db=db,
        title=_("Contact points template"),
        intro_en=[f"Template of {stamp}."],
        intro_ru=[f"Шаблон от {stamp}."],
        progress=progress,
    )


__all__ = ["COLUMNS", "FIELDS", "SHEET", "write_contact_sheet", "write_template", "country_names"]
