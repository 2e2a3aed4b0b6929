"""The checksum of a backup, written when the backup is made: ``<backup>.sha256`` beside it.

The file is in the format of ``sha256sum`` (``<64 hex digits>  <file name>``), so an administrator can
check a backup by hand with ``sha256sum -c NAME.sha256`` in its folder. A restore compares the backup with
it before anything else (``core/backup_checks.py``); a backup made before checksums were written has none
and is verified by its content only. Below ``core/database_copy.py``, which writes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

SUFFIX = ".sha256"
CHUNK = 1 << 20
_LINE = re.compile(r"^([0-9a-fA-F]{64})[ \t]+\*?(.*)$")


def checksum_path(backup: str | os.PathLike) -> Path:
    backup = Path(backup)
    return backup.with_name(backup.name + SUFFIX)


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def write_checksum(backup: str | os.PathLike, digest: str | None = None) -> Path:
    """Write ``<backup>.sha256`` (through a ``.part`` file, synced, then renamed); returns its path."""
    backup = Path(backup)
    digest = digest or sha256_of(backup)
    dest = checksum_path(backup)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(f"{digest}  {backup.name}\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return dest


def read_checksum(backup: str | os.PathLike) -> str | None:
    """The digest written for ``backup``; None when it has no checksum file; "" when the file is unreadable
    or not a checksum (which a restore refuses like a mismatch)."""
    path = checksum_path(backup)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""
    match = _LINE.match(text.strip())
    return match[1].lower() if match else ""


def remove_checksum(backup: str | os.PathLike) -> None:
    with contextlib.suppress(OSError):
        checksum_path(backup).unlink()
