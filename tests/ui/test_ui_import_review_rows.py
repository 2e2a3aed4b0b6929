"""The import review lists every row of the file (it stopped at 2,000 before), one line each, its texts made
for the rows on screen; a row with an error is red; its Import tick follows a click and Space."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import review_rows, review_select, review_text, review_ticked, wizard_to_review

pytestmark = pytest.mark.gui


def test_every_row_of_a_long_file_is_listed_and_errors_are_red(qtbot, db, tmp_path):
    from saiga_desk.ui.import_wizard import ImportWizard

    wb = openpyxl.Workbook()
    wb.active.append(["Family name", "Given name", "Email", "Country"])
    for i in range(2500):
        wb.active.append([f"Family{i}", f"Given{i}", f"p{i}@example.org" if i != 2400 else "no-at-sign",
                          "Mongolia"])  # fmt: skip
    wb.save(tmp_path / "long.xlsx")
    w = ImportWizard(db, path=str(tmp_path / "long.xlsx"))
    qtbot.addWidget(w)
    review = wizard_to_review(qtbot, w)
    assert review_rows(review) == 2500
    assert (review_text(review, 2499, 1), review_text(review, 2499, 3)) == ("2501", "Given2499 Family2499")
    bad = review.table.model().index(2400, 2)
    assert bad.data() == "error" and bad.data(Qt.ItemDataRole.ForegroundRole).color() == Qt.GlobalColor.red
    assert review.table.model().index(2399, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not review.isComplete()
    review.table.scrollTo(review.table.model().index(2400, 0))
    review_select(review, 2400, 0)
    assert review.fields_title.text().startswith("Row 2402:")  # the selected row's fields are listed
    qtbot.keyClick(review.table, Qt.Key_Space)  # untick the bad row: nothing blocks the import any more
    assert not review_ticked(review, 2400) and review.isComplete()
    assert review.w.plan.counts()["rejected"] == 1 and not review.w.plan.rows[2400].accepted
