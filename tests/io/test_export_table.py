"""Export a listing exactly as shown: visible columns in order, search, filters and sort."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from export_checks import no_formulas, read_sheet

from saiga_desk.core import services as sv
from saiga_desk.core import tables
from saiga_desk.core.errors import CancelledError, Progress, SaigaError
from saiga_desk.io.export import export_table


def test_visible_columns_in_order_with_typed_cells(demo_db, tmp_path):
    path = tmp_path / "cp.xlsx"
    result = export_table(demo_db, "contact-points", path)
    rows = read_sheet(path)
    visible = tables.visible_columns("contact-points")
    assert rows[0] == [c.title for c in visible]
    assert result.rows == len(rows) - 1 == len(sv.query_ids(demo_db, "contact-points"))
    keys = [c.key for c in visible]
    expected = sv.fetch_rows(demo_db, "contact-points", sv.query_ids(demo_db, "contact-points"))
    for got, want in zip(rows[1:], expected, strict=True):
        for key, value in zip(keys, got, strict=True):
            w = want[key]
            if isinstance(w, dt.date):
                assert value == dt.datetime.combine(w, dt.time())
            else:
                assert value == w, key
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    phone_col = keys.index("phone") + 1
    assert ws.cell(2, phone_col).data_type == "s"
    date_col = keys.index("designated_on") + 1
    assert ws.cell(2, date_col).is_date and ws.cell(2, date_col).number_format == "yyyy-mm-dd"
    role = keys.index("role")
    assert any(f"{chr(65 + role)}2" in str(dv.sqref) for dv in ws.data_validations.dataValidation)
    assert wb.properties.title == "Contact points"
    no_formulas(path)


def test_search_sort_filters_and_chosen_columns(demo_db, tmp_path):
    path = tmp_path / "search.xlsx"
    result = export_table(
        demo_db, "contact-points", path, columns=["family_name", "signatory"], search="ҚАСЫМ"
    )
    assert result.rows == 1
    assert read_sheet(path) == [["Family name", "Signatory"], ["Қасымова", "Kazakhstan"]]

    path = tmp_path / "sorted.xlsx"
    export_table(
        demo_db, "persons", path, columns=["family_name", "email"], sort="family_name", descending=True
    )
    ids = sv.query_ids(demo_db, "persons", sort="family_name", descending=True)
    want = [r["family_name"] for r in sv.fetch_rows(demo_db, "persons", ids)]
    assert [r[0] for r in read_sheet(path)[1:]] == want

    path = tmp_path / "history.xlsx"
    everything = export_table(demo_db, "contact-points", path, filters={"as_at": "all"})
    current = export_table(demo_db, "contact-points", tmp_path / "now.xlsx")
    assert everything.rows == len(sv.query_ids(demo_db, "contact-points", filters={"as_at": "all"}))
    assert everything.rows > current.rows


@pytest.mark.parametrize("name", tables.TABLE_NAMES)
def test_every_table_exports(demo_db, tmp_path, name):
    path = tmp_path / f"{name}.xlsx"
    result = export_table(demo_db, name, path)
    assert result.rows == len(sv.query_ids(demo_db, name))
    assert len(read_sheet(path)) == result.rows + 1
    no_formulas(path)


def test_projects_show_their_computed_columns(demo_db, tmp_path):
    path = tmp_path / "projects.xlsx"
    export_table(demo_db, "projects", path, columns=["dates", "title", "implementers", "funders"])
    rows = read_sheet(path)
    assert rows[0] == ["Project dates", "Title", "Implementing organization", "Funders"]
    assert ["June - October 2016", "SCA"] in [[r[0], r[2]] for r in rows[1:]]


def test_unknown_names_are_refused_plainly(demo_db, tmp_path):
    with pytest.raises(SaigaError, match="no table"):
        export_table(demo_db, "people", tmp_path / "x.xlsx")
    with pytest.raises(SaigaError, match="no column shoe_size"):
        export_table(demo_db, "persons", tmp_path / "x.xlsx", columns=["shoe_size"])
    with pytest.raises(SaigaError, match="cannot be sorted"):
        export_table(demo_db, "persons", tmp_path / "x.xlsx", sort="shoe_size")
    assert not list(tmp_path.glob("*.xlsx*"))


def test_cancel_keeps_the_previous_export(demo_db, tmp_path):
    path = tmp_path / "persons.xlsx"
    export_table(demo_db, "persons", path)
    good = path.read_bytes()
    for i in range(30):
        sv.create(demo_db, "persons", {"family_name": f"Extra {i}"})
    progress = Progress()
    progress.cancel()
    with pytest.raises(CancelledError):
        export_table(demo_db, "persons", path, progress=progress)
    assert path.read_bytes() == good


def test_hostile_text_in_a_listing_comes_back_as_held(demo_db, tmp_path):
    from export_checks import HOSTILE

    for text in HOSTILE:
        sv.create(demo_db, "persons", {"family_name": text, "given_name": "Hostile", "phone": "+7 (7172) 00"})
    path = tmp_path / "hostile.xlsx"
    result = export_table(demo_db, "persons", path, columns=["family_name", "phone"], search="hostile")
    got = [r[0] for r in read_sheet(path)[1:]]
    ids = sv.query_ids(demo_db, "persons", search="hostile")
    assert got == [r["family_name"] for r in sv.fetch_rows(demo_db, "persons", ids)]
    assert sorted(got) == sorted(HOSTILE)
    assert {r[1] for r in read_sheet(path)[1:]} == {"+7 (7172) 00"}
    assert any("control characters" in w.message for w in result.warnings)
    no_formulas(path)


def test_libreoffice_opens_every_listing(demo_db, tmp_path):
    from export_checks import soffice_opens

    for name in tables.TABLE_NAMES:
        export_table(demo_db, name, tmp_path / f"{name}.xlsx")
        opened = soffice_opens(tmp_path / f"{name}.xlsx", tmp_path)
        if opened is None:
            pytest.skip("LibreOffice (soffice) is not installed")
        assert opened, name
