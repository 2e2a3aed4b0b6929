"""Deleting records from a view: explain what still refers to them, else confirm and delete (undoable)."""

from __future__ import annotations

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


__all__ = ["confirm_and_delete", "reference_message"]
