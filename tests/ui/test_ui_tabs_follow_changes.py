"""Every tab follows what a write changed, without F5 (issue 19, item 4): the core publishes each unit of
work's ``Changes``, the hub re-emits them in the GUI thread, and a page reads again when they touch a
kind its listing shows. Driven through the real window, wizard and forms offscreen on real SQLite files."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.ui.import_wizard import ImportWizard
from saiga_desk.ui.signals import hub
from tests.ui.conftest import open_window, wizard_to_review

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
import import_corpus as corpus  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings

NEW_ORGANIZATIONS = [
    ["Ms", "Aigerim", "Sultanova", "Officer", "Saiga Field Station Betpak-Dala", "Kazakhstan", "a@example.org",
     "+7 700 000 0001"],
    ["Mr", "Bat", "Erdene", "Ranger", "Khomiin Tal Ranger Post", "Mongolia", "b@example.org", "+976 1"],
    ["Dr", "Olga", "Petrova", "Researcher", "Kalmykia Steppe Institute", "Russian Federation",
     "o@example.org", "+7 847 000"],
]  # fmt: skip


def shown(page) -> int:
    return page.model.rowCount()


def test_organizations_tab_counts_an_import_without_f5(qtbot, demo_db, tmp_path):
    window = open_window(qtbot, demo_db)
    organizations = window.show_tab("organizations")
    persons = window.page("persons")
    qtbot.waitUntil(lambda: shown(organizations) > 0)
    before, persons_before = shown(organizations), sv.find(demo_db, "persons")
    assert window.counts_label.text() == f"Organizations: {before}"

    path = corpus.xlsx(tmp_path / "new-orgs.xlsx", [corpus.EN, *NEW_ORGANIZATIONS])
    wizard = ImportWizard(demo_db, window, path=str(path))
    qtbot.addWidget(wizard)
    assert wizard_to_review(qtbot, wizard, timeout=15000).isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=15000)
    wizard.close()

    # the visible tab reads again by itself; its count in the status bar follows
    qtbot.waitUntil(lambda: shown(organizations) == before + 3, timeout=5000)
    qtbot.waitUntil(lambda: window.counts_label.text() == f"Organizations: {before + 3}", timeout=5000)
    # a hidden tab reads again when it is shown
    window.show_tab("persons")
    qtbot.waitUntil(lambda: shown(persons) == len(persons_before) + 3, timeout=5000)


def test_a_form_edit_refreshes_every_listing_that_shows_the_kind(qtbot, demo_db):
    """An organization renamed in one place: the contact points (authority, person's organization) and
    the persons listings read again, derived from what their SQL reads, with no map kept by hand."""
    window = open_window(qtbot, demo_db)
    contact_points = window.show_tab("contact-points")
    qtbot.waitUntil(lambda: shown(contact_points) > 0)
    column = contact_points.model.column_index("authority")
    authorities = {contact_points.model.index(r, column).data() for r in range(shown(contact_points))}
    name = next(a for a in sorted(a for a in authorities if a))
    org = next(o for o in sv.find(demo_db, "organizations") if name in (o.name_en, o.acronym))
    key = "acronym" if org.acronym == name else "name_en"
    sv.update(demo_db, "organizations", org.id, {key: "Renamed Authority"})

    def names() -> set:
        return {contact_points.model.index(r, column).data() for r in range(shown(contact_points))}

    qtbot.waitUntil(lambda: "Renamed Authority" in names(), timeout=5000)


def test_changes_published_from_a_worker_thread_arrive_in_the_gui_thread(qtbot, db):
    hub.watch(db)
    hub.watch(db)  # once per database: a second call adds no second subscription
    seen: list[tuple[Changes, bool]] = []

    def heard(changes: Changes) -> None:
        seen.append((changes, QThread.currentThread() is QApplication.instance().thread()))

    hub.changed.connect(heard)
    try:
        worker = threading.Thread(target=lambda: sv.create(db, "persons", {"family_name": "Worker"}))
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
        sv.create(db, "persons", {"family_name": "Main"})  # from the GUI thread: delivered at once
        assert len(seen) == 2
    finally:
        hub.changed.disconnect(heard)
    assert all(in_gui for _c, in_gui in seen)
    assert [sorted(c.created) for c, _g in seen] == [["persons"], ["persons"]]


def test_each_meeting_tab_follows_writes_made_elsewhere(qtbot, demo_db):
    """Writes made outside the Meetings page (another window, the command line's verbs): the summary and
    every detail tab read again from the published Changes."""
    window = open_window(qtbot, demo_db)
    page = window.show_tab("meetings")
    qtbot.waitUntil(lambda: shown(page) > 0)
    mos4 = mt.find_meeting(demo_db, "MOS4")
    assert page.select_id(mos4.id)
    documents = page.documents.topLevelItemCount()
    organizers = page.organizers_table.rowCount()
    statuses = page.history_table.rowCount()

    values = mt.document_values(demo_db, mos4.id, "Inf", title_en="Report of the meeting")
    sv.create(demo_db, "documents", values)
    qtbot.waitUntil(lambda: page.documents.topLevelItemCount() == documents + 1, timeout=5000)
    assert "Inf.9" in page.next_symbols.text()

    host = next(o for o in sv.find(demo_db, "organizations") if o.acronym == "SCA")
    sv.create(
        demo_db, "meeting-organizations", {"meeting_id": mos4.id, "organization_id": host.id, "role": "host"}
    )
    qtbot.waitUntil(lambda: page.organizers_table.rowCount() == organizers + 1, timeout=5000)

    mt.change_status(demo_db, mos4.id, "cancelled", "Test of the page")
    qtbot.waitUntil(lambda: page.history_table.rowCount() == statuses + 1, timeout=5000)
    assert "Cancelled" in page.summary.text()

    person = sv.create(demo_db, "persons", {"family_name": "Observer"})
    sv.create(
        demo_db, "participants", {"meeting_id": mos4.id, "person_id": person.id, "category": "observer"}
    )
    qtbot.waitUntil(lambda: page.participants.model.rowCount() == 6, timeout=5000)
    qtbot.waitUntil(lambda: "<b>6</b> participants" in page.counts_label.text(), timeout=5000)
