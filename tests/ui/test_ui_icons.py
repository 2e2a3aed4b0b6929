"""The window's icons: every name draws its glyph of the icon font, in the palette's colour and greyed when
disabled, at any size; the main window gets them without loading QtAwesome's Python layer (QtPy), which cost
a fifth of the start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from saiga_desk.ui import icons

pytestmark = pytest.mark.gui


def _inked(image) -> list:
    """The colours of the pixels drawn (not transparent)."""
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 100]  # fmt: skip


@pytest.mark.parametrize("name", sorted(icons.NAMES))
def test_every_icon_draws_its_glyph_in_the_palette_colour(qapp, name):
    ico = icons.icon(name)
    assert not ico.isNull() and ico is icons.icon(name)  # made once per colour
    text = QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    for size in (16, 24, 48):
        image = ico.pixmap(QSize(size, size)).toImage()
        assert image.width() == size
        inked = _inked(image)
        assert len(inked) >= size // 2  # something drawn (a chevron at 16 px is a few pixels)
        assert all(abs(c.red() - text.red()) < 8 and abs(c.green() - text.green()) < 8 for c in inked)
    normal = ico.pixmap(QSize(24, 24)).toImage()
    disabled = ico.pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage()
    assert normal != disabled


def test_the_icons_differ_from_each_other(qapp):
    images = {name: icons.icon(name).pixmap(QSize(24, 24)).toImage() for name in icons.NAMES}
    distinct = {bytes(img.constBits()) for img in images.values()}
    assert len(distinct) == len({icons.NAMES[n] for n in images})  # one glyph per icon-font name


def test_the_main_window_does_not_load_qtawesome_or_qtpy():
    code = ("import sys; import saiga_desk.ui.main_window; from PySide6.QtWidgets import QApplication; "
            "app = QApplication([]); from saiga_desk.ui.icons import icon; icon('undo'); "
            "bad = [k for k in sys.modules if k.split('.')[0] in ('qtawesome', 'qtpy')]; print(bad); "
            "sys.exit(1 if bad else 0)")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
