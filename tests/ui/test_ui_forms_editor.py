"""Record forms driven through their real widgets: pickers with type-ahead, inline messages, saving."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from saiga_desk.core import services as sv
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.opening import open_editor
from saiga_desk.ui.signals import hub

REAL_ASK_UNSAVED = prompts.ask_unsaved


def keys(widget, text: str) -> None:
    """Type ``text`` as key presses (any script: QTest's keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def pick(qtbot, editor, field: str, typed: str, expect: str) -> None:
    """Type part of a name into a reference picker and choose the suggestion from the completer popup."""
    combo = editor.findChild(QComboBox, f"field_{field}")
    combo.lineEdit().clear()
    keys(combo.lineEdit(), typed)
    completer = combo.completer()
    suggestions = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert any(expect in s for s in suggestions), suggestions
    popup = completer.popup()
    assert popup.isVisible()
    row = next(r for r, s in enumerate(suggestions) if expect in s)
    popup.setCurrentIndex(completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert expect in combo.currentText()


def choose(editor, field: str, value) -> None:
    combo = editor.findChild(QComboBox, f"field_{field}")
    combo.setCurrentIndex(combo.findData(value))


def type_into(qtbot, editor, field: str, text: str) -> None:
    widget = editor.findChild(QLineEdit, f"field_{field}") or editor.findChild(
        QPlainTextEdit, f"field_{field}"
    )
    widget.clear()
    keys(widget, text)
    if isinstance(widget, QLineEdit):
        widget.editingFinished.emit()  # leaving the field (offscreen windows get no focus changes)


def save(qtbot, editor) -> None:
    qtbot.mouseClick(editor.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)


def error_text(editor, field: str) -> str:
    label = editor.findChild(QLabel, f"error_{field}")
    return label.text() if label.isVisible() else ""


@pytest.fixture
def stack(qtbot):
    undo_stack = QUndoStack()
    yield undo_stack
    undo_stack.clear()


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """Closing leftover editors at teardown must never wait for an answer."""
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "discard")
    monkeypatch.setattr(prompts, "ask_stale", lambda parent, message: "keep")
    monkeypatch.setattr(prompts, "ask_confirm", lambda *a, **k: True)
    monkeypatch.setattr(prompts, "inform", lambda *a, **k: None)


def test_create_signatory_and_designation_through_the_forms(qtbot, db, stack):
    changed = []
    hub.changed.connect(changed.append)
    try:
        editor = open_editor(None, db, "signatories", undo_stack=stack)
        qtbot.addWidget(editor)
        choose(editor, "kind", "state")
        assert editor.findChild(QComboBox, "field_country_id").isVisible()
        assert not editor.findChild(QComboBox, "field_organization_id").isVisible()
        pick(qtbot, editor, "country_id", "Kaz", "Kazakhstan")
        editor.findChild(QCheckBox, "field_range_state").setChecked(True)
        type_into(qtbot, editor, "signed_on", "2006-05-24")
        type_into(qtbot, editor, "signed_at", "Almaty")
        save(qtbot, editor)
        assert not editor.isVisible()
        (sig,) = sv.find(db, "signatories")
        assert sv.find(db, "countries", id=sig.country_id)[0].code == "KAZ"
        assert sig.kind == "state" and sig.range_state is True and str(sig.signed_on) == "2006-05-24"
        assert any(c.touches({"signatories"}) for c in changed)

        person = sv.create(db, "persons", {"given_name": "Айгүл", "family_name": "Қасымова"})
        editor = open_editor(None, db, "designations", undo_stack=stack)
        qtbot.addWidget(editor)
        pick(qtbot, editor, "signatory_id", "kaz", "Kazakhstan")
        pick(qtbot, editor, "person_id", "қасым", "Қасымова Айгүл")
        type_into(qtbot, editor, "valid_from", "2019-07-01")
        save(qtbot, editor)
        (designation,) = sv.find(db, "designations")
        assert designation.signatory_id == sig.id and designation.person_id == person.id
        assert designation.role == "primary" and str(designation.valid_from) == "2019-07-01"
        assert stack.count() == 2 and any(c.touches({"designations"}) for c in changed)
    finally:
        hub.changed.disconnect(changed.append)


def test_invalid_email_refused_inline_and_nothing_saved(qtbot, db, stack):
    editor = open_editor(None, db, "persons", undo_stack=stack)
    qtbot.addWidget(editor)
    type_into(qtbot, editor, "family_name", "Batsukh")
    type_into(qtbot, editor, "email", "ulziibayar.batsukh@@example")
    # on the fly: leaving the field shows the message
    assert "@" in error_text(editor, "email")
    save(qtbot, editor)
    assert editor.isVisible()
    assert "@" in error_text(editor, "email")
    assert sv.find(db, "persons") == [] and stack.count() == 0
    # fixing it clears the message as you type, and saves
    type_into(qtbot, editor, "email", "u.batsukh@example.org")
    assert error_text(editor, "email") == ""
    save(qtbot, editor)
    assert [p.email for p in sv.find(db, "persons")] == ["u.batsukh@example.org"]


def test_required_dates_and_unlisted_references_refused_inline(qtbot, db, stack):
    editor = open_editor(None, db, "meetings", undo_stack=stack)
    qtbot.addWidget(editor)
    type_into(qtbot, editor, "start_date", "2024-05-10")
    type_into(qtbot, editor, "end_date", "2024-05-01")
    assert "Cannot be before" in error_text(editor, "end_date")
    type_into(qtbot, editor, "city", "Bonn")
    combo = editor.findChild(QComboBox, "field_country_id")
    keys(combo.lineEdit(), "Atlantis")
    save(qtbot, editor)
    assert error_text(editor, "code") and error_text(editor, "title_en")
    assert "Pick a name from the list" in error_text(editor, "country_id")
    assert "Cannot be before" in error_text(editor, "end_date")
    assert "31.02.2024" not in error_text(editor, "start_date")
    type_into(qtbot, editor, "start_date", "31.02.2024")
    assert "Not a date" in error_text(editor, "start_date")
    assert sv.find(db, "meetings") == []
    # a name typed in full (any case) counts as picked
    combo.lineEdit().clear()
    keys(combo.lineEdit(), "germany")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == "Germany" and error_text(editor, "country_id") == ""


def test_services_rules_show_inline(qtbot, db, stack):
    """A rule only the services know (a duplicate code, checked there) is shown on the form, not lost."""
    sv.create(db, "meetings", {"code": "MOS5", "title_en": "Fifth Meeting"})
    editor = open_editor(None, db, "meetings", undo_stack=stack)
    qtbot.addWidget(editor)
    type_into(qtbot, editor, "code", "MOS5")
    type_into(qtbot, editor, "title_en", "Another fifth meeting")
    save(qtbot, editor)
    assert editor.isVisible()
    assert "MOS5" in error_text(editor, "code")
    # the services' field messages (ValidationError.fields) go to the field labels too
    from saiga_desk.core.errors import ValidationError

    editor._show_validation(ValidationError({"title_en": "must be shorter", "version": "odd"}))
    assert error_text(editor, "title_en") == "Must be shorter"
    assert "version: odd" in editor.findChild(QLabel, "form_message").text()


def test_duplicate_prefills_a_copy_with_unique_fields_suffixed(qtbot, demo_db, stack):
    (mos3,) = sv.find(demo_db, "meetings", code="MOS3")
    editor = open_editor(None, demo_db, "meetings", values=dict(mos3), undo_stack=stack)
    qtbot.addWidget(editor)
    assert editor.record_id is None and editor.has_unsaved_changes()
    assert editor.findChild(QLineEdit, "field_code").text() == "MOS3 (copy)"
    type_into(qtbot, editor, "code", "MOS3bis")
    save(qtbot, editor)
    (copy,) = sv.find(demo_db, "meetings", code="MOS3bis")
    assert copy.id != mos3.id and copy.title_en == mos3.title_en and copy.start_date == mos3.start_date


def test_try_close_with_unsaved_changes_cancel_keeps_the_editor(qtbot, demo_db, stack, monkeypatch):
    (person,) = [p for p in sv.find(demo_db, "persons") if p.family_name == "Ёлкина"]
    editor = open_editor(None, demo_db, "persons", person.id, undo_stack=stack)
    qtbot.addWidget(editor)
    assert not editor.has_unsaved_changes()
    type_into(qtbot, editor, "city", "Elista")
    assert editor.has_unsaved_changes()
    answers = []
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: answers.append(what) or "cancel")
    assert editor.try_close() is False
    assert editor.isVisible() and answers
    editor.close()  # the window's close button asks too
    assert editor.isVisible() and len(answers) == 2
    assert sv.get(demo_db, "persons", person.id).city == person.city
    monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "save")
    assert editor.try_close() is True
    assert not editor.isVisible()
    assert sv.get(demo_db, "persons", person.id).city == "Elista"


