"""Data preferences kept in the database (the ``setting`` table, one JSON value per key), declared once.

Shared by everyone using the database, unlike the window state kept in QSettings (``ui/window_settings.py``).
Every key is a ``Preference`` below, with its type, its default and how a stored value is read back (as
Picard's ``config.py`` declares its options); code reads and writes a preference only through it:
``REPORT_LANGUAGE.get(db)``, ``LETTERHEAD.set(db, {...})``, or ``.read(session)`` inside a unit of work.
Every change is audited (entity ``setting``, the key as summary, ``{key: [old, new]}``) under the actor of
the unit of work that writes it — all but the column mappings an import remembers by itself.

- ``letterhead``: ``{"organization", "secretariat", "address", "email", "phone", "website"}`` used by reports,
  and for letters ``signatory_name``, ``signatory_title``, ``reference`` (prefix) and ``emblem`` (an image file);
- ``report_language``: ``"en"`` or ``"ru"``, the default language of printed documents;
- ``backup_policy``: ``{"enabled": bool, "keep_days": int}`` (see :mod:`saiga_desk.core.backups`);
- ``document_symbol_base``: the base of meeting document symbols (``UNEP/CMS/Saiga``);
- ``import.mapping.KIND.HASH``: a remembered column mapping of an import (``IMPORT_MAPPINGS``, one key per
  header layout).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from saiga_desk.core import models as m
from saiga_desk.core.derived import audit_entry
from saiga_desk.core.errors import ValidationError
from saiga_desk.core.preference_values import check_emblem, check_text, read_text, require_text
from saiga_desk.i18n import _

T = TypeVar("T")
_MISSING = object()


def _decode(raw: str | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw  # a plain string written by hand: give it back as it is


def _encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _stored(session, key: str) -> Any:
    row = session.get(m.Setting, key)
    return _decode(row.value if row is not None else None)


SETTING_ENTITY = "setting"  # the audit entries of preferences: entity "setting", id 0, the key as summary


def _store(session, key: str, value: Any) -> None:
    """Store (or, for None, remove) one key, audited old -> new under the unit of work's actor."""
    row = session.get(m.Setting, key)
    old = _decode(row.value if row is not None else None)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(m.Setting(key=key, value=_encode(value)))
    else:
        row.value = _encode(value)
    if old == value or key.startswith(IMPORT_MAPPINGS):  # a mapping an import remembers by itself: no entry
        return
    action = "create" if old is None else "delete" if value is None else "update"
    actor = session.info.get("actor") or ""
    session.add(m.AuditEntry(**audit_entry(actor, action, SETTING_ENTITY, 0, {key: (old, value)}, key)))


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One declared key: its type, its default, how a stored value is read (``read``: anything -> a valid
    T, never raising) and how a new value is checked (``check``: value -> T, ValidationError when wrong)."""

    key: str
    type: type
    default: T
    read_value: Callable[[Any], T]
    check: Callable[[Any], T] = field(default=lambda value: value)

    def read(self, session) -> T:
        """The value inside an open session (a unit of work)."""
        stored = _stored(session, self.key)
        return copy.deepcopy(self.default) if stored is None else self.read_value(stored)

    def get(self, db) -> T:
        with db.session() as s:
            return self.read(s)

    def set(self, db, value: Any) -> T:
        with db.transaction() as tx:
            return self.write(tx.session, value)

    def write(self, session, value: Any) -> T:
        """Check and store ``value`` inside an open session (a unit of work)."""
        checked = self.check(value)
        _store(session, self.key, checked)
        return checked


# --------------------------------------------------------------------------------------- the letterhead
LETTERHEAD_FIELDS = ("organization", "secretariat", "address", "email", "phone", "website",
                     "organization_ru", "address_ru")  # the Russian letterhead (the English one when empty)


def _read_letterhead(stored: Any) -> dict[str, str]:
    stored = stored if isinstance(stored, dict) else {}
    return {f: str(stored.get(f) or "") for f in LETTERHEAD_FIELDS} | {
        k: v for k, v in stored.items() if k not in LETTERHEAD_FIELDS
    }


def _check_letterhead(values: Any) -> dict[str, str]:
    if not isinstance(values, dict):
        raise ValidationError({"letterhead": _("The letterhead is a set of named fields.")})
    for f in LETTERHEAD_FIELDS:
        require_text(f"letterhead {f}", values.get(f))
    current = _read_letterhead(values)
    for f in LETTERHEAD_FIELDS:
        current[f] = (current[f] or "").strip()
    email = current.get("email", "")
    if email and ("@" not in email or " " in email):
        raise ValidationError({"email": _("{value} is not an email address.").format(value=email)})
    return current


LETTERHEAD: Preference[dict] = Preference(
    "letterhead", dict, {f: "" for f in LETTERHEAD_FIELDS}, _read_letterhead, _check_letterhead
)


# ---------------------------------------------------------------------------- who signs the letters
SIGNATORY_NAME: Preference[str] = Preference("letter_signatory_name", str, "", read_text, check_text)
SIGNATORY_TITLE: Preference[str] = Preference("letter_signatory_title", str, "", read_text, check_text)
#: the same in Russian, for the letters written in Russian (the English ones when empty)
SIGNATORY_NAME_RU: Preference[str] = Preference("letter_signatory_name_ru", str, "", read_text, check_text)
SIGNATORY_TITLE_RU: Preference[str] = Preference("letter_signatory_title_ru", str, "", read_text, check_text)
#: the prefix of the Secretariat's reference numbers of letters (``CMS/Saiga/NCP`` when none is set)
LETTER_REFERENCE: Preference[str] = Preference("letter_reference", str, "", read_text, check_text)
#: the Secretariat's emblem on the masthead and the letterhead (none is shipped)
EMBLEM: Preference[str] = Preference("emblem", str, "", read_text, check_emblem)
#: the letterhead's letter fields (shown and saved with it) -> their declarations
LETTER_FIELDS: dict[str, Preference[str]] = {
    "signatory_name": SIGNATORY_NAME,
    "signatory_title": SIGNATORY_TITLE,
    "signatory_name_ru": SIGNATORY_NAME_RU,
    "signatory_title_ru": SIGNATORY_TITLE_RU,
    "reference": LETTER_REFERENCE,
    "emblem": EMBLEM,
}

# ------------------------------------------------------------------------------------ report language
REPORT_LANGUAGES = ("en", "ru")


def _check_language(language: Any) -> str:
    if language not in REPORT_LANGUAGES:
        raise ValidationError(
            {"report_language": _("{value} is not a report language (en or ru).").format(value=language)}
        )
    return language


REPORT_LANGUAGE: Preference[str] = Preference(
    "report_language", str, "en", lambda v: v if v in REPORT_LANGUAGES else "en", _check_language
)

# -------------------------------------------------------------------------------------- backup policy
DEFAULT_BACKUP_POLICY = {"enabled": True, "keep_days": 30}


def _read_policy(stored: Any) -> dict:
    policy = dict(DEFAULT_BACKUP_POLICY)
    if isinstance(stored, dict):
        if "enabled" in stored:
            policy["enabled"] = bool(stored["enabled"])
        try:
            policy["keep_days"] = max(1, int(stored.get("keep_days", policy["keep_days"])))
        except (TypeError, ValueError):
            pass
    return policy


def _check_policy(value: Any) -> dict:
    if not isinstance(value, dict):
        raise ValidationError({"backup_policy": _("The backup policy is a set of named fields.")})
    enabled = value.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValidationError(
            {"enabled": _("must be true or false")},
            _("backup_policy enabled must be true or false, not {value}.").format(value=json.dumps(enabled)),
        )
    policy = _read_policy({"enabled": enabled})
    keep_days = value.get("keep_days", DEFAULT_BACKUP_POLICY["keep_days"])
    days = keep_days if isinstance(keep_days, int) and not isinstance(keep_days, bool) else 0
    if days < 1:
        raise ValidationError(
            {
                "keep_days": _("Backups must be kept for at least one day (got {value}).").format(
                    value=keep_days
                )
            }
        )
    return policy | {"keep_days": days}


BACKUP_POLICY: Preference[dict] = Preference(
    "backup_policy", dict, dict(DEFAULT_BACKUP_POLICY), _read_policy, _check_policy
)

# ------------------------------------------------------------------------------- document symbol base
DEFAULT_SYMBOL_BASE = "UNEP/CMS/Saiga"


def _read_symbol_base(stored: Any) -> str:
    if isinstance(stored, str) and stored.strip():
        return stored.strip().rstrip("/")
    return DEFAULT_SYMBOL_BASE


SYMBOL_BASE: Preference[str] = Preference(
    "document_symbol_base", str, DEFAULT_SYMBOL_BASE, _read_symbol_base, _read_symbol_base
)

# ------------------------------------------------------------------------- remembered import mappings
IMPORT_MAPPINGS = "import.mapping."  # + KIND.HASH (io/headers.mapping_key): {"mapping", "header_row"}


def _read_mapping(stored: Any) -> dict | None:
    return stored if isinstance(stored, dict) else None


def import_mapping(key: str) -> Preference[dict | None]:
    """The remembered mapping of one header layout (``key`` from ``io.headers.mapping_key``)."""
    if not key.startswith(IMPORT_MAPPINGS):
        raise ValueError(key)
    return Preference(key, dict, None, _read_mapping, _read_mapping)


# ------------------------------------------------------------------------------------------------ mail
# how messages go out (core/mail_settings.py types and checks it; never a password: that is in the keyring)
MAIL: Preference[dict] = Preference("mail", dict, {}, lambda v: v if isinstance(v, dict) else {})

# ---------------------------------------------------------------------------- contact points to re-confirm
DEFAULT_RECONFIRM_MONTHS = 12


def _read_months(stored: Any) -> int:
    try:
        return max(1, int(stored))
    except (TypeError, ValueError):
        return DEFAULT_RECONFIRM_MONTHS


def _check_months(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= 240:
        raise ValidationError(
            {"reconfirm_months": _("Give a number of months from 1 to 240 (got {value}).").format(value=value)}
        )
    return n


RECONFIRM_MONTHS: Preference[int] = Preference(
    "reconfirm_months", int, DEFAULT_RECONFIRM_MONTHS, _read_months, _check_months
)

# ------------------------------------------------------------------- the day the MOU came into effect
def _read_day(stored: Any) -> str:
    """An ISO date, or "" when none is stored (or what is stored is not a date)."""
    try:
        return dt.date.fromisoformat(str(stored)).isoformat() if stored else ""
    except ValueError:
        return ""


def _check_day(value: Any) -> str:
    day = _read_day(value)
    if not day:
        raise ValidationError({"mou_effective_on": _("{value} is not a date: write it as YYYY-MM-DD.").format(
            value=value)})  # fmt: skip
    return day


MOU_EFFECTIVE_ON: Preference[str] = Preference("mou_effective_on", str, "", _read_day, _check_day)

PREFERENCES: dict[str, Preference] = {
    p.key: p
    for p in (
        LETTERHEAD,
        REPORT_LANGUAGE,
        BACKUP_POLICY,
        SYMBOL_BASE,
        MAIL,
        RECONFIRM_MONTHS,
        MOU_EFFECTIVE_ON,
    )
} | {p.key: p for p in LETTER_FIELDS.values()}
#: what ``get`` returns for a known key that was never stored (when no default is given)
DEFAULTS: dict[str, Any] = {key: p.default for key, p in PREFERENCES.items()}


# ------------------------------------------------------------------ any key (the command line's settings)
def get(db, key: str, default: Any = _MISSING) -> Any:
    """The stored value of ``key`` (decoded JSON), else ``default`` (else the declared default, else None)."""
    with db.session() as s:
        stored = _stored(s, key)
    if stored is not None:
        return stored
    if default is not _MISSING:
        return default
    return copy.deepcopy(DEFAULTS.get(key))


def put(db, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``, checked when the key is declared; ``None``
    removes the key."""
    key = str(key).strip()
    if not key:
        raise ValidationError({"key": _("A setting needs a name.")})
    if key in PREFERENCES and value is not None:
        value = PREFERENCES[key].check(value)
    with db.transaction() as tx:
        _store(tx.session, key, value)


