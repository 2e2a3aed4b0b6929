"""Issue 19, item 9: column widths from the content — key columns whole, empty columns narrow, the contact
points' validity in sight without scrolling, ended designations in grey italics under "Show history"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from tests.ui.conftest import open_window

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_settings")]  # private QSettings


def _window(qtbot, db):
    window = open_window(qtbot, db)
    window.resize(1280, 800)
    return window


def _width(page, key: str) -> int:
    return page.view.horizontalHeader().sectionSize(page.model.column_index(key))


def _shown(qtbot, window, name):
    page = window.show_tab(name)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page._autosize_pending, timeout=5000)
    qtbot.wait(50)  # the re-fit once the view has its width
    return page


def test_key_columns_whole_and_the_contact_points_fit_the_window(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    for name, keys in (("documents", ("symbol",)), ("meetings", ("code",)), ("signatories", ("name",)),
                       ("persons", ("given_name", "family_name"))):  # fmt: skip
        page = _shown(qtbot, window, name)
        for key in keys:
            column = page.model.column_index(key)
            assert _width(page, key) >= page.view.sizeHintForColumn(column), (name, key)
            assert _width(page, key) >= page.view.horizontalHeader().sectionSizeHint(column), (name, key)
    page = _shown(qtbot, window, "contact-points")
    header = page.view.horizontalHeader()
    assert header.length() <= page.view.viewport().width()  # no horizontal scrolling
    for key in ("valid_from", "valid_to", "role"):
        assert not header.isSectionHidden(page.model.column_index(key))
        assert _width(page, key) >= header.sectionSizeHint(page.model.column_index(key))  # titles whole


def test_an_empty_column_is_narrow(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    page = _shown(qtbot, window, "organizations")
    email = page.model.column_index("email")
    assert all(not page.model.index(r, email).data() for r in range(page.model.rowCount()))
    assert _width(page, "email") <= page.view.horizontalHeader().sectionSizeHint(email) + 60
    assert _width(page, "email") < _width(page, "name_en")


def test_ended_contact_points_in_grey_italics_under_show_history(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    page = _shown(qtbot, window, "contact-points")
    qtbot.mouseClick(page.show_history, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(page.reconfirm_flag.ended(r) for r in range(page.model.rowCount())), timeout=5000)
    ended = next(r for r in range(page.model.rowCount()) if page.reconfirm_flag.ended(r))
    current = next(r for r in range(page.model.rowCount()) if page.model.row_values(r)["valid_to"] is None)

    def style(row):
        option = QStyleOptionViewItem()
        page.reconfirm_flag.initStyleOption(option, page.model.index(row, 0))
        return option.font.italic(), option.palette.text().color().name()

    assert style(ended) == (True, "#808080")
    assert style(current)[0] is False
