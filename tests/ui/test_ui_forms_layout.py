"""Every record form opens on the demo data, names its widgets, and clips no label (grabbed offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from saiga_desk.core import services as sv
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.layouts import LAYOUTS, fields_of
from saiga_desk.ui.forms.opening import open_editor

LISTING = {"designations": "contact-points"}


@pytest.fixture(autouse=True)
def cleanup(monkeypatch):
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "discard")
    yield
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("entity", sorted(set(LAYOUTS) - {"publications"}))
def test_form_opens_with_named_widgets_and_unclipped_labels(qtbot, demo_db, entity, tmp_path):
    filters = {"as_at": "all"} if entity == "designations" else None
    ids = sv.query_ids(demo_db, LISTING.get(entity, entity), filters=filters)
    assert ids, f"the demo data has {entity}"
    editor = open_editor(None, demo_db, entity, ids[0])
    qtbot.addWidget(editor)
    qtbot.waitExposed(editor)
    picture = editor.grab()
    assert not picture.isNull() and picture.save(str(tmp_path / f"{entity}.png"))
    assert not editor.has_unsaved_changes(), editor.changed_fields()
    for spec in fields_of(entity):
        assert editor.findChild(QWidget, f"field_{spec.name}") is not None, spec.name
        assert editor.findChild(QLabel, f"error_{spec.name}") is not None, spec.name
    for label in editor.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), (label.objectName(), label.text())
    for spec in fields_of(entity):
        field = editor.fields[spec.name]
        if field.isVisible() and field.input.isVisible():
            assert field.input.width() >= 60, (spec.name, field.input.width())


def test_pickers_list_records_added_while_the_form_is_open(qtbot, db):
    from PySide6.QtGui import QUndoStack

    from saiga_desk.ui.undo import CreateCommand, push

    editor = open_editor(None, db, "persons")
    qtbot.addWidget(editor)
    field = editor.fields["organization_id"]
    assert field.picker.options.find("SCA — Saiga Conservation Alliance") is None
    stack = QUndoStack()
    cmd = push(
        stack,
        CreateCommand(db, "organizations", {"name_en": "Saiga Conservation Alliance", "acronym": "SCA"}),
    )
    assert field.picker.options.find("sca — saiga conservation alliance") == cmd.record_id
    field.set_value(cmd.record_id)
    assert field.picker.currentText() == "SCA — Saiga Conservation Alliance" and field.check() is None
    stack.clear()
