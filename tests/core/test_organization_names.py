"""An organization needs an English or a Russian name (a ministry known only by its Russian name is stored
with name_ru and an empty name_en, never its Russian text in the English column)."""

from __future__ import annotations

import pytest

from saiga_desk.core import services as sv
from saiga_desk.core.errors import ValidationError


def test_a_russian_name_alone_is_enough_and_no_name_is_refused(any_db):
    got = sv.create(any_db, "organizations", {"name_ru": "Министерство экологии", "kind": "government"})
    assert (got["name_en"], got["name_ru"]) == ("", "Министерство экологии")
    with pytest.raises(ValidationError) as e:
        sv.create(any_db, "organizations", {"kind": "government", "name_en": "  "})
    assert "name_en" in str(e.value)
    assert [o["name_ru"] for o in sv.find(any_db, "organizations")] == ["Министерство экологии"]
