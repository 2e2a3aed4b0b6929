"""What the import says of the sheet itself (rows left out below the data, damaged or cut cells) is shown on
the review page above the rows, never only in the command line's output (issue 12)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.ui.conftest import review_rows, wizard_to_review

pytestmark = pytest.mark.gui


def _book(path, rows):
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return str(path)


def test_review_lists_the_rows_left_out_below_the_data(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    path = _book(tmp_path / "ministry.xlsx", [
        ["Страна", "Фамилия", "Имя", "Эл. почта"],
        ["Казахстан", "Алиев", "Серик", "aliev@example.kz"],
        ["Монголия", "Дорж", "Бат", "dorj@example.mn"],
        ["Итого / Total: 2"],
        [],
        ["Составлено: Петрова А.А., 12.03.2024"],
    ])  # fmt: skip
    w = ImportWizard(db, path=path)
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    notes = review.sheet_notes
    assert notes.isVisible()
    lines = notes.text().splitlines()
    assert lines[0] == "2 notes about the sheet:"
    assert lines[1].startswith("• Row 4: ") and "Итого / Total: 2" in lines[1]
    assert lines[2].startswith("• Row 6: ") and "Составлено" in lines[2]
    assert review_rows(review) == 2 and review.isComplete()


def test_review_of_a_plain_sheet_has_no_notes(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    path = _book(tmp_path / "plain.xlsx", [["Country", "Family name", "Email"], ["Mongolia", "Dorj", "d@example.mn"]])
    w = ImportWizard(db, path=path)
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    assert not review.sheet_notes.isVisible() and review.sheet_notes.text() == ""
