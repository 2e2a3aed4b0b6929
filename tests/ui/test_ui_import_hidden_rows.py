"""A hidden row in the import review (issue 12): shown unticked and marked as hidden; ticking it takes it in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

from saiga_desk.core import models as m  # noqa: E402
from tests.ui.conftest import (  # noqa: E402
    review_rows,
    review_select,
    review_text,
    review_ticked,
    wizard_to_review,
)

pytestmark = pytest.mark.gui


def persons(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Person))


def test_review_takes_a_hidden_row_back_in(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=corpus.make("hidden_rows", tmp_path))  # row 3 of three people is hidden
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    rows = {review_text(review, i, 1): i for i in range(review_rows(review))}
    i = rows["3"]
    assert "hidden row" in review_text(review, i, 2) and "hidden" in review_text(review, i, 6)
    assert not review_ticked(review, i)
    assert all(review_ticked(review, j) for j in rows.values() if j != i)
    review_select(review, i, 0)
    qtbot.keyClick(review.table, Qt.Key_Space)  # the officer takes it back (Space on its tick box)
    assert review_ticked(review, i)
    assert review.isComplete()
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 3