def test_unsaved_changes_question_is_a_real_message_box(qtbot, db, stack, monkeypatch):
    """The real hook: a QMessageBox closed by pressing Cancel from a timer (never hangs)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(prompts, "ask_unsaved", REAL_ASK_UNSAVED)

    editor = open_editor(None, db, "organizations", undo_stack=stack)
    qtbot.addWidget(editor)
    type_into(qtbot, editor, "acronym", "SCA")
    seen = []
    tries = []

    def answer():
        box = QApplication.activeModalWidget()
        if len(tries) > 200:
            return
        tries.append(1)
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.objectName())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    try:
        assert editor.try_close() is False
        assert seen == ["unsavedChangesDialog"] and editor.isVisible()
    finally:
        monkeypatch.setattr(prompts, "ask_unsaved", lambda parent, what: "discard")


def test_designation_form_offers_the_persons_organization_and_refuses_a_second_primary(qtbot, demo_db, stack):
    """Issue 19, item 6: the person's organization comes as the competent authority; a second primary
    contact point beside the current one is refused with the Signatory and its primary named."""
    from saiga_desk.core import contact_points as cp

    current = next(c for c in cp.valid_on(demo_db) if c.role == "primary")
    org = sv.create(demo_db, "organizations", {"name_en": "Steppe Conservation Agency", "kind": "government"})
    sv.create(demo_db, "persons", {"given_name": "Gulnara", "family_name": "Zhaksylykova",
                                   "organization_id": org.id})  # fmt: skip
    editor = open_editor(None, demo_db, "designations", undo_stack=stack)
    qtbot.addWidget(editor)
    before = stack.count()
    pick(qtbot, editor, "signatory_id", current.signatory[:5], current.signatory)
    pick(qtbot, editor, "person_id", "Zhaksyl", "Zhaksylykova")
    assert editor.fields["authority_id"].value() == org.id
    assert "Steppe Conservation Agency" in editor.findChild(QComboBox, "field_authority_id").currentText()
    choose(editor, "role", "primary")
    type_into(qtbot, editor, "valid_from", "2030-01-01")
    save(qtbot, editor)
    assert editor.isVisible() and stack.count() == before
    shown = editor.message.text() + error_text(editor, "role")
    assert current.signatory in shown and current.person in shown
