"""The questions the forms ask (message boxes), as module-level hooks.

The forms call ``prompts.ask_unsaved(...)`` etc. through this module, so a test (or an embedding
application) can replace a hook; the real ones are ordinary QMessageBoxes with object names.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from saiga_desk.i18n import _

Btn = QMessageBox.StandardButton


def _box(parent, icon, title, text, name) -> QMessageBox:
    box = QMessageBox(icon, title, text, Btn.NoButton, parent)
    box.setObjectName(name)
    return box


def ask_unsaved(parent: QWidget | None, what: str) -> str:
    """ "save" | "discard" | "cancel" for an editor closed with unsaved changes."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        _("Unsaved changes"),
        _("{what} has changes that are not saved yet.").format(what=what),
        "unsavedChangesDialog",
    )
    box.setInformativeText(_("Save them, discard them, or go back to the form?"))
    box.setStandardButtons(Btn.Save | Btn.Discard | Btn.Cancel)
    box.setDefaultButton(Btn.Save)
    box.setEscapeButton(Btn.Cancel)
    answer = box.exec()
    return {Btn.Save: "save", Btn.Discard: "discard"}.get(Btn(answer), "cancel")


def ask_stale(parent: QWidget | None, message: str) -> str:
    """ "reload" | "keep" after a stale edit was refused."""
    box = _box(parent, QMessageBox.Icon.Warning, _("Changed by someone else"), message, "staleEditDialog")
    box.setInformativeText(
        _(
            "Reload shows the record as it is now (your typed values are dropped). "
            "Keep editing keeps your values; fields changed meanwhile are marked, and Save then "
            "writes your changes over the current record."
        )
    )
    reload_button = box.addButton(_("Reload"), QMessageBox.ButtonRole.DestructiveRole)
    keep_button = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    return "reload" if box.clickedButton() is reload_button else "keep"


def ask_confirm(parent: QWidget | None, title: str, text: str, informative: str = "") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text, "confirmDialog")
    if informative:
        box.setInformativeText(informative)
    box.setStandardButtons(Btn.Yes | Btn.Cancel)
    box.setDefaultButton(Btn.Cancel)
    return Btn(box.exec()) == Btn.Yes


def inform_or(parent: QWidget | None, title: str, text: str, informative: str = "", action: str | None = None) -> bool:
    """An information box with one more button (``action``); True when the officer chose it."""
    if not action:
        inform(parent, title, text, informative)
        return False
    box = _box(parent, QMessageBox.Icon.Information, title, text, "informDialog")
    if informative:
        box.setInformativeText(informative)
    box.setStandardButtons(Btn.Ok)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    chosen.setObjectName("informAction")
    box.exec()
    return box.clickedButton() is chosen


def inform(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, "informDialog")
    if informative:
        box.setInformativeText(informative)
    box.setStandardButtons(Btn.Ok)
    box.exec()
