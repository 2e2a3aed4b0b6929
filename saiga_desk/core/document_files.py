"""Files of meeting documents: a content-addressed store (named by SHA-256), attached to a document."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError, NotFoundError, Problem, SaigaError
from saiga_desk.core.services import Record
from saiga_desk.i18n import _
from saiga_desk.paths import document_store_dir


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _stored_name(file_hash: str, file_name: str | None) -> str:
    suffix = Path(file_name or "").suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        suffix = ""
    return f"{file_hash}{suffix}"


def store_file(path) -> tuple[str, str]:
    """Copy a file into the document store, named by its SHA-256; returns (file name, hash).

    Storing the same content again copies nothing. The original file is never modified.
    """
    src = Path(path)
    if not src.is_file():
        raise InputError(
            _("{path} cannot be attached: it is not a file that can be read.").format(path=src),
            [Problem(_("not found or not a file"), file=str(src))],
        )
    try:
        file_hash = _sha256(src)
    except OSError as e:
        raise InputError(
            _("{path} cannot be read: {reason}").format(path=src, reason=e.strerror or e),
            [Problem(str(e), file=str(src))],
        ) from e
    store = document_store_dir()
    dest = store / _stored_name(file_hash, src.name)
    if not dest.exists() or _sha256(dest) != file_hash:
        fd, tmp = tempfile.mkstemp(dir=store, prefix=".incoming-")
        os.close(fd)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return src.name, file_hash


def attach_file(db, document_id: int, path) -> Record:
    """Copy a file into the document store (``store_file``) and record its name and hash on the document.

    Attaching the same content again changes nothing.
    """
    file_name, file_hash = store_file(path)
    with db.transaction() as tx:
        current = tx.get("documents", document_id)
        if current.file_hash == file_hash and current.file_name == file_name:
            return current
        return tx.update("documents", document_id, {"file_name": file_name, "file_hash": file_hash})


def document_file_path(db, document_id: int) -> Path | None:
    """Where the document's stored file is (None when it has no file); SaigaError when it went missing."""
    with db.session() as s:
        doc = s.get(m.MeetingDocument, document_id)
        if doc is None:
            raise NotFoundError(
                _("No document #{id}: it may have been deleted meanwhile.").format(id=document_id)
            )
        if not doc.file_hash:
            return None
        name, file_hash, symbol = doc.file_name, doc.file_hash, doc.symbol
    path = document_store_dir() / _stored_name(file_hash, name)
    if not path.is_file():
        raise SaigaError(
            _(
                "The file of {symbol} ({name}) is missing from the document store {store}; attach it again."
            ).format(symbol=symbol, name=name, store=document_store_dir())
        )
    return path


__all__ = ["store_file", "attach_file", "document_file_path"]