def keys(db) -> list[str]:
    with db.session() as s:
        return sorted(k for (k,) in s.query(m.Setting.key))


# --------------------------------------------------------------- the typed preferences, as functions
def letterhead(db) -> dict[str, str]:
    """The letterhead with its letter fields (signatory name and title, reference prefix, emblem)."""
    with db.session() as s:
        head = LETTERHEAD.read(s)
        return head | {name: p.read(s) for name, p in LETTER_FIELDS.items()}


def set_letterhead(db, values: dict[str, str]) -> None:
    """Store the letterhead and its letter fields given in ``values``, all checked before any is stored."""
    current = letterhead(db)
    current.update({f: values[f] or "" for f in LETTERHEAD_FIELDS if f in values})
    head = LETTERHEAD.check({k: v for k, v in current.items() if k not in LETTER_FIELDS})
    letter = {name: p.check(values[name]) for name, p in LETTER_FIELDS.items() if name in values}
    with db.transaction() as tx:
        _store(tx.session, LETTERHEAD.key, head)
        for name, value in letter.items():
            _store(tx.session, LETTER_FIELDS[name].key, value or None)


def report_language(db) -> str:
    return REPORT_LANGUAGE.get(db)


def set_report_language(db, language: str) -> None:
    REPORT_LANGUAGE.set(db, language)


def backup_policy(db) -> dict:
    return BACKUP_POLICY.get(db)


def set_backup_policy(db, *, enabled: bool | None = None, keep_days: int | None = None) -> dict:
    policy = backup_policy(db)
    if enabled is not None:
        policy["enabled"] = enabled  # checked (true or false) with the rest of the policy
    if keep_days is not None:
        policy["keep_days"] = keep_days
    return BACKUP_POLICY.set(db, policy)
