"""The import wizard driven offscreen: file, sheet/header preview, mapping, review with errors, commit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

from saiga_desk.core import models as m  # noqa: E402

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
    w.next()  # file -> sheet
    assert w.currentPage() is w.sheet_page
    assert w.sheet_page.header_row.value() == 1 and w.sheet_page.preview.rowCount() == 8
    w.next()  # -> mapping
    assert w.mapping_page.mapping()[:2] == ["family_name", "email"]
    w.next()  # plans in the background, then moves on
    qtbot.waitUntil(lambda: w.currentPage() is w.review_page, timeout=10000)
    review = w.review_page
    assert not review.isComplete() and "block" in review.error.text()
    w.grab().save(str(tmp_path / "review.png"))
    review.only_errors.setChecked(True)
    assert review.table.rowCount() == 3
    for i in range(3):
        review.table.item(i, 0).setCheckState(review.table.item(i, 0).checkState().__class__.Unchecked)
    assert review.isComplete()
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 4
    assert "4 new" in w.summary_page.label.text()


def test_wizard_refuses_an_old_xls_with_a_message(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus.make("xls", tmp_path))
    qtbot.addWidget(w)
    w.show()
    w.next()
    assert w.currentPage() is w.file_page and "Excel 97-2003" in w.file_page.error.text()
