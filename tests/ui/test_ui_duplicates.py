"""Edit → Find duplicates, the side-by-side merge dialog and "Merge with…", driven through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMenu

from saiga_desk.core import merges
from saiga_desk.core import services as sv
from saiga_desk.ui.duplicates_dialog import merge_with, open_duplicates
from tests.duplicates_corpus import plant
from tests.ui.conftest import open_window

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


def scanned(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.is_done, timeout=20_000)
    return dialog


def row_of(dialog, ids) -> int:
    return [c.ids for c in dialog.candidates].index(tuple(sorted(ids)))


def test_find_duplicates_lists_pairs_with_scores_and_reasons_and_filters_by_kind(qtbot, demo_db):
    p = plant(demo_db)
    window = open_window(qtbot, demo_db)
    edit = window.menuBar().findChild(QMenu, "menu_edit")
    assert window.act_find_duplicates in edit.actions() and window.act_merge_with in edit.actions()
    window.show_tab("persons")
    window.act_find_duplicates.trigger()
    dialog = window.findChild(QDialog, "duplicates_dialog")
    scanned(qtbot, dialog)
    table = dialog.table
    row = row_of(dialog, (p["kassymova"], p["kassymova_latin"]))
    assert "same name in Cyrillic and Latin" in table.item(row, 4).text()
    assert int(table.item(row, 0).text()) >= 50 and "Қасымова" in table.item(row, 2).text()
    assert dialog.status.text() == f"{len(dialog.candidates)} candidate pairs"
    dialog.grab().save("/tmp/dups-find-persons.png")

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("organizations"))
    scanned(qtbot, dialog)
    assert {c.kind for c in dialog.candidates} == {"organizations"}
    assert (min(p["ministry"], p["ministry_ru"]), max(p["ministry"], p["ministry_ru"])) in [
        c.ids for c in dialog.candidates
    ]
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("all"))
    scanned(qtbot, dialog)
    assert {c.kind for c in dialog.candidates} == {"persons", "organizations"}
    dialog.grab().save("/tmp/dups-find-all.png")


def test_merge_from_the_list_side_by_side_then_undo_from_the_edit_menu(qtbot, demo_db):
    p = plant(demo_db)
    window = open_window(qtbot, demo_db)
    window.show_tab("persons")
    dialog = scanned(qtbot, open_duplicates(window))
    dialog.table.selectRow(row_of(dialog, (p["kassymova"], p["kassymova_latin"])))
    merge = dialog.merge_selected()
    assert merge.plan.kept_id == p["kassymova"] and merge.plan.other_id == p["kassymova_latin"]
    assert "2 participants" in merge.refs.text()
    other_address = merge.findChild(type(merge.groups["address"].button(1)), "address_other")
    assert not merge.groups["address"].button(1).isChecked()
    qtbot.mouseClick(other_address, Qt.MouseButton.LeftButton)
    assert merge.choices()["address"] is True
    assert not merge.findChild(type(other_address), "country_id_kept").isEnabled()  # same value on both sides
    merge.grab().save("/tmp/dups-merge-dialog.png")
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    assert merge.result is not None and merge.result.repointed == 1
    kept = sv.get(demo_db, "persons", p["kassymova"])
    assert kept.address == "Kenesary 40, apt. 12, Astana" and kept.other_emails == "a.kassymova@mail.kz"
    assert sv.find(demo_db, "persons", id=p["kassymova_latin"]) == []
    assert (p["kassymova"], p["kassymova_latin"]) not in [c.ids for c in dialog.candidates]
    assert window.undo_stack.canUndo()
    window.act_undo.trigger()
    assert sv.get(demo_db, "persons", p["kassymova_latin"]).family_name == "Kassymova"
    assert merges.list_merges(demo_db)[0].undone_at is not None
    window.act_redo.trigger()
    assert sv.find(demo_db, "persons", id=p["kassymova_latin"]) == []


def test_not_duplicates_removes_the_pair_for_good(qtbot, demo_db):
    p = plant(demo_db)
    window = open_window(qtbot, demo_db)
    dialog = scanned(qtbot, open_duplicates(window))
    pair = (min(p["yolkina"], p["yolkina_e"]), max(p["yolkina"], p["yolkina_e"]))
    dialog.table.selectRow(row_of(dialog, pair))
    qtbot.mouseClick(dialog.different_button, Qt.MouseButton.LeftButton)
    assert pair not in [c.ids for c in dialog.candidates]
    dialog.scan()
    scanned(qtbot, dialog)
    assert pair not in [c.ids for c in dialog.candidates] and dialog.candidates


def test_a_scan_can_be_cancelled(qtbot, demo_db):
    plant(demo_db)
    window = open_window(qtbot, demo_db)
    dialog = open_duplicates(window)
    dialog.task.cancel()
    scanned(qtbot, dialog)
    assert dialog.status.text() == "Cancelled." and dialog.scan_button.isEnabled()


def test_merge_with_on_a_selected_row_of_organizations(qtbot, demo_db):
    p = plant(demo_db)
    window = open_window(qtbot, demo_db)
    page = window.show_tab("organizations")
    qtbot.waitUntil(lambda: page.select_id(p["ministry_ru"]), timeout=10_000)
    assert window.act_merge_with.isEnabled()
    names = [a.objectName() for a in window._row_menu(page.view, None).actions()]
    assert "action_merge_with" in names
    merge = merge_with(window, other_id=p["ministry_abbr"])
    assert merge.plan.kept_id == p["ministry_ru"] and merge.plan.kind == "organizations"
    merge.choose("name_en", True)
    merge.swap()  # keep the other record instead: the choices follow their values
    assert merge.plan.kept_id == p["ministry_abbr"] and merge.choices()["name_en"] is False
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
    assert sv.get(demo_db, "organizations", p["ministry_abbr"]).name_en.startswith("Min. of Ecology")
    assert sv.find(demo_db, "organizations", id=p["ministry_ru"]) == []
    window.show_tab("meetings")
    assert not window.act_merge_with.isEnabled()


def test_merge_with_on_one_row_offers_the_candidates_found_for_it(qtbot, demo_db):
    p = plant(demo_db)
    window = open_window(qtbot, demo_db)
    page = window.show_tab("persons")
    qtbot.waitUntil(lambda: page.select_id(p["yolkina"]), timeout=10_000)
    offered = []

    def answer():
        asks = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]
        if not asks:
            QTimer.singleShot(50, answer)
            return
        offered.extend(asks[0].comboBoxItems())
        asks[0].setTextValue(offered[0])
        asks[0].accept()

    QTimer.singleShot(50, answer)
    window.act_merge_with.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "merge_dialog") is not None, timeout=20_000)
    merge = window.findChild(QDialog, "merge_dialog")
    assert offered and offered[0].startswith(f"#{p['yolkina_e']} Алена Елкина")
    assert (merge.plan.kept_id, merge.plan.other_id) == (p["yolkina"], p["yolkina_e"])
    merge.reject()


def test_merges_made_can_be_undone_from_the_list(qtbot, demo_db):
    p = plant(demo_db)
    done = merges.merge(demo_db, "organizations", p["ministry"], p["ministry_ru"])  # e.g. an earlier session
    window = open_window(qtbot, demo_db)
    window.show_tab("organizations")
    dialog = scanned(qtbot, open_duplicates(window))
    assert (p["ministry"], p["ministry_ru"]) not in [c.ids for c in dialog.candidates]
    listed = dialog.show_merges()
    assert [x.id for x in listed.merges] == [done.merge_id] and "Merged organization" in listed.table.item(
        0, 3
    ).text()
    assert not listed.undo_button.isEnabled()
    listed.table.selectRow(0)
    listed.grab().save("/tmp/dups-merges-list.png")
    qtbot.mouseClick(listed.undo_button, Qt.MouseButton.LeftButton)
    assert sv.get(demo_db, "organizations", p["ministry_ru"]).name_en.startswith("Министерство")
    assert listed.table.item(0, 4).text() and not listed.undo_button.isEnabled()
    listed.reject()
    scanned(qtbot, dialog)
    assert (p["ministry"], p["ministry_ru"]) in [c.ids for c in dialog.candidates]
