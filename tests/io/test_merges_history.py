"""A merge keeps the designation history (the list "as at" a past date prints the same), and its undo
gives back the whole database as it was (the whole-database export compared before and after)."""

from __future__ import annotations

import datetime as dt

from reports_pdf import text

from saiga_desk.core import merges
from saiga_desk.core import services as sv
from saiga_desk.core.merge_plan import merge_fields
from saiga_desk.io import reports
from tests.duplicates_corpus import plant, workbook_rows

DATES = (dt.date(2018, 1, 1), dt.date(2020, 1, 1), dt.date.today())


def printed(db, folder, tag: str) -> dict:
    out = {}
    for day in DATES:
        pdf = reports.generate(db, "contact-points", folder / f"{tag}-{day}.pdf", as_at=day)
        out[day] = text(pdf)
    return out


def test_merging_a_designated_person_keeps_the_list_as_at_any_date(demo_db, tmp_path):
    p = plant(demo_db)
    # she came again from a participants list: her name in Latin letters, nothing more
    latin = sv.create(demo_db, "persons", {"given_name": "Aigul", "family_name": "Kassymova"}).id
    designations = sv.find(demo_db, "designations", person_id=p["kassymova"])
    before = printed(demo_db, tmp_path, "before")
    assert "Қасымова" in before[dt.date(2020, 1, 1)] and "Жұмабеков" in before[dt.date(2018, 1, 1)]
    # the record imported later is kept; every field of the designated contact point is chosen
    every = [key for key, _label in merge_fields("persons")]
    result = merges.merge(demo_db, "persons", latin, p["kassymova"], choices=dict.fromkeys(every, True))
    assert result.repointed >= len(designations)
    moved = sv.find(demo_db, "designations", person_id=latin)
    assert [(d.id, d.valid_from, d.valid_to, d.superseded_by_id) for d in moved] == [
        (d.id, d.valid_from, d.valid_to, d.superseded_by_id) for d in designations]  # fmt: skip
    assert printed(demo_db, tmp_path, "after") == before


def test_undo_gives_back_the_whole_database_export(demo_db, tmp_path):
    p = plant(demo_db)
    before = workbook_rows(demo_db, tmp_path / "before.xlsx")
    first = merges.merge(demo_db, "persons", p["kassymova_latin"], p["kassymova"], take=["email", "address"])
    second = merges.merge(demo_db, "organizations", p["ministry_ru"], p["ministry_abbr"], take=["name_en"])
    merged = workbook_rows(demo_db, tmp_path / "merged.xlsx")
    assert merged != before
    merges.undo_merge(demo_db, second.merge_id)
    merges.undo_merge(demo_db, first.merge_id)
    after = workbook_rows(demo_db, tmp_path / "after.xlsx")
    assert after.keys() == before.keys() and {"person", "designation", "participant"} <= after.keys()
    for sheet in before:
        assert after[sheet] == before[sheet], sheet
