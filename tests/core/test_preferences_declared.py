"""Database preferences are declared once (core/preferences.py): typed, defaulted, checked, read in a session."""

from __future__ import annotations

import pytest

from saiga_desk.core import preferences as prefs
from saiga_desk.core.errors import ValidationError


def test_every_declared_preference_has_its_default_until_stored(db):
    for key, pref in prefs.PREFERENCES.items():
        assert pref.key == key
        assert pref.get(db) == pref.default
        assert isinstance(pref.get(db), pref.type)
        assert prefs.get(db, key) == pref.default


def test_a_declared_preference_is_checked_when_written_through_any_door(db):
    with pytest.raises(ValidationError):
        prefs.put(db, prefs.REPORT_LANGUAGE.key, "fr")
    with pytest.raises(ValidationError):
        prefs.BACKUP_POLICY.set(db, {"keep_days": 0})
    assert prefs.REPORT_LANGUAGE.get(db) == "en" and prefs.BACKUP_POLICY.get(db)["keep_days"] == 30
    prefs.SYMBOL_BASE.set(db, "  UNEP/CMS/Saiga/ ")
    assert prefs.SYMBOL_BASE.get(db) == "UNEP/CMS/Saiga"
    prefs.put(db, "not_declared", {"free": 1})  # other keys stay free-form (the command line's settings set)
    assert prefs.get(db, "not_declared") == {"free": 1}


def test_read_and_write_inside_a_unit_of_work(db):
    with db.session() as s:
        prefs.LETTERHEAD.write(s, {"organization": " CMS ", "email": "cms@example.org"})
        assert prefs.LETTERHEAD.read(s)["organization"] == "CMS"
    assert prefs.letterhead(db)["email"] == "cms@example.org"
    mapping = prefs.import_mapping("import.mapping.contacts.abc")
    assert mapping.get(db) is None
    mapping.set(db, {"mapping": ["given_name"], "header_row": 1})
    assert prefs.import_mapping("import.mapping.contacts.abc").get(db)["header_row"] == 1
    with pytest.raises(ValueError):
        prefs.import_mapping("letterhead")


def test_a_value_written_by_hand_is_read_back_safely(db):
    with db.session() as s:
        from saiga_desk.core.history_models import Setting

        s.add(Setting(key="report_language", value="not json"))
        s.add(Setting(key="backup_policy", value='{"keep_days": "many"}'))
    assert prefs.report_language(db) == "en"
    assert prefs.backup_policy(db) == {"enabled": True, "keep_days": 30}
