"""argparse's own words in a usage error ("usage:", "argument --as-at:", "invalid choice", "the following
arguments are required"...) follow the interface language: the real command line with
SAIGA_DESK_LANGUAGE=ru prints them in Russian, exit 2."""

from __future__ import annotations

import argparse

import pytest

from saiga_desk import i18n
from saiga_desk.cli.main import build_parser
from tests.cli.failure_support import run, text

RU = {"SAIGA_DESK_LANGUAGE": "ru"}


def test_argparse_asks_the_project_catalogue():
    build_parser()
    assert argparse._ is i18n._ and argparse.ngettext is i18n.ngettext


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("export", "contact-points", "--as-at"), "аргумент --as-at: ожидается один аргумент"),
        (("no-such-command",), "аргумент COMMAND: недопустимый выбор: 'no-such-command' (выберите из "),
        (("import", "contacts"), "обязательны следующие аргументы: FILE"),
        (("list", "persons", "--no-such-option"), "нераспознанные аргументы: --no-such-option"),
        (("import", "undo", "twelve"), "аргумент BATCH_ID: недопустимое значение типа int: 'twelve'"),
    ],
    ids=["expected-one", "invalid-choice", "required", "unrecognized", "invalid-type"],
)
def test_a_usage_error_speaks_russian(args, words):
    r = run(*args, env=RU)
    err = text(r.stderr)
    assert r.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith("использование: saiga-desk"), err
    assert words in err, err
    for english in ("usage:", "argument ", "invalid choice", "the following arguments", "unrecognized", "expected"):
        assert english not in err, err


def test_english_stays_english():
    err = text(run("import", "contacts", env={"SAIGA_DESK_LANGUAGE": "en"}).stderr)
    assert err.startswith("usage: saiga-desk") and "the following arguments are required: FILE" in err
