"""The target file of an export: refused plainly when its folder is missing, it is read-only or open in
Excel or LibreOffice; written beside it under a temporary name, synced, and moved into place only at the end."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from saiga_desk.core.database import current_actor
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _


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
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(path=path, folder=folder)
        )
    if path.is_dir():
        raise SaigaError(_("Cannot write {path}: it is a folder.").format(path=path))
    if path.exists():
        if lock_file_of(path) is not None:
            raise SaigaError(
                _(
                    "Cannot write {path}: the file is open in another program. Close it there and try again."
                ).format(path=path)
            )
        if not os.access(path, os.W_OK):
            raise SaigaError(_("Cannot write {path}: the file is read-only.").format(path=path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.part", dir=folder)
    except PermissionError as e:
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} is read-only or you may not write there.").format(
                path=path, folder=folder
            )
        ) from e
    except OSError as e:
        raise SaigaError(_("Cannot write {path}: {reason}").format(path=path, reason=reason(e))) from e
    os.close(fd)
    return Path(tmp)


def fsync(path: Path) -> None:
    try:
        with open(path, "rb+") as f:
            os.fsync(f.fileno())
    except OSError:
        pass


def move_into_place(tmp: Path, path: Path) -> None:
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError:
        pass
    try:
        os.replace(tmp, path)
    except PermissionError as e:  # Windows: the target is open in Excel
        raise SaigaError(
            _("Cannot replace {path}: the file is open in another program or read-only. "
              "Close it and try again.").format(path=path)
        ) from e  # fmt: skip
    except OSError as e:
        raise SaigaError(_("Cannot write {path}: {reason}").format(path=path, reason=reason(e))) from e


def _read_umask() -> int:
    mask = os.umask(0o022)  # read once, at import (the main thread), never while workers run
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _umask() -> int:
    return _UMASK


def reason(e: BaseException) -> str:
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    return getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
