"""The Russian catalogue: it compiles, covers every string of the current code, keeps the placeholders, and the
application really speaks Russian with it (and English again afterwards)."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from saiga_desk.i18n import _, ngettext, set_language
from tests.ui.conftest import own_settings  # noqa: F401  (fixture used by the window test)

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
PO = TRANSLATIONS / "ru" / "LC_MESSAGES" / "saiga_desk.po"
MO = TRANSLATIONS / "ru" / "LC_MESSAGES" / "saiga_desk.mo"

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[#0 +-]*\d*(?:\.\d+)?[sdifrx]")


def _i18n_script():
    spec = importlib.util.spec_from_file_location("saiga_i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_po(path: Path) -> list[dict]:
    """Entries of a .po/.pot file as dicts: msgid, msgid_plural, msgstr / msgstr[n], flags (header left out)."""
    entries, current, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and "msgid" in current and current["msgid"]:
                entries.append(current)
            current, field = None, None
            continue
        current = current if current is not None else {"flags": ""}
        if line.startswith("#,"):
            current["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[field] += ast.literal_eval(line)
        else:
            field, _sep, text = line.partition(" ")
            current[field] = ast.literal_eval(text)
    return entries


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def outer_space(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


@pytest.fixture
def russian():
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


@pytest.fixture(scope="module")
def catalogue() -> gettext.GNUTranslations:
    """The compiled catalogue exactly as the application loads it."""
    with MO.open("rb") as f:
        return gettext.GNUTranslations(f)


def test_the_russian_catalogue_compiles_without_fuzzy_or_untranslated_entries(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "ru.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages" in result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_every_string_of_the_current_code_has_a_russian_translation(tmp_path, catalogue):
    """Re-extract the strings; this fails when someone adds a string without translating it (then run
    ``python scripts/i18n.py all`` and translate the new entries)."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    pot = _i18n_script().extract(tmp_path / "fresh.pot")
    fresh = read_po(pot)
    assert len(fresh) > 900  # the whole application, not an empty extraction
    untranslated = []
    for entry in fresh:
        msgid = entry["msgid"]
        if "msgid_plural" in entry:
            forms = [catalogue._catalog.get((msgid, i), "") for i in range(3)]
            if not all(forms):
                untranslated.append(msgid)
        elif not catalogue._catalog.get(msgid):
            untranslated.append(msgid)
    assert not untranslated, f"{len(untranslated)} strings lack a Russian translation: {untranslated[:10]}"


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    entries = read_po(PO)
    assert entries and all("fuzzy" not in e["flags"] for e in entries)
    for entry in entries:
        if "msgid_plural" in entry:
            assert catalogue._catalog[(entry["msgid"], 0)] == entry["msgstr[0]"]
        else:
            assert catalogue._catalog[entry["msgid"]] == entry["msgstr"], (
                "the .mo is stale: run scripts/i18n.py"
            )


def test_translations_keep_placeholders_accelerators_and_outer_spaces():
    problems = []
    for entry in read_po(PO):
        msgid = entry["msgid"]
        if "msgid_plural" in entry:  # every Russian form serves counts other than one (21, 31...)
            pairs = [(entry["msgid_plural"], entry[f"msgstr[{i}]"]) for i in range(3)]
        else:
            pairs = [(msgid, entry["msgstr"])]
        for source, translation in pairs:
            if set(placeholders(source)) != set(placeholders(translation)):
                problems.append(f"placeholders differ: {source!r} -> {translation!r}")
            if accelerators(source) != accelerators(translation):
                problems.append(f"accelerator lost or doubled: {source!r} -> {translation!r}")
            if outer_space(source) != outer_space(translation):
                problems.append(f"leading/trailing space or newline differs: {source!r} -> {translation!r}")
            if not translation.strip():
                problems.append(f"empty translation: {source!r}")
    assert not problems, "\n".join(problems[:20])


