"""The DejaVu Sans family, embedded in every report (Latin, Cyrillic, Kazakh and Mongolian letters)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from saiga_desk.paths import resource_path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

#: style name used by table cells and runs -> registered font name
STYLE_FONTS = {"regular": REGULAR, "bold": BOLD, "italic": ITALIC, "bolditalic": BOLD_ITALIC}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the four faces once, as one family so that <b> and <i> work in paragraphs."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
            path = resource_path("fonts", f"{name}.ttf")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
