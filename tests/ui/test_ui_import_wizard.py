"""The import wizard driven offscreen: file, sheet/header preview, mapping, review with errors, commit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

from saiga_desk.core import models as m  # noqa: E402
from tests.ui.conftest import review_rows, review_select, review_text, review_tick, wizard_to_review  # noqa: E402

pytestmark = pytest.mark.gui


def persons(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Person))


def test_wizard_imports_after_unticking_error_rows(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    path = corpus.make("emails", tmp_path)
    w = ImportWizard(db, path=path)
    qtbot.addWidget(w)
    w.show()
    w.next()  # file -> sheet: the file is read in the background, then the wizard moves on
    qtbot.waitUntil(lambda: w.currentPage() is w.sheet_page, timeout=10000)
    assert w.sheet_page.header_row.value() == 1 and w.sheet_page.preview.rowCount() == 8
    w.next()  # -> mapping
    assert w.mapping_page.mapping()[:2] == ["family_name", "email"]
    w.next()  # plans in the background, then moves on
    qtbot.waitUntil(lambda: w.currentPage() is w.review_page, timeout=10000)
    review = w.review_page
    assert not review.isComplete() and "block" in review.error.text()
    w.grab().save(str(tmp_path / "review.png"))
    review.only_errors.setChecked(True)
    assert review_rows(review) == 3
    for i in range(3):
        review_tick(review, i, False)
    assert review.isComplete()
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 4
    assert "4 new" in w.summary_page.label.text()
    assert f"import undo {w.result.batch_id}" in w.summary_page.label.text()
    w.summary_page.undo.click()  # the whole import goes away again
    qtbot.waitUntil(lambda: "undone" in w.summary_page.undone.text(), timeout=10000)
    assert persons(db) == before and not w.summary_page.undo.isEnabled()


def test_wizard_refuses_an_old_xls_with_a_message(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus.make("xls", tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.next()
    qtbot.waitUntil(lambda: "Excel 97-2003" in w.file_page.error.text(), timeout=10000)
    assert w.currentPage() is w.file_page


def _field_rows(review) -> dict:
    t = review.fields
    return {t.item(i, 0).text(): (t.item(i, 1).text(), t.item(i, 2).text(), t.item(i, 3).text(), t.item(i, 0))
            for i in range(t.rowCount())}  # fmt: skip


def test_wizard_rejects_one_changed_field(qtbot, db, tmp_path):
    from PySide6.QtCore import Qt

    from saiga_desk.io.contact_import import commit_import, plan_import
    from saiga_desk.ui.import_wizard import ImportWizard

    rows = [corpus.EN, *corpus.people(3)]
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][3] = "Deputy Director"
    rows[1][7] = "+7 7172 999999"
    rows[2][4] = "Ministry of Nature"
    w = ImportWizard(db, path=corpus.xlsx(tmp_path / "b.xlsx", rows))
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    assert review.isComplete()
    review.only_changes.setChecked(True)
    assert review_rows(review) == 2
    review_select(review, 0, 2)
    fields = _field_rows(review)
    assert set(fields) == {"Position", "Phone"}
    assert fields["Position"][:2] == ("Director", "Deputy Director")
    assert fields["Phone"][:2] == ("+7 7172 740000", "+7 7172 999999")
    fields["Phone"][3].setCheckState(Qt.Unchecked)  # keep the phone the database holds
    assert "Phone: +7 7172 740000 → +7 7172 999999 (rejected)" in review_text(review, 0, 5)
    review_select(review, 1, 2)
    org = _field_rows(review)["Organization"]
    assert org[:2] == ("Ministry of Environment", "Ministry of Nature (new organization)")
    assert org[3].checkState() == Qt.Unchecked  # a new organization is never a pre-ticked move
    org[3].setCheckState(Qt.Checked)  # the officer moves her on purpose
    w.grab().save(str(tmp_path / "review-fields.png"))
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    with db.session() as s:
        got = {p.family_name: p for p in s.scalars(select(m.Person))}
        assert got["Nurmukhambetov"].position == "Deputy Director"
        assert got["Nurmukhambetov"].phone == "+7 7172 740000"
        assert got["Dorj"].organization.name_en == "Ministry of Nature"
        assert got["Dorj"].organization.kind == "government"


def test_wizard_rejects_the_field_in_error_and_keeps_the_row(qtbot, db, tmp_path):
    from PySide6.QtCore import Qt

    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus.make("emails", tmp_path))
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    review.only_errors.setChecked(True)
    assert review_rows(review) == 3 and not review.isComplete()
    for i in range(3):
        review_select(review, i, 2)
        fields = _field_rows(review)
        assert fields["Email"][2], "the reason of the error is shown beside the field"
        fields["Email"][3].setCheckState(Qt.Unchecked)
        assert review_text(review, i, 2) == "new"
    assert review.isComplete() and review.error.text() == ""
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 7
    with db.session() as s:
        assert s.scalar(select(func.count()).where(m.Person.email.is_(None))) == 3


def test_review_recounts_corrects_a_cell_in_place_and_letters_columns(qtbot, db, tmp_path):
    """Issue 19, item 13: the sheet preview is lettered like the messages; the summary follows an error
    dealt with; a bad cell typed again in the review is checked again; no Cancel on the Done page."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QWizard

    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus.make("emails", tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.sheet_page, timeout=10000)
    headers = [w.sheet_page.preview.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["A", "B"]  # as the mapping page and the messages ("B: ...") say
    w.next()
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.review_page, timeout=10000)
    review = w.review_page
    assert "3 with errors" in review.counts.text()
    review.only_errors.setChecked(True)

    # the first bad address rejected: counted as new at once
    review_select(review, 0, 2)
    _field_rows(review)["Email"][3].setCheckState(Qt.Unchecked)
    assert "2 with errors" in review.counts.text() and "2 errors block" in review.error.text()

    # the second corrected in place: typed into the cell's editor, Enter
    review_select(review, 1, 2)
    row = next(i for i in range(review.fields.rowCount()) if review.fields.item(i, 0).text() == "Email")
    item = review.fields.item(row, 2)
    assert item.flags() & Qt.ItemIsEditable
    review.fields.setCurrentItem(item)
    review.fields.editItem(item)
    editor = review.fields.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "fixed@example.org")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 with errors" in review.counts.text(), timeout=2000)
    assert "1 error blocks the import" in review.error.text()
    fixed = next(r for r in w.plan.rows if r.values.get("email") == "fixed@example.org")
    assert fixed.status == "new" and not fixed.errors

    review_select(review, 2, 2)
    review_tick(review, 2, False)
    assert review.isComplete()
    before = persons(db)
    qtbot.mouseClick(w.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 6
    assert not w.button(QWizard.WizardButton.CancelButton).isVisible()


def test_a_row_with_every_change_rejected_counts_as_unchanged(qtbot, db, tmp_path):
    from PySide6.QtCore import Qt

    from saiga_desk.io.contact_import import commit_import, plan_import
    from saiga_desk.ui.import_wizard import ImportWizard

    rows = [corpus.EN, *corpus.people(2)]
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][3] = "Deputy Director"
    rows[1][7] = "+7 7172 999999"
    w = ImportWizard(db, path=corpus.xlsx(tmp_path / "b.xlsx", rows))
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    assert "1 changed, 1 unchanged" in review.counts.text()
    review.only_changes.setChecked(True)
    review_select(review, 0, 2)
    fields = _field_rows(review)
    fields["Position"][3].setCheckState(Qt.Unchecked)
    fields["Phone"][3].setCheckState(Qt.Unchecked)
    assert "0 changed, 2 unchanged" in review.counts.text()
    assert review_text(review, 0, 2) == "unchanged"
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert w.result.updated == 0 and "0 updated" in w.summary_page.label.text()