def test_placeholders_are_exactly_those_of_the_english_text():
    for entry in read_po(PO):
        if "msgid_plural" in entry:
            continue
        names = {p for p in placeholders(entry["msgid"]) if p.startswith("{")}
        assert {p for p in placeholders(entry["msgstr"]) if p.startswith("{")} == names, entry["msgid"]


def test_russian_is_used_when_chosen_and_english_comes_back(russian):
    assert _("Signatories") == "Подписавшие стороны"
    assert _("&File") == "&Файл"
    assert _("Contact points") == "Контактные лица"
    assert _("Range State") == "Государство ареала"
    assert _("Cooperating Organization") == "Сотрудничающая организация"
    assert _("Meeting of Signatories") == "Совещание Сторон, подписавших Меморандум"
    assert _("{n} rows").format(n=3) == "Строк: 3"
    one, few, many = (
        ngettext("Wrote {rows} row to {file}.", "Wrote {rows} rows to {file}.", n) for n in (1, 3, 5)
    )
    assert (one, few, many) == (
        "В {file} записана {rows} строка.",
        "В {file} записано {rows} строки.",
        "В {file} записано {rows} строк.",
    )
    assert ngettext("Wrote {rows} row to {file}.", "Wrote {rows} rows to {file}.", 21) == one
    assert ngettext("Wrote {rows} row to {file}.", "Wrote {rows} rows to {file}.", 11) == many
    set_language("en")
    assert _("Signatories") == "Signatories"
    assert _("&File") == "&File"


def test_choice_words_and_table_titles_follow_the_language(russian):
    from saiga_desk.core.choices import choice_label
    from saiga_desk.core.tables import table

    assert choice_label("head_of_delegation") == "Глава делегации"
    assert choice_label("signatory_state") == "Подписавшее государство"
    assert table("signatories").title == "Подписавшие стороны"
    labels = [c.title for c in table("contact-points").columns]
    assert "Компетентный орган" in labels


@pytest.mark.gui
def test_the_main_window_speaks_russian(qtbot, demo_db, own_settings, tmp_path, russian):  # noqa: F811
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    from tests.ui.conftest import open_window

    window = open_window(qtbot, demo_db)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Подписавшие стороны" in tabs
    assert "Контактные лица" in tabs
    assert "Совещания" in tabs
    assert not {"Signatories", "Contact points", "Meetings", "Projects"} & set(tabs)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Файл", "&Правка", "&Вид", "&Справка"]
    window.close()


@pytest.mark.gui
def test_the_settings_dialog_keeps_the_language_of_the_interface(qtbot, demo_db, tmp_path, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QComboBox

    from saiga_desk.ui import settings_dialog as sd

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.delenv("SAIGA_DESK_LANGUAGE", raising=False)
    try:
        dialog = sd.SettingsDialog(demo_db, None)
        qtbot.addWidget(dialog)
        combo = dialog.findChild(QComboBox, "field_ui_language")
        assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Русский"]
        combo.setCurrentIndex(combo.findData("ru"))
        assert dialog.save()
        assert sd.chosen_ui_language() == "ru"
        assert sd.apply_ui_language_choice() == "ru"
        assert _("Signatories") == "Подписавшие стороны"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"  # Qt's own buttons too
        monkeypatch.setenv("SAIGA_DESK_LANGUAGE", "en")  # the environment wins over the stored choice
        set_language("en")
        assert sd.apply_ui_language_choice() is None
        assert _("Signatories") == "Signatories"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        set_language("en")
        sd.install_qt_translator("en")
        sd.set_chosen_ui_language(None)


def test_where_a_problem_is_speaks_russian(russian):
    from saiga_desk.core.errors import Problem

    p = Problem("Адрес неверен.", "list.xlsx", "Лист1", 5, "C")
    assert str(p) == "list.xlsx, лист 'Лист1', строка 5, столбец C: Адрес неверен."
    assert p.text(within_sheet=True) == "Строка 5, столбец C: Адрес неверен."
    set_language("en")
    assert str(p) == "list.xlsx, sheet 'Лист1', row 5, column C: Адрес неверен."
