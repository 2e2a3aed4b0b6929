"""Files the Secretariat gives and gets: an input is a regular file; an output is written so that it is
never half written.

The one way every output (a workbook, a report, a draft, a backup) is written: refused plainly when its folder is missing or it is not a regular
file (a folder, a device, a pipe: outputs go to regular files only); written under a temporary name
beside it, synced, given the permissions an ordinary new file gets (the umask, or the mode of the file it
replaces), and moved into place only when complete. Any failure (a full disk included) removes the
temporary file, leaves the old file as it was, and is one sentence naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from saiga_desk.core.errors import SaigaError
from saiga_desk.core.failures import errno_words
from saiga_desk.i18n import _


def _read_umask() -> int:
    mask = os.umask(0o022)  # read once, at import (the main thread), never while workers run
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def new_file_mode() -> int:
    """The permissions of an ordinary new file here (0644 under the usual umask 022)."""
    return 0o666 & ~_UMASK


def reason(e: BaseException) -> str:
    """Why the system refused, in words: a full disk, a read-only disk, permission..."""
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    found = errno_words(getattr(inner, "errno", None))
    if found:
        return found
    return (getattr(inner, "strerror", None) or str(inner) or type(inner).__name__).rstrip(".")


def cannot_write(path, e: BaseException) -> SaigaError:
    return SaigaError(
        _("Cannot write {path}: {reason}; nothing was written.").format(path=path, reason=reason(e))
    )


def check_input(path) -> Path:
    """Refuse (SaigaError), before opening it, a file to read that is a device or a pipe (reading one
    would wait for ever); a missing file is left to the reader, which names it."""
    path = Path(path)
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeError as e:  # the spreadsheet readers take UTF-8 names only
        raise SaigaError(
            _("Cannot read {path}: the file name is not valid UTF-8; rename the file and try again.").format(
                path=ascii(os.fspath(path))[1:-1]
            )
        ) from e
    try:
        mode = path.stat().st_mode
    except OSError:
        return path
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise SaigaError(
            _("Cannot read {path}: it is a device or a pipe, not a regular file; give a file.").format(path=path)
        )
    return path


def check_output(path) -> Path:
    """Refuse (SaigaError) an output path that cannot be a regular file: its folder is missing, or it is
    a folder, a device or a pipe."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(path=path, folder=folder)
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    except OSError as e:
        raise cannot_write(path, e) from e
    if stat.S_ISDIR(mode):
        raise SaigaError(_("Cannot write {path}: it is a folder; give a file name.").format(path=path))
    if not stat.S_ISREG(mode):
        raise SaigaError(
            _("Cannot write {path}: it is a device or a pipe, not a regular file; give a file name.").format(
                path=path
            )
        )
    return path


def temporary_beside(path, suffix: str = ".part") -> Path:
    """An empty temporary file in the target's folder (so the final move is atomic)."""
    path = check_output(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    except PermissionError as e:
        raise SaigaError(
            _("Cannot write {path}: the folder {folder} is read-only or you may not write there.").format(
                path=path, folder=folder
            )
        ) from e
    except OSError as e:
        raise cannot_write(path, e) from e
    os.close(fd)
    return Path(tmp)


def put_in_place(tmp: Path, path) -> None:
    """Sync ``tmp``, give it the target's permissions, and move it over ``path`` (the final step)."""
    path = Path(path)
    try:
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    except OSError as e:
        raise cannot_write(path, e) from e
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else new_file_mode()
        os.chmod(tmp, mode)
    except OSError:
        pass  # a file system without permissions (FAT): the file is written all the same
    check_output(path)  # nothing became a device or a folder meanwhile
    try:
        os.replace(tmp, path)
    except PermissionError as e:  # Windows: the target is open in another program
        raise SaigaError(
            _("Cannot replace {path}: the file is open in another program or read-only. "
              "Close it and try again.").format(path=path)
        ) from e  # fmt: skip
    except OSError as e:
        raise cannot_write(path, e) from e


def discard(tmp) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()


def output_folder(path) -> Path:
    """A folder to write several outputs into, made when missing; refused plainly when the name is a file."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as e:
        raise SaigaError(
            _("Cannot write into {folder}: it is a file, not a folder; give a folder.").format(folder=folder)
        ) from e
    except OSError as e:
        raise cannot_write(folder, e) from e
    return folder


@contextlib.contextmanager
def atomic_output(path, suffix: str = ".part") -> Iterator[Path]:
    """``with atomic_output(path) as tmp:`` write ``tmp``; it becomes ``path`` when the block succeeds.

    Any exception removes ``tmp`` and leaves ``path`` as it was; an OSError (a full disk) becomes one
    sentence naming ``path``."""
    tmp = temporary_beside(path, suffix)
    try:
        yield tmp
        put_in_place(tmp, path)
    except OSError as e:
        discard(tmp)
        raise cannot_write(path, e) from e
    except BaseException:
        discard(tmp)
        raise
