"""One exception family whose message is meant for the officer."""

from __future__ import annotations

from dataclasses import dataclass, field

from saiga_desk.i18n import _


class SaigaError(Exception):
    """Base of every error whose ``str()`` can be shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(SaigaError):
    """One or more fields are invalid. ``fields`` maps a field name to its message."""

    def __init__(self, fields: dict[str, str], message: str | None = None):
        self.fields = dict(fields)
        text = message or "; ".join(f"{k}: {v}" for k, v in self.fields.items())
        super().__init__(text)


class NotFoundError(SaigaError):
    pass


class StaleEditError(SaigaError):
    """The row changed since it was read: the edit is refused, never silently applied."""

    def __init__(self, message: str, current_version: int | None = None):
        super().__init__(message)
        self.current_version = current_version


class ReferencedError(SaigaError):
    """A delete refused because other records reference this one."""

    def __init__(self, message: str, references: dict[str, int] | None = None):
        super().__init__(message)
        self.references = references or {}


class DuplicateError(SaigaError):
    pass


class DatabaseOpenError(SaigaError):
    """The database cannot be opened (not a database, corrupt, newer than the app, locked)."""


class CancelledError(SaigaError):
    """Long work cancelled by the user; nothing was changed."""


@dataclass(frozen=True)
class Problem:
    """An error or warning located in an input file."""

    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    severity: str = "error"  # "error" | "warning"

    def where(self, within_sheet: bool = False) -> str:
        """"list.xlsx, sheet 'Contacts', row 5, column C" in the interface's language; ``within_sheet``: only
        the row and column (where the file and sheet are said already)."""
        parts = []
        if self.file and not within_sheet:
            parts.append(self.file)
        if self.sheet and not within_sheet:
            parts.append(_("sheet {name!r}").format(name=self.sheet))
        if self.row is not None:
            parts.append(_("row {n}").format(n=self.row))
        if self.column:
            parts.append(_("column {letter}").format(letter=self.column))
        return ", ".join(parts)

    def text(self, within_sheet: bool = False) -> str:
        """The problem where it is, as the officer reads it."""
        where = self.where(within_sheet)
        if within_sheet:  # it opens the line: "Row 5, column C: …"
            where = where[:1].upper() + where[1:]
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.text()

    def as_json(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


class InputError(SaigaError):
    """An input file was refused. ``problems`` locate every reason."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])


@dataclass
class Progress:
    """Progress callback with cancellation for long work (no Qt).

    ``report(done, total, text)`` returns nothing; it raises CancelledError when ``cancel()`` was called.
    """

    callback: object = None
    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True

    def check(self) -> None:
        if self.cancelled:
            raise CancelledError("Cancelled; nothing was changed.")

    def report(self, done: int, total: int | None = None, text: str = "") -> None:
        self.check()
        if callable(self.callback):
            self.callback(done, total, text)
