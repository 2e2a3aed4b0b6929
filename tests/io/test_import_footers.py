"""The lines a ministry adds below its list (totals, "compiled by", signatures, notes, rows after a blank gap
that do not fit the columns) are left out of the import, each with a warning naming its row (issue 12)."""

from __future__ import annotations

import openpyxl
from sqlalchemy import func, select

from saiga_desk.core import models as m
from saiga_desk.io.contact_import import commit_import, plan_import


def book(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def persons(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Person))


def test_russian_footer_is_left_out_with_warnings(db, tmp_path):
    rows = [
        ["Список национальных контактных лиц"],
        [],
        ["Страна", "Фамилия", "Имя", "Должность", "Эл. почта"],
        ["Казахстан", "Алиев", "Серик", "Эксперт", "aliev@example.kz"],
        ["Казахстан", "Иванова", "Мария", None, "ivanova@example.kz"],
        ["Монголия", "Дорж", "Бат", "Советник", "dorj@example.mn"],
        ["Итого / Total: 3"],
        [],
        ["Составлено: Петрова А.А., 12.03.2024"],
        ["Начальник отдела", None, "_____________ /Сейткали Н./"],
        ["Примечание: данные актуальны на 01.03.2024"],
    ]
    plan = plan_import(db, book(tmp_path / "ru.xlsx", rows))
    assert [r.row for r in plan.rows] == [4, 5, 6]
    assert not plan.blocking()
    left_out = [p for p in plan.problems if "left out" in p.message]
    assert [p.row for p in left_out] == [7, 9, 10, 11]
    assert "Итого / Total: 3" in left_out[0].message and all(p.severity == "warning" for p in left_out)
    res = commit_import(db, plan)
    assert (res.created, res.skipped) == (3, 0) and persons(db) == 3


def test_english_footer_and_a_note_after_a_blank_gap(db, tmp_path):
    rows = [
        ["Family name", "Given name", "Country", "Email", "Phone"],
        ["Smith", "John", "Kazakhstan", "john@example.org", "+7 7172 000000"],
        ["Brown", "Kate", "Mongolia", "kate@example.org", None],
        ["Short"],  # right under the data: still a contact (its family name only)
        [],
        [None, None, None, "Data as provided by the focal points"],  # after a gap, does not fit the columns
        ["Total: 3"],
        ["Compiled by: J. Doe, Secretariat"],
        ["Signature: ____________________"],
    ]
    plan = plan_import(db, book(tmp_path / "en.xlsx", rows))
    assert [r.row for r in plan.rows] == [2, 3, 4]
    assert not plan.blocking()
    assert [p.row for p in plan.problems if "left out" in p.message] == [6, 7, 8, 9]
    res = commit_import(db, plan)
    assert res.created == 3


def test_contacts_after_a_blank_row_are_still_contacts(db, tmp_path):
    rows = [
        ["Family name", "Given name", "Country", "Email"],
        ["Smith", "John", "Kazakhstan", "john@example.org"],
        [],
        ["Brown", "Kate", "Mongolia", "kate@example.org"],
        ["Total 2"],
    ]
    plan = plan_import(db, book(tmp_path / "gap.xlsx", rows))
    assert [r.row for r in plan.rows] == [2, 4]
    assert [p.row for p in plan.problems if "left out" in p.message] == [5]
