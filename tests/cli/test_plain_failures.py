"""Issue 13, part 1: every failure of the command line is one plain sentence naming the file, value or
option; exit 1 (2 for usage); no traceback, no "Unexpected error"; the database byte for byte unchanged.

The command line runs as a real process on a real demo database. (Disks, media and outputs that are not
regular files: test_plain_failures_files.py.)
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.cli.failure_support import digest, run, sentence, text

BAD_DATES = ("garbage", "2024-13-45", "2024-02-30")


@pytest.fixture
def demo(demo_path):
    return demo_path


EXPORT = ("export", "contact-points", "-o", "{tmp}/x.xlsx", "--as-at")


@pytest.mark.parametrize(
    ("command", "value"),
    [
        *((EXPORT, value) for value in BAD_DATES),
        (("list", "contact-points", "--as-at"), "2024-02-30"),
        (("report", "contact-points", "-o", "{tmp}/x.pdf", "--as-at"), "2024-13-45"),
        (("meeting", "status", "MOS4", "postponed", "--reason", "r", "--start"), "garbage"),
        (("contact-points", "supersede", "MNG", "--person", "1", "--on"), "2024-02-30"),
    ],
    ids=["export-garbage", "export-month-13", "export-feb-30", "list", "report", "meeting-status", "contact-points"],
)
def test_a_bad_date_is_a_usage_error_naming_the_option(demo, tmp_path, command, value):
    before = digest(demo)
    args = [a.format(tmp=tmp_path) for a in command]
    line = sentence(run("--database", str(demo), *args, value), code=2)
    assert repr(value) in line and command[-1] in line
    assert digest(demo) == before and not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("foo://bar", "is not a kind of database Saiga Desk knows (foo)"),
        ("mysql://x@y/z", "driver for mysql"),
        ("postgresql+pg8000://x@127.0.0.1/z", "driver for postgresql+pg8000 (pg8000) is not installed"),
        ("postgresql+psycopg://x@127.0.0.1:port/z", "is not a database file name or a database URL"),
        ("postgresql+psycopg://x@127.0.0.1:99999999/z", "Cannot open the database"),
        ("/dev/null", "/dev/null is a device or a pipe, not a database file"),
    ],
)
def test_a_database_that_cannot_be_opened_is_named(target, words):
    line = sentence(run("--database", target, "list", "persons"))
    assert words in line


def test_the_database_from_the_environment_and_a_symlink_loop(tmp_path):
    line = sentence(run("list", "persons", env={"SAIGA_DESK_DATABASE": "garbage://x"}))
    assert "garbage://x" in line
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    line = sentence(run("--database", str(tmp_path / "a"), "list", "persons"))
    assert "loop of symbolic links" in line and str(tmp_path / "a") in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("meeting", "badges", "MOS4", "-o", "{tmp}"), "it is a folder"),
        (("review-pack", "all", "-o", "{tmp}/packs.xlsx"), "give a folder"),
        (("meeting", "status", "MOS4", "postponed", "--reason", "r", "--start", "2025-01-10", "--end",
          "2025-01-01"), "The end date 2025-01-01 is before the start date 2025-01-10"),  # fmt: skip
        (("import", "undo", "99999999999999999999999"), "99999999999999999999999 is too large"),
        (("settings", "set", "letterhead", '{"organization": 5}'), "letterhead organization must be text"),
        (("settings", "set", "backup_policy", '{"enabled": "maybe"}'), 'enabled must be true or false, not "maybe"'),
        (("report", "letters", "--per-letter-dir", "{tmp}/existing"), "{tmp}/existing: it is a file, not a folder"),
        (("import", "contacts", "{tmp}/fifo"), "it is a device or a pipe"),
        (("report", "letters", "-o", "{tmp}/l.pdf", "--template", "{tmp}/fifo"), "it is a device or a pipe"),
    ],
    ids=["badges-to-folder", "review-pack-all-to-file", "end-before-start", "huge-batch-id", "letterhead-type",
         "backup-policy-type", "per-letter-dir-is-file", "import-from-fifo", "template-from-fifo"],  # fmt: skip
)
def test_a_bad_value_is_one_sentence_and_changes_nothing(demo, tmp_path, args, words):
    out = tmp_path / "out"
    out.mkdir()
    (out / "existing").write_text("kept")
    os.mkfifo(out / "fifo")
    before = digest(demo)
    line = sentence(run("--database", str(demo), *[a.replace("{tmp}", str(out)) for a in args]))
    assert words.replace("{tmp}", str(out)) in line
    assert digest(demo) == before
    assert (out / "existing").read_text() == "kept"
    assert sorted(p.name for p in out.iterdir()) == ["existing", "fifo"]  # no partial file left


def test_a_file_name_that_is_not_utf8(demo, tmp_path):
    made = run("--database", str(demo), "export", "persons", "-o", str(tmp_path / "p.xlsx"))
    assert made.returncode == 0, text(made.stderr)
    name = os.fsencode(tmp_path) + b"/\xff-contacts.xlsx"
    shutil.copy(tmp_path / "p.xlsx", name)
    before = digest(demo)
    line = sentence(run(b"--database", os.fsencode(demo), b"import", b"contacts", name))
    assert "not valid UTF-8" in line and "\\udcff-contacts.xlsx" in line
    assert digest(demo) == before
    # written outputs may carry such a name (it is the officer's file system's own)
    out = os.fsencode(tmp_path) + b"/\xfe.xlsx"
    r = run(b"--database", os.fsencode(demo), b"export", b"persons", b"-o", out)
    assert r.returncode == 0 and os.path.isfile(out) and not text(r.stderr)


def test_an_unwritable_data_folder_degrades_gracefully(demo, tmp_path):
    data = tmp_path / "data-file"
    data.write_text("a file where the data folder should be")  # no folder can be made there, root or not
    env = {"SAIGA_DESK_DATA_DIR": str(data / "sub")}
    r = run("--database", str(demo), "list", "signatories", env=env)
    assert r.returncode == 0 and "Traceback" not in text(r.stderr) and not r.stderr, text(r.stderr)
    before = digest(demo)
    line = sentence(run("--database", str(demo), "settings", "set", "letterhead", '{"organization": 5}', env=env))
    assert "letterhead organization must be text" in line
    line = sentence(run("list", "signatories", env=env))  # the default database lives in the data folder
    assert str(data / "sub") in line
    assert digest(demo) == before
