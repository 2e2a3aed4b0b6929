"""Right-click on table rows offers the record commands and the export of the rows shown."""

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import open_window

pytestmark = pytest.mark.usefixtures("own_settings")  # private QSettings


def test_row_menu_offers_edit_and_export_on_every_table(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    for name in ("persons", "contact-points", "signatories", "documents"):
        page = window.show_tab(name)
        view = page.view
        assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        menu = window._row_menu(view, None)
        names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
        assert {"action_new", "action_edit", "action_delete", "action_export_view"} <= set(names)
        assert window.act_export_view.isEnabled()
    # the real signal opens a menu without blocking
    view = window.show_tab("persons").view
    view.customContextMenuRequested.emit(QPoint(5, 5))
    menus = [w for w in window.findChildren(type(menu)) if w.objectName() == "rowMenu" and w.isVisible()]
    assert menus
    for m in menus:
        m.close()
