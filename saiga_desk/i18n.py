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
_language = "en"


def set_language(language: str | None) -> None:
    """Switch the catalogue (``"en"``, ``"ru"``); English unless a language is chosen (the system
    locale does not switch it: the officer chooses in Settings or with SAIGA_DESK_LANGUAGE)."""
    global _translation, _language
    _language = (language or "en").split("_")[0].split(".")[0].lower()
    langs = [_language]
    _translation = gettext.translation(
        DOMAIN, localedir=str(resource_path("translations")), languages=langs, fallback=True
    )


def current_language() -> str:
    """"en" or "ru": the language the interface speaks now (listings format dates in it)."""
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def number(n) -> str:
    """A number as the interface's language writes it: "50,006" in English, "50 006" in Russian
    (a no-break space between the thousands)."""
    text = f"{n:,}"
    return text.translate({ord(","): "\u00a0", ord("."): ","}) if _language == "ru" else text


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


set_language(os.environ.get("SAIGA_DESK_LANGUAGE"))
