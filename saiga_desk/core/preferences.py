"""Data preferences kept in the database (the ``setting`` table, one JSON value per key).

Shared by everyone using the database, unlike the window state kept in QSettings:

- ``letterhead``: ``{"organization", "secretariat", "address", "email", "phone", "website"}`` used by reports,
  and for letters ``signatory_name``, ``signatory_title``, ``reference`` (prefix) and ``emblem`` (an image file);
- ``report_language``: ``"en"`` or ``"ru"``, the default language of printed documents;
- ``backup_policy``: ``{"enabled": bool, "keep_days": int}`` (see :mod:`saiga_desk.core.backups`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from saiga_desk.core import models as m
from saiga_desk.core.errors import ValidationError
from saiga_desk.i18n import _

LETTERHEAD = "letterhead"
REPORT_LANGUAGE = "report_language"
BACKUP_POLICY = "backup_policy"

LETTERHEAD_FIELDS = ("organization", "secretariat", "address", "email", "phone", "website")
#: further letterhead keys: who signs the letters, the prefix of their reference numbers, the emblem image
LETTER_FIELDS = ("signatory_name", "signatory_title", "reference", "emblem")
EMBLEM_TYPES = (".png", ".jpg", ".jpeg", ".svg")
REPORT_LANGUAGES = ("en", "ru")
DEFAULT_BACKUP_POLICY = {"enabled": True, "keep_days": 30}

#: what ``get`` returns for a known key that was never stored (when no default is given)
DEFAULTS: dict[str, Any] = {
    LETTERHEAD: {f: "" for f in LETTERHEAD_FIELDS},
    REPORT_LANGUAGE: "en",
    BACKUP_POLICY: DEFAULT_BACKUP_POLICY,
}

_MISSING = object()


def get(db, key: str, default: Any = _MISSING) -> Any:
    """The stored value of ``key`` (decoded JSON), else ``default`` (else the built-in default, else None)."""
    with db.session() as s:
        row = s.get(m.Setting, key)
        raw = row.value if row is not None else None
    if raw is not None:
        try:
            return json.loads(raw)
        except ValueError:
            return raw  # a plain string written by hand: give it back as it is
    if default is not _MISSING:
        return default
    return copy.deepcopy(DEFAULTS.get(key))


def put(db, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``; ``None`` removes the key."""
    key = str(key).strip()
    if not key:
        raise ValidationError({"key": _("A setting needs a name.")})
    encoded = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
    with db.session() as s:
        row = s.get(m.Setting, key)
        if encoded is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            s.add(m.Setting(key=key, value=encoded))
        else:
            row.value = encoded


def keys(db) -> list[str]:
    with db.session() as s:
        return sorted(k for (k,) in s.query(m.Setting.key))


# ------------------------------------------------------------------ typed helpers
def letterhead(db) -> dict[str, str]:
    stored = get(db, LETTERHEAD, {}) or {}
    if not isinstance(stored, dict):
        stored = {}
    return {f: str(stored.get(f) or "") for f in LETTERHEAD_FIELDS} | {
        k: v for k, v in stored.items() if k not in LETTERHEAD_FIELDS
    }


def set_letterhead(db, values: dict[str, str]) -> None:
    current = letterhead(db)
    for f in LETTERHEAD_FIELDS + LETTER_FIELDS:
        if f in values:
            current[f] = (values[f] or "").strip()
    emblem = current.get("emblem", "")
    if emblem and (
        not Path(emblem).expanduser().is_file() or Path(emblem).suffix.lower() not in EMBLEM_TYPES
    ):
        raise ValidationError(
            {"emblem": _("{value} is not a PNG, JPEG or SVG image file.").format(value=emblem)}
        )
    email = current.get("email", "")
    if email and ("@" not in email or " " in email):
        raise ValidationError({"email": _("{value} is not an email address.").format(value=email)})
    put(db, LETTERHEAD, current)


def report_language(db) -> str:
    lang = get(db, REPORT_LANGUAGE, "en")
    return lang if lang in REPORT_LANGUAGES else "en"


def set_report_language(db, language: str) -> None:
    if language not in REPORT_LANGUAGES:
        raise ValidationError(
            {"report_language": _("{value} is not a report language (en or ru).").format(value=language)}
        )
    put(db, REPORT_LANGUAGE, language)


def backup_policy(db) -> dict:
    stored = get(db, BACKUP_POLICY, {}) or {}
    policy = dict(DEFAULT_BACKUP_POLICY)
    if isinstance(stored, dict):
        if "enabled" in stored:
            policy["enabled"] = bool(stored["enabled"])
        try:
            policy["keep_days"] = max(1, int(stored.get("keep_days", policy["keep_days"])))
        except (TypeError, ValueError):
            pass
    return policy


def set_backup_policy(db, *, enabled: bool | None = None, keep_days: int | None = None) -> dict:
    policy = backup_policy(db)
    if enabled is not None:
        policy["enabled"] = bool(enabled)
    if keep_days is not None:
        try:
            days = int(keep_days)
        except (TypeError, ValueError):
            days = 0
        if days < 1:
            raise ValidationError(
                {
                    "keep_days": _("Backups must be kept for at least one day (got {value}).").format(
                        value=keep_days
                    )
                }
            )
        policy["keep_days"] = days
    put(db, BACKUP_POLICY, policy)
    return policy
