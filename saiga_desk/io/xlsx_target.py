"""The target file of an export: refused plainly when it is open in Excel or LibreOffice or read-only; the
rest (folder missing, not a regular file, written beside it, synced, moved into place only at the end) is
``core.output_files``, the one way every output is written."""

from __future__ import annotations

import os
from pathlib import Path

from saiga_desk.core.database import current_actor
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import check_output, put_in_place, reason, temporary_beside
from saiga_desk.i18n import _

__all__ = ["default_author", "lock_file_of", "move_into_place", "prepare_target", "reason"]


def default_author() -> str:
    return current_actor()


def lock_file_of(path: Path) -> Path | None:
    """The lock file LibreOffice (``.~lock.NAME#``) or Excel (``~$NAME``) keeps beside an open file."""
    names = (f".~lock.{path.name}#", "~$" + path.name)  # Windows also refuses the replace itself
    for name in names:
        candidate = path.with_name(name)
        if candidate.name != path.name and candidate.exists():
            return candidate
    return None


def prepare_target(path: Path) -> Path:
    check_output(path)
    if path.exists():
        if lock_file_of(path) is not None:
            raise SaigaError(
                _(
                    "Cannot write {path}: the file is open in another program. Close it there and try again."
                ).format(path=path)
            )
        if not os.access(path, os.W_OK):
            raise SaigaError(_("Cannot write {path}: the file is read-only.").format(path=path))
    return temporary_beside(path, ".xlsx.part")


def move_into_place(tmp: Path, path: Path) -> None:
    put_in_place(tmp, path)
