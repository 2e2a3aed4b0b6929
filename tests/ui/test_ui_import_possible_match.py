"""The review shows a possible match (same name and country, another email) side by side and the officer
chooses: update that person, or create a new one (issue 12). Driven offscreen with real clicks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

from saiga_desk.core import models as m  # noqa: E402
from tests.ui.conftest import review_rows, review_text, review_tick, review_ticked  # noqa: E402

pytestmark = pytest.mark.gui

HEAD = ["Family name", "Given name", "Country", "Email", "Position"]


def persons(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Person))


def _review(qtbot, db, path):
    from saiga_desk.ui.import_wizard import ImportWizard

    w = ImportWizard(db, path=path)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.next()
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.review_page, timeout=10000)
    return w, w.review_page


def _select(qtbot, review, row: int) -> None:
    rect = review.table.visualRect(review.table.model().index(row, 1))
    qtbot.mouseClick(review.table.viewport(), Qt.LeftButton, pos=rect.center())


def _import(db, tmp_path):
    from saiga_desk.io.contact_import import commit_import, plan_import

    first = [HEAD, ["Petrov", "Ivan", "Kazakhstan", "ivan@old.example.org", "Expert"],
             ["Smith", "John", "Mongolia", "john@example.org", "Adviser"]]  # fmt: skip
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "first.xlsx", first)))
    with db.session() as s:
        return s.scalars(select(m.Person).where(m.Person.family_name == "Petrov")).one().id


def test_review_updates_the_possible_match_when_the_officer_clicks_update(qtbot, db, tmp_path):
    pid = _import(db, tmp_path)
    second = [HEAD, ["PETROV", "Ivan", "Kazakhstan", "ivan@new.example.org", "Head of Unit"],
              ["Brown", "Kate", "Mongolia", "kate@example.org", None]]  # fmt: skip
    w, review = _review(qtbot, db, corpus.xlsx(tmp_path / "second.xlsx", second))
    assert "1 possible matches" in review.counts.text()
    qtbot.mouseClick(review.only_possible, Qt.LeftButton)
    assert review_rows(review) == 1 and review_text(review, 0, 1) == "2"
    qtbot.mouseClick(review.all, Qt.LeftButton)
    _select(qtbot, review, 1)  # Brown: no possible match, no choice shown
    assert review.match_box.isHidden()
    _select(qtbot, review, 0)
    assert not review.match_box.isHidden()
    assert f"person #{pid}" in review.match_title.text()
    side = {review.match.item(i, 0).text(): (review.match.item(i, 1).text(), review.match.item(i, 2).text())
            for i in range(review.match.rowCount())}  # fmt: skip
    assert side["Email"] == ("ivan@old.example.org", "ivan@new.example.org")
    assert side["Family name"] == ("Petrov", "PETROV")
    assert review_text(review, 0, 2) == "new" and not review.new_person.isEnabled()
    w.resize(1000, 760)
    w.grab().save(str(tmp_path / "possible-match.png"))

    qtbot.mouseClick(review.update_person, Qt.LeftButton)
    assert review_text(review, 0, 2) == "changed"
    assert review.new_person.isEnabled() and not review.update_person.isEnabled()
    assert f"updates person #{pid}" in review.match_title.text()
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 1  # Brown only
    with db.session() as s:
        p = s.get(m.Person, pid)
        assert (p.family_name, p.email, p.position) == ("PETROV", "ivan@new.example.org", "Head of Unit")


def test_review_creates_a_new_person_by_default_and_after_changing_its_mind(qtbot, db, tmp_path):
    pid = _import(db, tmp_path)
    second = [HEAD, ["Petrov", "Ivan", "Kazakhstan", "i.petrov@other.example.org", "Driver"]]
    w, review = _review(qtbot, db, corpus.xlsx(tmp_path / "second.xlsx", second))
    _select(qtbot, review, 0)
    qtbot.mouseClick(review.update_person, Qt.LeftButton)
    assert review_text(review, 0, 2) == "changed"
    qtbot.mouseClick(review.new_person, Qt.LeftButton)  # no: another Ivan Petrov
    assert review_text(review, 0, 2) == "new" and review.update_person.isEnabled()
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 1
    with db.session() as s:
        assert s.get(m.Person, pid).email == "ivan@old.example.org"


def test_review_leaves_out_a_row_that_is_the_same_person_as_an_earlier_row(qtbot, db, tmp_path):
    rows = [HEAD, ["Petrov", "Ivan", "Kazakhstan", "ivan@one.example.org", "Expert"],
            ["Petrov", "Ivan", "Kazakhstan", None, "Expert, Forestry"],
            ["Smith", "John", "Mongolia", "john@example.org", None]]  # fmt: skip
    w, review = _review(qtbot, db, corpus.xlsx(tmp_path / "rows.xlsx", rows))
    _select(qtbot, review, 1)
    assert not review.match_box.isHidden() and "row 2" in review.match_title.text()
    assert review.match.horizontalHeaderItem(1).text() == "Row 2"
    side = {review.match.item(i, 0).text(): (review.match.item(i, 1).text(), review.match.item(i, 2).text())
            for i in range(review.match.rowCount())}  # fmt: skip
    assert side["Email"] == ("ivan@one.example.org", "—") and side["Position"] == ("Expert", "Expert, Forestry")
    qtbot.mouseClick(review.update_person, Qt.LeftButton)  # the same person: leave row 3 out
    assert not review_ticked(review, 1) and review.new_person.isEnabled()
    review_tick(review, 1, True)  # ticked again by hand: the choice follows
    assert review.update_person.isEnabled() and not review.new_person.isEnabled()
    qtbot.mouseClick(review.update_person, Qt.LeftButton)
    before = persons(db)
    w.next()
    qtbot.waitUntil(lambda: w.currentPage() is w.summary_page, timeout=10000)
    assert persons(db) == before + 2 and "1 skipped" in w.summary_page.label.text()
