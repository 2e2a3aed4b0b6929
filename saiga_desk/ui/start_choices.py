"""The choices of this computer applied at start-up: the data folder and the language of the interface.

Both are chosen in Edit > Settings and kept in the user's QSettings INI file (``ui/window_settings.py``:
``DATA_FOLDER``, ``UI_LANGUAGE``). ``apply_data_folder_choice()`` runs before anything reads
``paths.data_dir()`` (the GUI entry calls it first); ``apply_ui_language_choice()`` once the QApplication
exists and before any window is built, unless SAIGA_DESK_LANGUAGE is set.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from saiga_desk.i18n import _, set_language
from saiga_desk.ui.window_settings import DATA_FOLDER, UI_LANGUAGE

LANGUAGES = (("en", "English"), ("ru", "Русский"))


# ------------------------------------------------------------------------------- data folder choice
def chosen_data_folder() -> str:
    return DATA_FOLDER.get()


def set_chosen_data_folder(folder: str | None) -> None:
    if folder:
        DATA_FOLDER.set(str(folder))
    else:
        DATA_FOLDER.remove()


def apply_data_folder_choice() -> str | None:
    """At start-up: use the folder chosen in Settings unless SAIGA_DESK_DATA_DIR is already set.
    Returns the folder applied, if any."""
    if os.environ.get("SAIGA_DESK_DATA_DIR"):
        return None
    folder = chosen_data_folder()
    if folder and Path(folder).is_dir():
        os.environ["SAIGA_DESK_DATA_DIR"] = folder
        return folder
    return None


# -------------------------------------------------------------------------- interface language choice
def chosen_ui_language() -> str:
    """The language of the interface chosen in Settings ("en", "ru"), or "" when none was chosen."""
    value = UI_LANGUAGE.get()
    return value if value in dict(LANGUAGES) else ""


def set_chosen_ui_language(language: str | None) -> None:
    if language:
        UI_LANGUAGE.set(str(language))
    else:
        UI_LANGUAGE.remove()


def apply_ui_language_choice() -> str | None:
    """At start-up, once the QApplication exists and before any window is built: switch the catalogue to the
    language chosen in Settings unless SAIGA_DESK_LANGUAGE is set. Returns the language applied, if any."""
    language = None if os.environ.get("SAIGA_DESK_LANGUAGE") else chosen_ui_language() or None
    if language:
        set_language(language)
    install_qt_translator(current_ui_language())
    return language


_qt_translators: list = []


def install_qt_translator(language: str) -> bool:
    """Qt's own words (OK/Cancel buttons, context menus of text fields) in the interface language."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if language == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _qt_translators.append(translator)
    return True


def current_ui_language() -> str:
    """The language the interface shows now (what a fresh start would show, when nothing is chosen)."""
    return "ru" if _("&File") != "&File" else "en"
