"""gettext for every user-visible string.

Use ``from saiga_desk.i18n import _``. The catalogue lives in resources/translations
(domain ``saiga_desk``); without one the English text is returned unchanged.
"""

from __future__ import annotations

import gettext
import os

from saiga_desk.paths import resource_path

DOMAIN = "saiga_desk"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Switch the catalogue (``"en"``, ``"ru"``); unknown languages fall back to English."""
    global _translation
    langs = [language] if language else None
    _translation = gettext.translation(
        DOMAIN, localedir=str(resource_path("translations")), languages=langs, fallback=True
    )


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


set_language(os.environ.get("SAIGA_DESK_LANGUAGE"))
