"""Undo / redo, deletes, stale edits, superseding and the history panel, on real SQLite files."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from saiga_desk.core import services as sv
from saiga_desk.core.errors import NotFoundError, StaleEditError
from saiga_desk.ui.delete import confirm_and_delete, reference_message
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.opening import open_editor
from saiga_desk.ui.forms.supersede import SupersedeDialog
from saiga_desk.ui.history_panel import HistoryPanel
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import BulkUpdateCommand, CreateCommand, DeleteCommand, UpdateCommand, push


def keys(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def retype(widget: QLineEdit, text: str) -> None:
    widget.clear()
    keys(widget, text)
    widget.editingFinished.emit()


@pytest.fixture
def stack(qtbot):
    undo_stack = QUndoStack()
    yield undo_stack
    undo_stack.clear()


@pytest.fixture(autouse=True)
def quiet_prompts(monkeypatch):
    asked = {"inform": [], "confirm": [], "stale": []}
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "discard")
    monkeypatch.setattr(
        prompts, "ask_stale", lambda parent, message: asked["stale"].append(message) or "keep"
    )
    monkeypatch.setattr(
        prompts, "ask_confirm", lambda parent, title, text, info="": asked["confirm"].append(text) or True
    )
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text, info="": asked["inform"].append(text))
    yield asked
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def person_named(db, family: str):
    return next(p for p in sv.find(db, "persons") if p.family_name == family)


def test_undo_and_redo_an_edit_made_in_the_form(qtbot, demo_db, stack):
    person = person_named(demo_db, "Ёлкина")
    editor = open_editor(None, demo_db, "persons", person.id, undo_stack=stack)
    qtbot.addWidget(editor)
    retype(editor.findChild(QLineEdit, "field_city"), "Элиста")
    notified = []
    hub.changed.connect(notified.append)
    try:
        qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
        assert not editor.isVisible()
        assert sv.get(demo_db, "persons", person.id).city == "Элиста"
        assert stack.count() == 1 and "Ёлкина" in stack.undoText()
        stack.undo()
        assert sv.get(demo_db, "persons", person.id).city == person.city
        stack.redo()
        assert sv.get(demo_db, "persons", person.id).city == "Элиста"
        assert sum(c.touches({"persons"}) for c in notified) == 3
    finally:
        hub.changed.disconnect(notified.append)


def test_undo_a_delete_brings_the_record_back_with_the_same_id(qtbot, demo_db, stack, quiet_prompts):
    (mos3,) = sv.find(demo_db, "meetings", code="MOS3")
    before = sv.get(demo_db, "meetings", mos3.id)
    host = sv.find(demo_db, "organizations")[0]
    sv.create(
        demo_db, "meeting-organizations", {"meeting_id": mos3.id, "organization_id": host.id, "role": "host"}
    )
    docs = sv.find(demo_db, "documents", meeting_id=mos3.id)
    participants = sv.find(demo_db, "participants", meeting_id=mos3.id)
    if docs or participants:  # a meeting with documents is referenced: use a fresh one instead
        mos3 = sv.create(
            demo_db, "meetings", {"code": "WS9", "title_en": "Workshop", "start_date": "2024-01-02"}
        )
        before = sv.get(demo_db, "meetings", mos3.id)
        sv.create(
            demo_db,
            "meeting-organizations",
            {"meeting_id": mos3.id, "organization_id": host.id, "role": "host"},
        )
    assert confirm_and_delete(None, demo_db, "meetings", [mos3.id], stack) is True
    assert quiet_prompts["confirm"] and quiet_prompts["inform"] == []
    with pytest.raises(NotFoundError):
        sv.get(demo_db, "meetings", mos3.id)
    assert sv.find(demo_db, "meeting-organizations", meeting_id=mos3.id) == []
    stack.undo()
    back = sv.get(demo_db, "meetings", mos3.id)
    assert {k: back[k] for k in ("id", "code", "title_en", "start_date", "status")} == {
        k: before[k] for k in ("id", "code", "title_en", "start_date", "status")
    }
    assert [r.role for r in sv.find(demo_db, "meeting-organizations", meeting_id=mos3.id)] == ["host"]
    stack.redo()
    with pytest.raises(NotFoundError):
        sv.get(demo_db, "meetings", mos3.id)
    stack.undo()
    assert sv.get(demo_db, "meetings", mos3.id).code == before.code


def test_referenced_delete_is_refused_with_what_refers_to_it(qtbot, db, stack, quiet_prompts):
    ministry = sv.create(db, "organizations", {"name_en": "Ministry of Ecology", "kind": "government"})
    for family in ("Ахмедов", "Karimova"):
        sv.create(db, "persons", {"family_name": family, "organization_id": ministry.id})
    assert confirm_and_delete(None, db, "organizations", [ministry.id], stack) is False
    (message,) = quiet_prompts["inform"]
    assert "Organization “Ministry of Ecology” cannot be deleted: 2 persons refer to it" in message
    assert quiet_prompts["confirm"] == [] and stack.count() == 0
    assert sv.get(db, "organizations", ministry.id).name_en == "Ministry of Ecology"
    assert message.startswith(reference_message(db, "organizations", ministry.id))
    assert "Referred to by: Person “Ахмедов”; Person “Karimova”" in message  # named (issue 19, item 15)
    # the dry run asked the services without writing anything to the history
    assert [h.action for h in sv.history(db, "organizations", ministry.id)] == ["create"]


def test_stale_edit_is_refused_and_the_typed_values_are_kept(qtbot, demo_db, stack, quiet_prompts):
    person = person_named(demo_db, "Батсүх")
    editor = open_editor(None, demo_db, "persons", person.id, undo_stack=stack)
    qtbot.addWidget(editor)
    retype(editor.findChild(QLineEdit, "field_phone"), "+976 11 22 33 44")
    # meanwhile someone else changes the same person (phone and city)
    sv.update(
        demo_db,
        "persons",
        person.id,
        {"phone": "+976 99 99 99 99", "city": "Darkhan"},
        version=person.version,
    )
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    assert editor.isVisible() and quiet_prompts["stale"]
    assert "changed by someone else" in quiet_prompts["stale"][0]
    stored = sv.get(demo_db, "persons", person.id)
    assert stored.phone == "+976 99 99 99 99"  # refused: nothing overwritten
    assert editor.findChild(QLineEdit, "field_phone").text() == "+976 11 22 33 44"  # typed value kept
    assert editor.findChild(QLineEdit, "field_city").text() == "Darkhan"  # untouched field follows the change
    conflict = editor.findChild(QLabel, "error_phone")
    assert conflict.isVisible() and "+976 99 99 99 99" in conflict.text()
    assert stack.count() == 0
    # a second Save, knowingly, writes the officer's value over the current record
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    stored = sv.get(demo_db, "persons", person.id)
    assert stored.phone == "+976 11 22 33 44" and stored.city == "Darkhan"


def test_stale_edit_reload_reads_the_record_again(qtbot, demo_db, stack, monkeypatch):
    person = person_named(demo_db, "Батсүх")
    editor = open_editor(None, demo_db, "persons", person.id, undo_stack=stack)
    qtbot.addWidget(editor)
    retype(editor.findChild(QLineEdit, "field_phone"), "+976 11 22 33 44")
    sv.update(demo_db, "persons", person.id, {"phone": "+976 99 99 99 99"}, version=person.version)
    monkeypatch.setattr(prompts, "ask_stale", lambda parent, message: "reload")
    assert editor.save() is False
    assert editor.findChild(QLineEdit, "field_phone").text() == "+976 99 99 99 99"
    assert not editor.has_unsaved_changes() and editor.version == person.version + 1


def test_commands_refuse_stale_undo_and_bulk_update(qtbot, db, stack):
    a = push(stack, CreateCommand(db, "organizations", {"name_en": "Alpha", "kind": "ngo"})).record_id
    b = push(stack, CreateCommand(db, "organizations", {"name_en": "Beta", "kind": "ngo"})).record_id
    push(stack, BulkUpdateCommand(db, "organizations", [a, b], {"kind": "donor"}))
    assert {sv.get(db, "organizations", i).kind for i in (a, b)} == {"donor"}
    stack.undo()
    assert {sv.get(db, "organizations", i).kind for i in (a, b)} == {"ngo"}
    stack.redo()
    assert {sv.get(db, "organizations", i).kind for i in (a, b)} == {"donor"}
    # an update whose version is stale fails at push time and stays off the stack
    count = stack.count()
    with pytest.raises(StaleEditError):
        push(stack, UpdateCommand(db, "organizations", a, {"name_en": "Alpha"}, {"name_en": "A"}, version=1))
    assert stack.count() == count
    cmd = push(stack, DeleteCommand(db, "organizations", [a, b]))
    assert cmd.error is None and sv.find(db, "organizations") == []
    stack.undo()
    assert sorted(o.id for o in sv.find(db, "organizations")) == sorted([a, b])


def test_supersede_keeps_the_old_designation(qtbot, demo_db, stack):
    designations = sv.find(demo_db, "designations")
    old = next(d for d in designations if d.valid_to is None)
    newcomer = sv.create(demo_db, "persons", {"given_name": "Marat", "family_name": "Zhaksylykov"})
    dialog = SupersedeDialog(demo_db, old.id, stack)
    qtbot.addWidget(dialog)
    picker = dialog.findChild(QComboBox, "field_person_id")
    keys(picker.lineEdit(), "Zhaksylykov Marat")
    picker.lineEdit().editingFinished.emit()
    retype(dialog.findChild(QLineEdit, "field_valid_from"), "2025-03-01")
    retype(dialog.findChild(QLineEdit, "field_source_reference"), "Note verbale No. 12")
    assert dialog.apply() is True
    kept = sv.get(demo_db, "designations", old.id)
    new = sv.get(demo_db, "designations", kept.superseded_by_id)
    assert kept.valid_to == dt.date(2025, 2, 28) and kept.person_id == old.person_id
    assert new.person_id == newcomer.id and new.valid_from == dt.date(2025, 3, 1) and new.valid_to is None
    assert new.signatory_id == old.signatory_id and new.role == old.role and new.source_reference
    as_at_before = sv.query_ids(demo_db, "contact-points", filters={"as_at": "2025-02-28"})
    as_at_after = sv.query_ids(demo_db, "contact-points", filters={"as_at": "2025-03-01"})
    assert old.id in as_at_before and new.id not in as_at_before
    assert new.id in as_at_after and old.id not in as_at_after
    stack.undo()
    restored = sv.get(demo_db, "designations", old.id)
    assert restored.valid_to is None and restored.superseded_by_id is None
    with pytest.raises(NotFoundError):
        sv.get(demo_db, "designations", new.id)
    stack.redo()
    assert sv.get(demo_db, "designations", old.id).superseded_by_id == new.id


def test_supersede_refuses_a_date_before_the_current_start(qtbot, demo_db, stack):
    old = next(d for d in sv.find(demo_db, "designations") if d.valid_from is not None and d.valid_to is None)
    other = sv.create(demo_db, "persons", {"family_name": "Newcomer"})
    dialog = SupersedeDialog(demo_db, old.id, stack)
    qtbot.addWidget(dialog)
    dialog.person.set_value(other.id)
    dialog.valid_from.set_value(old.valid_from)
    assert dialog.apply() is False
    assert "Must be after" in dialog.findChild(QLabel, "error_valid_from").text()
    assert sv.get(demo_db, "designations", old.id).valid_to is None and stack.count() == 0


def test_history_panel_shows_old_and_new_values_newest_first(qtbot, demo_db, stack):
    org = sv.find(demo_db, "organizations")[0]
    person = sv.create(demo_db, "persons", {"family_name": "Oldname", "city": "Bonn"})
    editor = open_editor(None, demo_db, "persons", person.id, undo_stack=stack)
    qtbot.addWidget(editor)
    retype(editor.findChild(QLineEdit, "field_family_name"), "Newname")
    editor.fields["organization_id"].set_value(org.id)
    assert editor.save() is True
    panel = HistoryPanel(demo_db)
    qtbot.addWidget(panel)
    panel.show_record("persons", person.id)
    lines = panel.entry_texts()
    assert "Changed" in lines[0] and "test-officer" in lines[0]  # newest first
    assert any("Family name: Oldname → Newname" in line for line in lines)
    org_label = editor.fields["organization_id"].picker.currentText()
    assert any(f"Organization: ∅ → {org_label}" in line for line in lines)
    assert any(line.startswith("Created") or "| Created" in line for line in lines[1:])
    # it follows later changes (undo) by itself
    stack.undo()
    assert panel.tree.topLevelItemCount() == 3
