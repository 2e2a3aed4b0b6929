"""A project's parts in its form: implementers, funders, mandate items, publications, with undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel

from saiga_desk.core import services as sv
from saiga_desk.core.listing_kinds import shows
from saiga_desk.ui.forms.opening import open_editor
from saiga_desk.ui.signals import hub

TITLE = "Saiga Resource Centre website and Saiga News issue 23"


def _project_id(db) -> int:
    return next(r["id"] for r in sv.iter_rows(db, "projects") if r["title"] == TITLE)


def _listing(db) -> dict:
    return next(r for r in sv.iter_rows(db, "projects") if r["title"] == TITLE)


@pytest.fixture
def parts(qtbot, demo_db, own_settings):
    stack = QUndoStack()
    editor = open_editor(None, demo_db, "projects", _project_id(demo_db), undo_stack=stack)
    qtbot.addWidget(editor)
    editor.tabs.setCurrentWidget(editor.parts)
    editor.stack = stack
    return editor


def _texts(view) -> list[str]:
    return [view.item(n).text() for n in range(view.count())]


def test_add_implementer_by_typing_then_undo(qtbot, parts, demo_db):
    p = parts.parts
    assert _listing(demo_db)["implementers"] == "SCA"
    notified: list[str] = []
    hub.changed.connect(notified.append)
    try:
        qtbot.keyClicks(p.implementer_picker.lineEdit(), "acbk")
        assert p.implementer_picker.completer().completionCount() >= 1
        qtbot.mouseClick(p.implementers.add_button, Qt.MouseButton.LeftButton)
    finally:
        hub.changed.disconnect(notified.append)
    assert any(shows("projects", c) for c in notified)  # the Projects listing reads again
    assert not p.implementers.error.isVisibleTo(p)
    assert _listing(demo_db)["implementers"] == "SCA, ACBK"
    assert any(t.startswith("ACBK") for t in _texts(p.implementers.view))
    assert p.implementer_picker.currentText() == ""

    parts.stack.undo()
    assert _listing(demo_db)["implementers"] == "SCA"
    assert len(_texts(p.implementers.view)) == 1
    parts.stack.redo()
    assert _listing(demo_db)["implementers"] == "SCA, ACBK"


def test_duplicate_implementer_refused_inline(qtbot, parts, demo_db):
    p = parts.parts
    p.implementer_picker.setEditText("SCA")
    assert p.add_implementer() is False
    error = parts.findChild(QLabel, "error_implementers")
    assert error.isVisibleTo(p)
    assert "already" in error.text()
    assert _listing(demo_db)["implementers"] == "SCA"
    assert parts.stack.count() == 0
    # an unknown name is refused too, without writing anything
    p.implementer_picker.setEditText("no such organization")
    assert p.add_implementer() is False
    assert "Pick a name" in error.text()


def test_add_funder_with_amount_and_currency(qtbot, parts, demo_db):
    p = parts.parts
    before = _listing(demo_db)["funders"]
    qtbot.keyClicks(p.funder_picker.lineEdit(), "acbk")
    qtbot.keyClicks(p.amount_edit, "12500.50")
    qtbot.keyClicks(p.currency_edit, "eur")
    qtbot.mouseClick(p.funders.add_button, Qt.MouseButton.LeftButton)
    assert not p.funders.error.isVisibleTo(p), p.funders.error.text()
    (funder,) = [
        f
        for f in sv.find(demo_db, "project-funders", project_id=p.project_id)
        if f["organization_id"] == sv.find(demo_db, "organizations", acronym="ACBK")[0]["id"]
    ]
    assert funder["amount"] == Decimal("12500.50")
    assert funder["currency"] == "EUR"
    assert _listing(demo_db)["funders"] == before + ", ACBK"
    row = p.funder_table.rowCount() - 1
    assert p.funder_table.item(row, 2).text() == "EUR"
    assert p.funder_table.item(row, 1).text().replace("\u202f", "") == "12500.50"

    # editing the amount in the table; bad values are refused inline and not written
    p.funder_table.item(row, 1).setText("lots")
    assert "number" in p.funders.error.text()
    assert sv.get(demo_db, "project-funders", funder["id"])["amount"] == Decimal("12500.50")
    p.funder_table.item(row, 2).setText("EU")
    assert "three letters" in p.funders.error.text()
    assert p.set_funder_money(row, "9 000,25", "usd")
    assert sv.get(demo_db, "project-funders", funder["id"])["amount"] == Decimal("9000.25")
    assert sv.get(demo_db, "project-funders", funder["id"])["currency"] == "USD"
    parts.stack.undo()
    assert sv.get(demo_db, "project-funders", funder["id"])["currency"] == "EUR"


def test_bad_currency_refused_before_writing(qtbot, parts, demo_db):
    p = parts.parts
    count = len(sv.find(demo_db, "project-funders", project_id=p.project_id))
    p.funder_picker.setEditText("ACBK")
    p.amount_edit.setText("100")
    p.currency_edit.setText("E1")
    assert p.add_funder() is False
    assert "three letters" in p.funders.error.text()
    p.currency_edit.setText("EUR")
    p.amount_edit.setText("12,5x")
    assert p.add_funder() is False
    assert "number" in p.funders.error.text()
    assert len(sv.find(demo_db, "project-funders", project_id=p.project_id)) == count


def test_remove_mandate_item_and_undo(qtbot, parts, demo_db):
    p = parts.parts
    texts = _texts(p.mandates.view)
    assert "Saiga MTIWP 2016-2020 · 5.2" in texts
    assert len(texts) == 5
    row = texts.index("Saiga MTIWP 2016-2020 · 5.3")
    p.mandates.view.setCurrentRow(row)
    assert p.mandates.remove_button.isEnabled()
    qtbot.mouseClick(p.mandates.remove_button, Qt.MouseButton.LeftButton)
    assert "Saiga MTIWP 2016-2020 · 5.3" not in _texts(p.mandates.view)
    assert len(sv.find(demo_db, "project-mandates", project_id=p.project_id)) == 4
    parts.stack.undo()
    assert "Saiga MTIWP 2016-2020 · 5.3" in _texts(p.mandates.view)
    assert len(sv.find(demo_db, "project-mandates", project_id=p.project_id)) == 5
    # the same item twice is refused with the services' message
    p.mandate_picker.setEditText("Saiga MTIWP 2016-2020 5.3")
    assert p.add_mandate() is False
    assert "already" in p.mandates.error.text()


def test_publications_add_remove(qtbot, parts, demo_db):
    p = parts.parts
    assert p.add_publication() is False
    assert p.publications.error.isVisibleTo(p)
    p.publication_title.setText("Saiga News issue 23")
    p.publication_year.setText("2018")
    assert p.add_publication()
    assert _texts(p.publications.view) == ["Saiga News issue 23 (2018)"]
    p.publications.view.setCurrentRow(0)
    assert p.remove_selected("publications")
    assert sv.find(demo_db, "publications", project_id=p.project_id) == []


def test_without_undo_stack_and_new_project_hint(qtbot, demo_db, own_settings):
    editor = open_editor(None, demo_db, "projects", _project_id(demo_db))
    qtbot.addWidget(editor)
    editor.parts.implementer_picker.setEditText("ACBK")
    assert editor.parts.add_implementer()
    assert _listing(demo_db)["implementers"] == "SCA, ACBK"

    new = open_editor(None, demo_db, "projects")
    qtbot.addWidget(new)
    hint = new.findChild(QLabel, "partsHint")
    assert hint is not None and "Save the project first" in hint.text()
    assert new.parts is None
