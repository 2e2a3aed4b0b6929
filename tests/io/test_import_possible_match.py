"""A possible match (same name and country, another or no email) chosen one way or the other plans the row's
designation again for the person chosen (issue 12): updating the current contact point does not supersede
her, a new person does, and choosing twice never says it twice."""

from __future__ import annotations

import xlsxwriter
from sqlalchemy import func, select

from saiga_desk.core import models as m
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.import_matching import choose_match

HEAD = ["Family name", "Given name", "Country", "Email", "Position"]


def sheet(path, rows):
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("Contacts")
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def _supersedes(rp) -> int:
    return sum("Supersedes the current primary" in p.message for p in rp.problems)


def test_choosing_the_person_plans_the_designation_again(demo_db, tmp_path):
    with demo_db.session() as s:
        p = s.scalars(select(m.Person).where(m.Person.family_name == "Қасымова")).one()
        pid, position = p.id, p.position
        open_before = s.scalar(select(func.count()).where(m.Designation.valid_to.is_(None)))
    path = sheet(tmp_path / "ncp.xlsx", [HEAD, ["Қасымова", "Айгүл", "Kazakhstan", "aigul@new.example.kz", position]])
    plan = plan_import(demo_db, path, designate=True)
    rp = plan.rows[0]
    assert (rp.status, rp.possible_person, rp.person_id) == ("new", pid, None)
    assert rp.extra["designation"]["action"] == "create" and _supersedes(rp) == 1

    assert choose_match(plan, rp, update=True)
    assert rp.person_id == pid and rp.changes == {"email": (p.email, "aigul@new.example.kz")}
    assert "designation" not in rp.extra and _supersedes(rp) == 0  # she is the contact point already

    assert choose_match(plan, rp, update=False)
    assert rp.person_id is None and rp.status == "new" and _supersedes(rp) == 1
    assert rp.extra["designation"]["close"]  # the current primary is superseded by the new person

    assert choose_match(plan, rp, update=True)
    res = commit_import(demo_db, plan)
    assert (res.created, res.updated) == (0, 1)
    with demo_db.session() as s:
        assert s.get(m.Person, pid).email == "aigul@new.example.kz"
        assert s.scalar(select(func.count()).where(m.Designation.valid_to.is_(None))) == open_before


def test_two_rows_cannot_both_update_one_person(demo_db, tmp_path):
    rows = [HEAD, ["Қасымова", "Айгүл", "Kazakhstan", "a1@example.kz", None],
            ["Қасымова", "Айгүл", "Kazakhstan", "a2@example.kz", None]]  # fmt: skip
    plan = plan_import(demo_db, sheet(tmp_path / "two.xlsx", rows))
    first, second = plan.rows
    assert first.possible_person is not None and second.possible_row == 2
    assert second.possible_person == first.possible_person  # both may be her; only one can update her
    assert choose_match(plan, first, update=True)
    assert not choose_match(plan, second, update=True) and second.person_id is None


def test_identity_and_new_organizations_on_sqlite_and_postgresql(any_db, tmp_path):
    first = [HEAD + ["Organization"],
             ["Petrov", "Ivan", "Kazakhstan", "ivan@example.org", "Expert", "Министерство экологии"],
             ["Petrov", "Ivan", "Kazakhstan", "ivan2@example.org", "Driver", "Министерство экологии"]]  # fmt: skip
    res = commit_import(any_db, plan_import(any_db, sheet(tmp_path / "a.xlsx", first)))
    assert (res.created, res.skipped) == (2, 0)
    again = [HEAD, ["PETROV", "Ivan", "Kazakhstan", "IVAN@example.org", "Chief Expert"],
             ["Petrov", "Ivan", "Kazakhstan", None, "Adviser"]]  # fmt: skip
    plan = plan_import(any_db, sheet(tmp_path / "b.xlsx", again))
    assert [r.status for r in plan.rows] == ["changed", "new"]  # by email; by name only a possible match
    assert plan.rows[1].possible_person is not None and plan.rows[1].possible_row == 2
    res = commit_import(any_db, plan)
    assert (res.created, res.updated) == (1, 1)
    with any_db.session() as s:
        orgs = s.scalars(select(m.Organization)).all()
        assert [(o.name_en, o.name_ru, o.kind) for o in orgs] == [("", "Министерство экологии", "government")]
        assert s.scalar(select(func.count()).select_from(m.Person)) == 3
