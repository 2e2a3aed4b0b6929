"""The bilingual template and review packs, read back by the contact importer."""

from __future__ import annotations

import openpyxl
import pytest
from export_checks import no_formulas, read_sheet

from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.io import headers as hd
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.review_pack import (
    pack_rows,
    resolve_signatory,
    signatories,
    write_review_pack,
    write_review_packs,
)
from saiga_desk.io.template import COLUMNS, FIELDS, INSTRUCTIONS_SHEET, SHEET, write_template


def test_template_headers_are_recognized_by_the_importer(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    rows = read_sheet(path, SHEET)
    assert rows[0] == [c.header for c in COLUMNS]
    assert all(" / " in h for h in rows[0])
    assert hd.guess_mapping(rows[0], "contacts") == list(FIELDS)
    no_formulas(path)


def test_template_has_bilingual_instructions_and_drop_downs(db, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, db=db)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == SHEET and INSTRUCTIONS_SHEET in wb.sheetnames
    text = "\n".join(c.value or "" for c in wb[INSTRUCTIONS_SHEET]["A"])
    assert "One row per person" in text and "Одна строка — один человек" in text
    ws = wb[SHEET]
    letters = {c.field: openpyxl.utils.get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    assert by_column[letters["role"]].formula1 == '"primary,alternate,technical"'
    country_list = by_column[letters["country"]].formula1
    assert country_list.startswith("'_lists'!")
    names = [r[0] for r in read_sheet(path, "_lists")]
    assert "Kazakhstan" in names and "Mongolia" in names and len(names) >= 249
    assert ws["M2"].number_format == "@" or ws.column_dimensions[letters["phone"]].number_format == "@"
    assert ws.freeze_panes == "A2"


def test_a_filled_in_template_imports_as_new_contacts(db, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, db=db)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    row = {"country": "Kazakhstan", "given_name": "Ерлан", "family_name": "Нуров", "role": "primary",
           "email": "yerlan.nurov@example.org", "phone": "+7 7172 00 11 22"}  # fmt: skip
    for i, f in enumerate(FIELDS, start=1):
        if f in row:
            ws.cell(2, i).value = row[f]
    wb.save(path)
    plan = plan_import(db, str(path))
    assert [r.status for r in plan.rows] == ["new"]
    assert plan.rows[0].values["phone"] == "+7 7172 00 11 22"
    assert plan.rows[0].values["family_name"] == "Нуров"


def test_resolve_signatory_by_code_acronym_or_name(demo_db):
    kaz = resolve_signatory(demo_db, "KAZ")
    assert kaz.name == "Kazakhstan"
    assert resolve_signatory(demo_db, "kaz") == kaz
    assert resolve_signatory(demo_db, "Kazakhstan") == kaz
    assert resolve_signatory(demo_db, "Казахстан") == kaz
    assert resolve_signatory(demo_db, "ACBK").code == "ACBK"
    with pytest.raises(SaigaError, match="No Signatory"):
        resolve_signatory(demo_db, "Atlantis")


def test_review_pack_holds_the_current_contact_points(demo_db, tmp_path):
    kaz = resolve_signatory(demo_db, "KAZ")
    path = tmp_path / "kaz.xlsx"
    result = write_review_pack(demo_db, "KAZ", path)
    expected = pack_rows(demo_db, kaz.id)
    assert result.rows == len(expected) >= 1
    rows = read_sheet(path, SHEET)
    assert rows[0] == [c.header for c in COLUMNS]
    fam = FIELDS.index("family_name")
    assert [r[fam] for r in rows[1:]] == [e["family_name"] for e in expected]
    assert "Қасымова" in [r[fam] for r in rows[1:]]
    text = "\n".join(r[0] or "" for r in read_sheet(path, INSTRUCTIONS_SHEET))
    assert "Review the list of National Contact Points and provide an update" in text
    assert "Kazakhstan" in text
    no_formulas(path)


def test_a_returned_pack_unchanged_imports_as_no_change(demo_db, tmp_path):
    path = tmp_path / "kaz.xlsx"
    write_review_pack(demo_db, "KAZ", path)
    plan = plan_import(demo_db, str(path), designate=True)
    assert plan.blocking() == []
    assert {r.status for r in plan.rows} == {"unchanged"}
    assert all(not r.changes for r in plan.rows)


def test_a_returned_pack_with_two_changed_fields_imports_as_exactly_two_changes(demo_db, tmp_path):
    path = tmp_path / "kaz.xlsx"
    write_review_pack(demo_db, "KAZ", path)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    phone = FIELDS.index("phone") + 1
    position = FIELDS.index("position") + 1
    ws.cell(2, phone).value = "+7 7172 99 88 77"
    ws.cell(2, position).value = "Главный эксперт (Chief Expert)"
    wb.save(path)

    plan = plan_import(demo_db, str(path), designate=True)
    changed = [r for r in plan.rows if r.changes]
    assert len(changed) == 1
    row = changed[0]
    assert set(row.changes) == {"phone", "position"}
    assert row.changes["phone"][1] == "+7 7172 99 88 77"
    assert all(r.status == "unchanged" for r in plan.rows if r is not row)

    result = commit_import(demo_db, plan)
    assert (result.created, result.updated) == (0, 1)
    person = sv.get(demo_db, "persons", row.person_id)
    assert person.phone == "+7 7172 99 88 77" and person.position == "Главный эксперт (Chief Expert)"
    changes = sv.history(demo_db, "persons", row.person_id)[-1]["changes"]
    assert set(changes) == {"phone", "position"}


def test_packs_for_every_signatory(demo_db, tmp_path):
    results = write_review_packs(demo_db, tmp_path)
    assert len(results) == len(signatories(demo_db))
    assert (tmp_path / "review-pack-KAZ.xlsx").exists()
    assert (tmp_path / "review-pack-IUCN-SSC.xlsx").exists()
    some = write_review_packs(demo_db, tmp_path / "..", [resolve_signatory(demo_db, "MNG").id])
    assert [r.path.name for r in some] == ["review-pack-MNG.xlsx"]


def test_libreoffice_opens_template_and_pack(demo_db, tmp_path):
    from export_checks import soffice_opens

    write_template(tmp_path / "template.xlsx", db=demo_db)
    write_review_pack(demo_db, "MNG", tmp_path / "mng.xlsx")
    for name in ("template.xlsx", "mng.xlsx"):
        opened = soffice_opens(tmp_path / name, tmp_path)
        if opened is None:
            pytest.skip("LibreOffice (soffice) is not installed")
        assert opened
