"""core/text.fold: one space between words whatever the whitespace (every character ``str.isspace`` knows:
tabs, line breaks, no-break and ideographic spaces, the file and group separators), none at either end."""

from __future__ import annotations

import re
import sys

import pytest

from saiga_desk.core.text import fold

SPACES = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(c):04X}" for c in SPACES])
def test_every_whitespace_becomes_one_space(space):
    for text in (f"Ivan{space}Petrov", f"{space}ivan{space}{space}PETROV{space}", f"Иван{space}{space}Пётр"):
        folded = fold(text)
        assert folded == re.sub(r"\s+", " ", folded).strip()  # the definition, as a regular expression says it
        assert len(folded.split(" ")) == 2 and "" not in folded.split(" ")
    assert fold(space * 3) == ""


def test_fold_keeps_what_matching_needs():
    assert fold("  Қасымова\u200b ") == fold("қасымова") == "қасымова"
    assert fold("ЁЛКИН") == fold("елкин")
    assert fold("José\tMaría") == "jose maria"
    assert fold("a\x1cb") == "a b"  # a separator control character is whitespace to Python's str


def test_one_email_key_for_the_plan_and_the_writers():
    from saiga_desk.core.person_email import email_key
    from saiga_desk.io.import_plan import email_key as plan_key

    for a, b in [(" A.Petrova@Example.ORG ", "a.petrova@example.org"), ("a\u200b.petrova@example.org", "a.petrova@example.org"),
                 ("ÄNNE@EXAMPLE.ORG", "A\u0308nne@example.org"), ("\ufeffivan@mail.kz", "IVAN@MAIL.KZ")]:  # fmt: skip
        assert email_key(a) == email_key(b) == plan_key(a) == plan_key(b) != ""
    assert email_key(None) == email_key("  ") == "" and plan_key("") is None
