"""The SMTP password: in the operating system's keyring (the ``keyring`` library), never in the database,
the settings file or the log. Scripts may give ``SAIGA_DESK_SMTP_USER`` / ``SAIGA_DESK_SMTP_PASSWORD``."""

from __future__ import annotations

import os

import keyring
from keyring.errors import KeyringError

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

SERVICE = "saiga-desk-smtp"
USER_ENV, PASSWORD_ENV = "SAIGA_DESK_SMTP_USER", "SAIGA_DESK_SMTP_PASSWORD"


def _account(user: str, host: str) -> str:
    return f"{user}@{host}"


def get_password(user: str, host: str) -> str | None:
    """The stored password of ``user`` on ``host`` (None when there is none or no keyring answers)."""
    try:
        return keyring.get_password(SERVICE, _account(user, host))
    except KeyringError:
        return None


def set_password(user: str, host: str, password: str | None) -> None:
    """Keep the password in the keyring (``None`` or "" removes it)."""
    try:
        if password:
            keyring.set_password(SERVICE, _account(user, host), password)
        elif keyring.get_password(SERVICE, _account(user, host)) is not None:
            keyring.delete_password(SERVICE, _account(user, host))
    except KeyringError as e:
        raise SaigaError(
            _("The system keyring refused to keep the password ({error}); nothing was stored.").format(
                error=type(e).__name__
            )
        ) from None


def credentials(user: str, host: str) -> tuple[str, str | None]:
    """(user, password) for sending: the environment's first, else Settings' user and the keyring."""
    env_user, env_password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if env_user:
        user = env_user
    if env_password:
        return user, env_password
    return user, (get_password(user, host) if user else None)
