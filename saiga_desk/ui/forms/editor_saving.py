"""Saving the record form (a part of ``RecordEditor``): validation, the undo command, the services'
refusals shown inline, and a stale edit resolved by Reload or Keep editing without losing typed values."""

from __future__ import annotations

from saiga_desk.core import services as sv
from saiga_desk.core.errors import (
    DuplicateError,
    NotFoundError,
    SaigaError,
    StaleEditError,
    ValidationError,
)
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.forms.fields import INVALID, BoolField, ChoiceField, ReferenceField, choice_label, same
from saiga_desk.ui.forms.layouts import UNIQUE_SUFFIXED
from saiga_desk.ui.forms.references import record_title
from saiga_desk.ui.undo import CreateCommand, UpdateCommand, push


class FormSaving:
    """Save, its messages and the stale-edit choice of the record form."""

    def _save_clicked(self) -> None:
        if self.save():
            self._closing = True
            self.accept()

    def save(self) -> bool:
        """Validate and save; True when saved (or nothing to save). The form stays as typed on failure."""
        self._show_message(None)
        problems = self.validate()
        if problems:
            self._show_message(_("Please correct the marked fields ({n}).").format(n=len(problems)))
            self._focus_first(problems)
            return False
        values = self.form_values()
        try:
            if self.record_id is None:
                cmd = push(self.undo_stack, CreateCommand(self.db, self.entity, values, self._command_text()))
                self.record_id = cmd.record_id
                self.record = dict(cmd.record)
            else:
                names = self.changed_fields()
                if not names:
                    return True
                before = {n: self.record.get(n) for n in names}
                after = {n: values[n] for n in names}
                cmd = push(
                    self.undo_stack,
                    UpdateCommand(
                        self.db,
                        self.entity,
                        self.record_id,
                        before,
                        after,
                        self.version,
                        self._command_text(),
                    ),
                )
                self.record = dict(cmd.record)
            self.last_command = cmd
        except ValidationError as e:
            self._show_validation(e)
            return False
        except StaleEditError as e:
            self._stale(e)
            return False
        except DuplicateError as e:
            unique = UNIQUE_SUFFIXED.get(self.entity, ())
            target = next((n for n in unique if n in self.fields), None)
            if target:
                self.fields[target].show_error(str(e))
                self._focus_first([target])
            self._show_message(str(e))
            return False
        except NotFoundError as e:
            self._show_message(str(e))
            return False
        except SaigaError as e:
            self._show_message(str(e))
            return False
        except Exception as e:  # a read-only or full disk, a rule of the database: one plain sentence
            show_error(self, e, _("The record was not saved"))
            return False
        self.version = self.record.get("version")
        self.baseline = {name: self.record.get(name) for name in self.fields}
        self._update_title()
        self.saved.emit(self.record_id)
        return True

    def _command_text(self) -> str:
        title = self._title_of_form()
        what = _(self.ent.singular)
        if not title:  # never 'Add designation ""'
            return (_("Add {what}") if self.record_id is None else _("Edit {what}")).format(what=what)
        if self.record_id is None:
            return _("Add {what} “{title}”").format(what=what, title=title)
        return _("Edit {what} “{title}”").format(what=what, title=title)

    def _title_of_form(self) -> str:
        v = self.form_values()
        for keys in (
            ("given_name", "family_name"),
            ("code",),
            ("symbol",),
            ("acronym",),
            ("name_en",),
            ("title",),
            ("title_en",),
        ):
            parts = [str(v[k]) for k in keys if k in v and v[k] not in (None, INVALID)]
            if parts:
                text = " ".join(parts)
                return text if len(text) <= 70 else text[:69].rstrip() + "…"
        # a designation or a participant: who, for which Signatory or meeting (the pickers' names)
        picked = [self.fields[k].picker.currentText() for k in ("person_id", "signatory_id", "meeting_id")
                  if k in self.fields and v.get(k) not in (None, INVALID)]  # fmt: skip
        if picked:
            text = " — ".join(picked)
            return text if len(text) <= 70 else text[:69].rstrip() + "…"
        if self.record_id is not None:
            return record_title(self.db, self.entity, self.record_id)
        return ""

    def _show_validation(self, error: ValidationError) -> None:
        """The services' rules, shown inline like the form's own checks."""
        unplaced = []
        for name, message in error.fields.items():
            field = self.fields.get(name)
            if field is not None and field.isVisibleTo(self):
                field.show_error(message[:1].upper() + message[1:] if message else message)
            else:
                unplaced.append(f"{name.replace('_', ' ')}: {message}")
        self._show_message(
            _("The record was not saved: {problems}").format(problems="; ".join(unplaced))
            if unplaced
            else _("The record was not saved; see the marked fields.")
        )
        self._focus_first(error.fields)

    def _stale(self, error: StaleEditError) -> None:
        choice = prompts.ask_stale(self, str(error))
        try:
            fresh = dict(sv.get(self.db, self.entity, self.record_id))
        except SaigaError as e:
            self._show_message(str(e))
            return
        if choice == "reload":
            self.record = fresh
            self.version = fresh.get("version")
            self.baseline = {name: fresh.get(name) for name in self.fields}
            self._fill(self.baseline)
            self._show_message(None)
            self._update_title()
            return
        # keep editing: the typed values stay; untouched fields take the current values; conflicts are marked
        mine = set(self.changed_fields())
        conflicts = []
        for name, field in self.fields.items():
            old, now = self.record.get(name), fresh.get(name)
            if same(old, now):
                continue
            if name in mine:
                conflicts.append(name)
                field.show_error(
                    _("Changed meanwhile to: {value}. Your value is kept; Save writes it.").format(
                        value=self._display(name, now)
                    )
                )
            else:
                self._fill({name: now})
        self.record = fresh
        self.version = fresh.get("version")
        self.baseline = {name: fresh.get(name) for name in self.fields}
        self._show_message(
            _(
                "Someone else changed this record meanwhile. Your typed values are kept; check the marked "
                "fields and Save again to write your changes."
            )
            if conflicts
            else _(
                "Someone else changed other fields meanwhile; they are shown now. Your typed values are kept."
            )
        )

    def _display(self, name: str, value) -> str:
        field = self.fields[name]
        if value is None or value == "":
            return _("(empty)")
        if isinstance(field, ReferenceField):
            return field.picker.options.label(value)
        if isinstance(field, ChoiceField):
            return choice_label(value)
        if isinstance(field, BoolField):
            return _("yes") if value else _("no")
        return str(value)
