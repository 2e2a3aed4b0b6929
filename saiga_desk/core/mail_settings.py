"""How messages go out, kept in the database preferences (key ``mail``): never a password.

The way out is ``smtp`` (host, port, security, user, sender address, a pause between messages) or
``drafts`` (one ``.eml`` file per message in a folder the officer chose). The SMTP password lives in the
operating system's keyring only (``saiga_desk.io.mail_credentials``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from saiga_desk.core import preferences
from saiga_desk.core.errors import ValidationError
from saiga_desk.i18n import _

METHODS = ("smtp", "drafts")
SECURITIES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class MailSettings:
    method: str = "drafts"
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""  # the From address
    drafts_folder: str = ""
    pause: float = 2.0  # seconds between two messages
    retries: int = 2  # further tries of a message the server refused for now (4xx)

    def as_dict(self) -> dict:
        return asdict(self)


def _problems(s: MailSettings) -> dict[str, str]:
    problems = {}
    if s.method not in METHODS:
        problems["method"] = _("must be one of: {choices}").format(choices=", ".join(METHODS))
    if s.security not in SECURITIES:
        problems["security"] = _("must be one of: {choices}").format(choices=", ".join(SECURITIES))
    if not 0 < s.port < 65536:
        problems["port"] = _("{value} is not a port number (1 to 65535).").format(value=s.port)
    if s.sender and ("@" not in s.sender or " " in s.sender.strip()):
        problems["sender"] = _("{value} is not an email address.").format(value=s.sender)
    if s.pause < 0 or s.pause > 600:
        problems["pause"] = _("The pause between messages must be between 0 and 600 seconds.")
    if not 0 <= s.retries <= 10:
        problems["retries"] = _("Retries must be between 0 and 10.")
    return problems


def _typed(values: dict) -> MailSettings:
    base = MailSettings()
    out = {}
    for key, default in asdict(base).items():
        if key not in values or values[key] is None:
            continue
        value = values[key]
        try:
            out[key] = type(default)(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise ValidationError({key: _("{value} is not valid here.").format(value=value)}) from None
    return replace(base, **out)


def mail_settings(db) -> MailSettings:
    """The stored mail settings (defaults for anything never stored)."""
    stored = preferences.MAIL.get(db)
    if not isinstance(stored, dict):
        stored = {}
    try:
        return _typed({k: v for k, v in stored.items() if k != "password"})
    except ValidationError:
        return MailSettings()


def set_mail_settings(db, **values) -> MailSettings:
    """Change some mail settings; a password is refused here (it belongs in the keyring)."""
    if "password" in values:
        raise ValidationError({"password": _("The password is kept in the system keyring, not here.")})
    unknown = set(values) - set(asdict(MailSettings()))
    if unknown:
        raise ValidationError({k: _("unknown field") for k in sorted(unknown)})
    new = _typed(mail_settings(db).as_dict() | values)
    problems = _problems(new)
    if problems:
        raise ValidationError(problems)
    preferences.MAIL.set(db, new.as_dict())
    return new
