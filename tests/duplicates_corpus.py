"""Planted duplicates on top of the demo data (tests of finding, merging and undoing merges)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from saiga_desk.core import services as sv
from saiga_desk.io.workbook_all import export_all

HISTORY_SHEETS = {"About", "audit_entry", "merge", "not_duplicate"}  # what a merge and its undo add to


def ids(db, name: str, **criteria) -> int:
    return sv.find(db, name, **criteria)[0].id


def plant(db) -> dict[str, int]:
    """The Kazakh contact point imported again with Latin names, another email and her home address
    (registered for MOS4, where the original is too, and for MOS3); Ёлкина typed with е and her email in
    capitals; the Mongolian contact point with given and family names swapped; one ministry written
    three ways; the same ministry of Uzbekistan (a namesake in another country)."""
    kaz, uzb = ids(db, "countries", code="KAZ"), ids(db, "countries", code="UZB")
    mos3, mos4 = ids(db, "meetings", code="MOS3"), ids(db, "meetings", code="MOS4")
    out = {"kassymova": ids(db, "persons", family_name="Қасымова"), "yolkina": ids(db, "persons", family_name="Ёлкина"),
           "batsukh": ids(db, "persons", family_name="Батсүх"), "mos3": mos3, "mos4": mos4}  # fmt: skip
    with db.transaction() as tx:
        out["kassymova_latin"] = tx.create("persons", dict(
            given_name="Aigul", family_name="Kassymova", email="a.kassymova@mail.kz", phone="+7 701 555 12 34",
            address="Kenesary 40, apt. 12, Astana", country_id=kaz, notes="Imported from the MOS4 sheet")).id  # fmt: skip
        tx.create("participants", dict(meeting_id=mos4, person_id=out["kassymova_latin"], role="delegate",
                                       status="registered", notes="second registration"))  # fmt: skip
        tx.create("participants", dict(meeting_id=mos3, person_id=out["kassymova_latin"], status="attended"))
        # her address in capitals as a further address: one person per (folded) email (core/person_email.py)
        out["yolkina_e"] = tx.create("persons", dict(given_name="Алена", family_name="Елкина",
                                                     other_emails="ALYONA.YOLKINA@example.org")).id  # fmt: skip
        out["batsukh_swapped"] = tx.create("persons", dict(given_name="Batsukh", family_name="Ulziibayar")).id
        for key, name in (
            ("ministry", "Ministry of Ecology and Natural Resources of the Republic of Kazakhstan"),
            ("ministry_abbr", "Min. of Ecology & Natural Resources, Rep. of Kazakhstan"),
            ("ministry_ru", "Министерство экологии и природных ресурсов Республики Казахстан"),
        ):
            out[key] = tx.create("organizations", dict(name_en=name, kind="government", country_id=kaz)).id
        out["ministry_uzb"] = tx.create("organizations", dict(
            name_en="Ministry of Ecology and Natural Resources of the Republic of Uzbekistan", kind="government",
            country_id=uzb)).id  # fmt: skip
        out["project"] = tx.create("projects", dict(title="Saiga census 2023", status="completed")).id
        for org in ("ministry", "ministry_abbr"):
            tx.create("project-implementers", dict(project_id=out["project"], organization_id=out[org]))
        tx.create("project-funders", dict(project_id=out["project"], organization_id=out["ministry_abbr"],
                                          amount="1500.00", currency="EUR"))  # fmt: skip
        tx.update("persons", out["kassymova_latin"], {"organization_id": out["ministry_abbr"]})
    return out


def workbook_rows(db, path) -> dict[str, list[tuple]]:
    """The whole-database export (``export all``), read back: every sheet but the history's."""
    export_all(db, path)
    book = load_workbook(path, read_only=True)
    try:
        return {
            ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
            if ws.title not in HISTORY_SHEETS
        }
    finally:
        book.close()


TODAY = dt.date.today()
