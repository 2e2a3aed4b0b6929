"""The History panel's search: a deleted person found by her email, with every value she held."""

from __future__ import annotations

from PySide6.QtCore import Qt

from saiga_desk.core import preferences
from saiga_desk.core import services as sv
from saiga_desk.ui.history_panel import HistoryPanel


def test_a_deleted_person_is_found_by_her_email(qtbot, db):
    p = sv.create(db, "persons", {"given_name": "Aigerim", "family_name": "Sadykova", "email": "aigerim@mfa.kz",
                                  "phone": "+7 7172 123456"})  # fmt: skip
    sv.delete(db, "persons", p.id, version=p.version)
    sv.create(db, "persons", {"family_name": "Other", "email": "other@mfa.kz"})
    panel = HistoryPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "AIGERIM@mfa")
    qtbot.waitUntil(lambda: "Entries holding" in panel.heading.text(), timeout=5000)
    texts = panel.entry_texts()
    tops = [t for t in texts if not t.startswith("  ")]
    assert len(tops) == 2 and all(f"#{p.id}" in t for t in tops)  # the delete, then the create
    assert "Delete" in tops[0] or "delete" in tops[0].lower()
    assert any("aigerim@mfa.kz" in t and "∅" in t for t in texts)  # removed: old value -> ∅
    assert any("+7 7172 123456" in t for t in texts)
    # cleared: back to the selected record (none)
    qtbot.mouseClick(panel.search, Qt.MouseButton.LeftButton)
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 0, timeout=5000)


def test_settings_changes_are_in_the_history(qtbot, db):
    preferences.set_report_language(db, "ru")
    panel = HistoryPanel(db)
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.search, "report_language")
    panel.search.returnPressed.emit()
    qtbot.waitUntil(lambda: "Entries holding" in panel.heading.text(), timeout=5000)
    texts = panel.entry_texts()
    assert any("report_language" in t for t in texts)
    assert any("∅" in t and "→ Russian" in t for t in texts)  # created: nothing -> Russian


def test_the_search_runs_off_the_gui_thread_and_the_latest_text_wins(qtbot, db):
    a = sv.create(db, "persons", {"family_name": "Sadykova", "email": "aigerim@mfa.kz"})
    b = sv.create(db, "persons", {"family_name": "Other", "email": "other@mfa.kz"})
    panel = HistoryPanel(db)
    qtbot.addWidget(panel)
    panel.search.setText("aigerim@")
    panel.refresh()  # returns at once: the reader thread answers
    assert panel.heading.text().startswith("Searching the history") and panel.tree.topLevelItemCount() == 0
    panel.search.setText("other@")
    panel.refresh()  # replaces the first search before (or while) it runs
    qtbot.waitUntil(lambda: "Entries holding" in panel.heading.text(), timeout=5000)
    qtbot.wait(200)  # an answer to the first search, if one came, would arrive by now: it is dropped
    assert "other@" in panel.heading.text()
    tops = [t for t in panel.entry_texts() if not t.startswith("  ")]
    assert tops and all(f"#{b.id}" in t for t in tops) and not any(f"#{a.id}" in t for t in tops)
    panel.search.clear()
    panel.refresh()  # back to the selected record (none): no late answer fills the tree again
    qtbot.wait(200)
    assert panel.tree.topLevelItemCount() == 0
