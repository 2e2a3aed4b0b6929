"""Field checks with plain-language messages (no I/O, no Qt)."""

from __future__ import annotations

import datetime as dt
import re

from saiga_desk.i18n import _

# Local part: the dot-atom of RFC 5322 plus UTF-8 (RFC 6531); domain: labels of letters, digits and
# hyphens in any script (internationalized domain names), with a top-level label of 2+ letters.
_LOCAL = re.compile(r"^[^\s@\"(),:;<>\[\\\]]+$")
_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$", re.UNICODE)
# The everyday ASCII address, decided by one match (imports check 100,000 of them).
_PLAIN = re.compile(
    r"^(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$"
)


PLAIN_EMAIL = _PLAIN  # public: bulk checks (imports) use the same one-match test


def email_problem(value: str | None) -> str | None:
    """None when ``value`` is a valid address (internationalized ones included), else why not."""
    if value is None or value == "":
        return None
    s = value
    if _PLAIN.match(s):
        return None
    if s != s.strip():
        return _("The email address has spaces around it.")
    if s.count("@") != 1:
        return _("An email address needs exactly one @.")
    local, domain = s.split("@")
    if (
        not local
        or len(local) > 64
        or not _LOCAL.match(local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        return _("The part before @ is not valid in an email address.")
    if domain.endswith("."):
        domain = domain[:-1]
    labels = domain.split(".")
    if len(labels) < 2 or any(not _LABEL.match(label) or "_" in label for label in labels):
        return _("The domain after @ is not valid in an email address.")
    tld = labels[-1]
    if not (tld.isalpha() and len(tld) >= 2) and not tld.lower().startswith("xn--"):
        return _("The domain after @ is not valid in an email address.")
    return None


def is_valid_email(value: str | None) -> bool:
    return email_problem(value) is None


def parse_iso_date(value) -> dt.date | None:
    """A date from a date, a datetime or an ISO ``YYYY-MM-DD`` string; ValueError with a message otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                _("{value!r} is not a date (expected YYYY-MM-DD).").format(value=value)
            ) from None
    raise ValueError(_("{value!r} is not a date.").format(value=value))
