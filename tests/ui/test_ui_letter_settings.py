"""Settings take the signatory of the letters, the reference prefix and the emblem (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from saiga_desk.core import preferences
from saiga_desk.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def test_letter_fields_and_emblem_are_saved_with_the_letterhead(qtbot, demo_db, tmp_path):
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(b"\x89PNG\r\n\x1a\n")
    dialog = SettingsDialog(demo_db, None)
    qtbot.addWidget(dialog)
    dialog.findChild(QLineEdit, "field_signatory_name").setText("Amy Fraenkel")
    dialog.findChild(QLineEdit, "field_signatory_title").setText("Executive Secretary")
    dialog.findChild(QLineEdit, "emblemPath").setText(str(tmp_path / "emblem.gif"))
    dialog.show()
    assert not dialog.save()  # not an image file: shown beside the field, nothing saved
    assert any("PNG, JPEG or SVG" in w.text() for w in dialog.findChildren(QLabel) if w.isVisible())
    assert preferences.letterhead(demo_db).get("signatory_name", "") == ""
    dialog.findChild(QLineEdit, "emblemPath").setText(str(emblem))
    assert dialog.save()
    head = preferences.letterhead(demo_db)
    assert head["signatory_name"] == "Amy Fraenkel" and head["emblem"] == str(emblem)
    again = SettingsDialog(demo_db, None)
    qtbot.addWidget(again)
    assert again.findChild(QLineEdit, "emblemPath").text() == str(emblem)
