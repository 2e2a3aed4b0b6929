"""List reports: National Contact Points (as at a date), Signatories, participants, meeting documents."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reportlab.lib.units import mm

from saiga_desk.core import models as m
from saiga_desk.core import names, report_data
from saiga_desk.core.choices import CATEGORY_HEADINGS, ROLE_TITLES, in_language
from saiga_desk.io.reports.common import build, document_info
from saiga_desk.io.reports.document import para, section, title_block
from saiga_desk.io.reports.labels import label, language_name, long_date
from saiga_desk.io.reports.row_table import Column, Group, RowTable
from saiga_desk.io.reports.russian import address_lines, russian_name, russian_places

NCP_TITLE_EN = "List of Designated National Contact Points"


def contact_point_columns(language: str) -> list[Column]:
    """Three columns read left to right: who, where, how to reach them."""
    return [
        Column(label("person", language), 1.0),
        Column(label("authority_address", language), 1.2),
        Column(label("tel_email", language), 0.85),
    ]


_NUMBER_SPLIT = re.compile(r"\s*[;,\n]\s*|\s+/\s+")


def phone_lines(phone: str | None, mobile: str | None, language: str) -> list[tuple[str, str]]:
    """Every number on a line of its own, labelled ("tel. +7 7172 74 08 52", "mobile ..."), never broken."""
    out = []
    for key, value in (("tel", phone), ("mobile", mobile)):
        for number in _NUMBER_SPLIT.split(value or ""):
            if number.strip():
                out.append(("phone", f"{label(key, language)} {' '.join(number.split())}"))
    return out


def contact_point_cells(row: dict, language: str) -> list:
    role = row["role"]
    role_text = label(f"role_{role}", language) if role in ("alternate", "technical") else ""
    person = [("name", russian_name(row["name"], language)), ("italic", f"({role_text})" if role_text else None),
              ("italic", row["position"])]  # fmt: skip
    where = [
        row["authority"],
        row["department"],
        ", ".join(x for x in address_lines(row["address"], language).split("\n") if x.strip()),
    ]
    phones = row.get("phones")
    reach = (
        phone_lines(*phones, language) if phones else [("phone", x) for x in row["phone"].split("\n") if x]
    )
    reach += [("email", x) for x in row["email"].split("\n") if x]
    return [person, where, reach]


def contact_points(db, path: Path, *, meeting, as_at: dt.date, language: str, progress=None) -> None:
    subtitle = label("as_at", language, date=long_date(as_at, language))
    info = document_info(db, meeting, label("ncp_title", language), language, document_title_en=NCP_TITLE_EN,
                         subtitle=subtitle)  # fmt: skip
    info.subject = label("ncp_subject", language)
    sigs = report_data.signatories(db, language)
    total = report_data.count_designations(db, as_at)

    def rows():
        for sig in sigs:
            found = False
            for row in report_data.contact_rows(db, sig.id, as_at, language):
                if not found:
                    yield Group(report_data.signatory_name(sig, language))
                found = True
                yield contact_point_cells(row, language)
            if not found and sig.kind == "state":  # a State without one is shown; an organization is not
                yield Group(report_data.signatory_name(sig, language))
                yield [[("italic", label("no_designation", language))]]

    def story(doc):
        table = RowTable(contact_point_columns(language), rows(), language=language, outline_level=1,
                         progress=progress, total=total, progress_text=info.title, font_size=8, padding=2.4,
                         leading=1.18)  # fmt: skip
        return [*title_block(info, doc.styles), table]

    build(path, info, story)


def signatories(db, path: Path, *, meeting, language: str, progress=None) -> None:
    info = document_info(db, meeting, label("sig_title", language), language)
    states = report_data.signatories(db, language, "state")
    orgs = report_data.signatories(db, language, "organization")

    def story(doc):
        out = title_block(info, doc.styles)
        cols = [Column(label("signatory", language), 2.1), Column(label("signed_on", language), 1.2),
                Column(label("signed_at", language), 1.1), Column(label("range_state", language), 0.8)]  # fmt: skip
        out += section(label("states", language), doc.styles, keep=30 * mm)
        rows = [[report_data.signatory_name(x, language), long_date(x.signed_on, language), russian_places(x.signed_at or "", language),
                 label("yes", language) if x.range_state else ""] for x in states]  # fmt: skip
        out.append(RowTable(cols, rows, language=language) if rows else para(label("none_recorded", language),
                                                                            doc.styles.body))  # fmt: skip
        cols = cols[:3] + [Column(label("tech_coord", language), 0.8)]
        out += section(label("orgs", language), doc.styles, keep=30 * mm)
        rows = [[report_data.signatory_name(x, language), long_date(x.signed_on, language), russian_places(x.signed_at or "", language),
                 label("yes", language) if x.technical_coordination else ""] for x in orgs]  # fmt: skip
        out.append(RowTable(cols, rows, language=language) if rows else para(label("none_recorded", language),
                                                                            doc.styles.body))  # fmt: skip
        return out

    build(path, info, story)


def participants(db, path: Path, *, meeting, language: str, final: bool, progress=None) -> None:
    kind = label("final" if final else "provisional", language)
    title = f"{label('part_title', language)} ({kind.lower()})"
    info = document_info(db, meeting, title, language, document_title_en="List of Participants")
    statuses = ("attended",) if final else ("invited", "registered", "confirmed", "attended")
    people = report_data.meeting_participants(db, meeting.id, statuses, language)  # by delegation, role, name
    by_category: dict[str, list] = {}
    for p in people:
        by_category.setdefault(p.category, []).append(p)
    cols = [Column(label("name", language), 1.4), Column(label("role", language), 0.7),
            Column(label("address", language), 1.2), Column(label("tel_email", language), 1.3)]  # fmt: skip

    def story(doc):
        out = title_block(info, doc.styles)
        if not people:
            out.append(para(label("none_recorded", language), doc.styles.body))
        order = list(m.PARTICIPANT_CATEGORIES) + sorted(set(by_category) - set(m.PARTICIPANT_CATEGORIES))
        for category in order:
            members = by_category.get(category)
            if not members:
                continue
            out += section(in_language(CATEGORY_HEADINGS, category, language), doc.styles, keep=40 * mm)

            def rows(members=members):
                current = None
                for p in members:
                    if p.delegation != current:
                        current = p.delegation
                        yield Group(p.delegation or "—", outline=False)
                    person = p.person
                    who = [("name", russian_name(names.person_name(person, honorific=True, latin=True), language)),
                           ("italic", person.position), names.organization_name(person.organization, language)]  # fmt: skip
                    reach = phone_lines(person.phone, person.mobile, language)
                    address = address_lines(names.person_address(person, language), language)
                    yield [who, [("words", in_language(ROLE_TITLES, p.role, language))],
                           ", ".join(x for x in address.split("\n") if x.strip()),
                           [*reach, ("email", person.email)]]  # fmt: skip

            out.append(RowTable(cols, rows(), language=language, progress=progress, total=len(people)))
        return out

    build(path, info, story)


def documents(db, path: Path, *, meeting, language: str, progress=None) -> None:
    info = document_info(
        db, meeting, label("docs_title", language), language, document_title_en="List of Documents"
    )
    docs = report_data.documents(db, meeting)
    cols = [Column(label("symbol", language), 1.9), Column(label("title", language), 2.1),
            Column(label("agenda", language), 0.8), Column(label("languages", language), 1.0, "words"),
            Column(label("issued_on", language), 0.9)]  # fmt: skip  language names whole: "English, / Russian"
    rows = [[d.symbol, names.pick(d.title_en, d.title_ru, language), d.agenda_item or "",
             language_name(d.languages, language), long_date(d.issued_on, language)] for d in docs]  # fmt: skip

    def story(doc):
        out = title_block(info, doc.styles)
        out.append(RowTable(cols, rows, language=language) if rows else para(label("none_recorded", language),
                                                                            doc.styles.body))  # fmt: skip
        return out

    build(path, info, story)
