"""Deleting records from a view: explain what still refers to them, else confirm and delete (undoable)."""

from __future__ import annotations

from saiga_desk.core import services as sv
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.record_undo import delete_refusal
from saiga_desk.i18n import _
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.references import record_title
from saiga_desk.ui.undo import DeleteCommand, push


def reference_message(db, entity: str, record_id: int) -> str | None:
    """The services' explanation of why ``record_id`` cannot be deleted, or None if it can.

    ("Organization “Ministry…” cannot be deleted: 2 persons refer to it. Remove or reassign them first.")
    """
    return delete_refusal(db, entity, record_id)


def confirm_and_delete(parent, db, entity: str, ids, undo_stack=None) -> bool:
    """Delete ``ids`` of ``entity`` after a confirmation; True when deleted.

    Records that others refer to are not deleted: a message names what refers to them."""
    ids = [int(i) for i in ids or []]
    if not ids:
        return False
    ent = entity_of(entity)
    refused = [msg for msg in (reference_message(db, ent.name, i) for i in ids) if msg]
    if refused and len(ids) == 1:  # name the records that refer to it, and offer to show them
        return _refused_one(parent, db, ent.name, ids[0], refused[0])
    if refused:
        shown = refused[:8]
        more = len(refused) - len(shown)
        text = "\n\n".join(shown)
        if more > 0:
            text += "\n\n" + _("… and {n} more.").format(n=more)
        informative = (
            _("Nothing was deleted.")
            if len(ids) > 1
            else _("Open the records that refer to it and change or delete them first.")
        )
        prompts.inform(parent, _("Cannot delete"), text, informative)
        return False
    text = None
    if len(ids) == 1:
        title = record_title(db, ent.name, ids[0])
        question = _("Delete {what} “{title}”?").format(what=_(ent.singular), title=title)
        text = _("Delete {what} “{title}”").format(what=_(ent.singular), title=title)
    else:
        question = _("Delete {n} {what}?").format(n=len(ids), what=_(ent.plural))
    if not prompts.ask_confirm(
        parent, _("Delete"), question, _("You can undo this with Edit > Undo (Ctrl+Z).")
    ):
        return False
    try:
        push(undo_stack, DeleteCommand(db, ent.name, ids if len(ids) > 1 else ids[0], text=text))
    except SaigaError as e:
        prompts.inform(parent, _("Cannot delete"), str(e), _("Nothing was deleted."))
        return False
    return True


SHOWN = 5  # records named in a refused delete


def _refused_one(parent, db, entity: str, record_id: int, message: str) -> bool:
    """A refused delete: the message, the first records that refer to it by name, "Show them"."""
    found = sv.referring_records(db, entity, record_id, SHOWN)
    names = [f"{_(entity_of(kind).singular).capitalize()} “{name}”" for kind, _i, name in found]
    total = sum(sv.references(db, entity, record_id).values())
    more = total - len(found)
    text = message + "\n\n" + _("Referred to by: {names}").format(names="; ".join(names)) + (
        " " + _("… and {n} more.").format(n=more) if more > 0 else "")  # fmt: skip
    window = parent.window() if parent is not None else None
    kind, first = (found[0][0], found[0][1]) if found else (None, None)
    tab = TAB_OF.get(kind, kind)
    go = None
    if window is not None and hasattr(window, "show_tab") and tab in getattr(window, "pages", ()):
        go = _("Show them")
    if prompts.inform_or(parent, _("Cannot delete"), text,
                         _("Open the records that refer to it and change or delete them first."), go):  # fmt: skip
        page = window.show_tab(tab)
        ids = [i for k, i, _n in found if k == kind]
        if hasattr(page, "show_ids"):
            page.show_ids(ids)
        else:
            page.select_id(first)
    return False


TAB_OF = {"designations": "contact-points"}  # a record kind shown under another tab


__all__ = ["confirm_and_delete", "reference_message"]
