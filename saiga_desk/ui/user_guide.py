"""Help ▸ User guide (F1): the guide in the interface's language (resources/guide/<lang>.html) with the
window's keyboard shortcuts listed beneath, read from its actions (so the list is never out of date)."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from saiga_desk.i18n import _, current_language
from saiga_desk.paths import resource_path


def guide_html(language: str) -> str:
    path = resource_path("guide", f"{language}.html")
    if not path.exists():
        path = resource_path("guide", "en.html")
    return path.read_text(encoding="utf-8")


def shortcuts(window) -> list[tuple[str, str]]:
    """(keys, command) of every action of ``window`` that has a shortcut, in menu order."""
    seen, out = set(), []
    for action in window.findChildren(QAction):
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        text = action.iconText() or action.text().replace("&", "")
        if keys and (keys, text) not in seen:
            seen.add((keys, text))
            out.append((keys, text.rstrip("…")))
    return out


class UserGuide(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("userGuide")
        self.setWindowTitle(_("User guide"))
        self.resize(760, 640)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(t)}</td></tr>"
                       for k, t in shortcuts(window))  # fmt: skip
        self.browser.setHtml(
            guide_html(current_language())
            + f"<h2>{html.escape(_('Keyboard shortcuts'))}</h2><table cellpadding='3'>{rows}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
