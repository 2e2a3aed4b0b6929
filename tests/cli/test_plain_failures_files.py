"""Issue 13, part 1, the files: a read-only database (file, folder, medium) reads and refuses writes
plainly, never "damaged"; a full disk leaves no partial file; outputs go to regular files only; every
output has the permissions of an ordinary new file (the umask), PDFs included.

Real file systems: a small tmpfs and read-only bind mounts when the tests run as root; otherwise
RLIMIT_FSIZE stands in for the full disk and permissions for the read-only media.
"""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from tests.cli.failure_support import (
    ROOT,
    digest,
    file_size_limit,
    fill,
    read_only_view,
    run,
    sentence,
    small_disk,
    text,
)


@pytest.fixture
def demo(demo_path):
    return demo_path


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_database_reads_and_refuses_writes_plainly(demo, tmp_path, what):
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(demo, source / "db.sqlite3")
    src_view = source if what == "folder" else source / "db.sqlite3"
    with read_only_view(src_view, tmp_path / ("ro" if what == "folder" else "ro.sqlite3")) as view:
        if view is None:
            pytest.skip("no read-only mount here")
        db = view / "db.sqlite3" if what == "folder" else view
        before = digest(db)
        r = run("--database", str(db), "list", "signatories", "--format", "csv")
        assert r.returncode == 0 and not r.stderr, text(r.stderr)
        assert "Kazakhstan" in text(r.stdout)
        line = sentence(run("--database", str(db), "settings", "set", "report_language", "ru"))
        assert "is read-only" in line and str(db) in line and "damaged" not in line
        line = sentence(run("--database", str(db), "import", "undo", "1"))
        assert "damaged" not in line
        assert digest(db) == before
        if what == "folder":
            assert sorted(p.name for p in view.iterdir()) == ["db.sqlite3"]


def _full(tmp_path, size_kb=1200):
    return small_disk(tmp_path / "disk", size_kb)


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("export", "all", "-o", "{out}/all.xlsx"), "all.xlsx"),
        (("template", "contacts", "-o", "{out}/t.xlsx"), "t.xlsx"),
        (("report", "secretariat-report", "-o", "{out}/r.pdf"), "r.pdf"),
        (("db", "backup", "-o", "{out}/x.bak"), "x.bak"),
    ],
    ids=["export", "template", "report", "db-backup"],
)
def test_a_full_disk_leaves_no_partial_file(demo, tmp_path, args, target):
    before = digest(demo)
    with _full(tmp_path, 300) as disk:
        if disk is not None:
            fill(disk, 8)
            out, preexec, words = disk, None, "the disk is full"
        else:  # not root: no file may pass 64 KB (SQLite's WAL index, 32 KB, still fits)
            if target == "t.xlsx":
                pytest.skip("the template is smaller than any file size limit SQLite can live with")
            out, preexec, words = tmp_path / "out", file_size_limit(64 * 1024), "too large"
            out.mkdir()
        r = run("--database", str(demo), *[a.replace("{out}", str(out)) for a in args], preexec=preexec)
        line = sentence(r)
        assert words in line and target in line
        assert sorted(p.name for p in out.iterdir() if p.name != "filler") == []  # nor x.bak.part
    assert digest(demo) == before


def test_a_disk_too_full_to_open_the_database_is_not_called_damaged(demo):
    before = digest(demo)
    line = sentence(run("--database", str(demo), "list", "persons", preexec=file_size_limit(4096)))
    assert "damaged" not in line and str(demo) in line and "disk may be full" in line
    assert digest(demo) == before


def test_a_full_disk_during_an_import_changes_nothing(demo, tmp_path):
    book = tmp_path / "big.csv"
    rows = ["Family name,Given name,Email,Organization,Country"]
    rows += [f"Name{i}x{'y' * 40},Given{i},p{i}@example.org,Org {i % 50},Kazakhstan" for i in range(3000)]
    book.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with _full(tmp_path, demo.stat().st_size // 1024 + 200) as disk:
        folder, preexec = disk, None
        if disk is None:  # not root: no file may grow past the database's own size
            folder, preexec = tmp_path / "out", file_size_limit(demo.stat().st_size + 64 * 1024)
            folder.mkdir()
        db = folder / "db.sqlite3"
        shutil.copy(demo, db)
        before = digest(db)
        line = sentence(run("--database", str(db), "import", "contacts", str(book), preexec=preexec))
        assert "disk is full" in line and str(db) in line
        assert digest(db) == before
        r = run("--database", str(db), "list", "persons", "--format", "csv")
        assert r.returncode == 0, text(r.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "persons", "-o"),
        ("report", "contact-points", "-o"),
        ("db", "backup", "-o"),
        ("template", "contacts", "-o"),
        ("meeting", "badges", "MOS4", "-o"),
        ("review-pack", "KAZ", "-o"),
    ],
    ids=["export", "report", "db-backup", "template", "badges", "review-pack"],
)
def test_outputs_go_to_regular_files_only(demo, tmp_path, args):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "fifo")
    specials = ["fifo"]
    if ROOT and args[0] == "export":  # a device node too: our own /dev/null, never the real one
        os.mknod(out / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        specials.append("null")
    before = digest(demo)
    for name in specials:
        line = sentence(run("--database", str(demo), *args, str(out / name)))
        assert "device or a pipe" in line and str(out / name) in line
        mode = (out / name).stat().st_mode
        assert stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)  # never replaced by a regular file
    assert sorted(p.name for p in out.iterdir()) == sorted(specials)  # no temporary file left
    assert digest(demo) == before


def _umask(mask):
    def set_umask():
        os.umask(mask)

    return set_umask


def test_every_output_has_the_permissions_of_a_new_file(demo, tmp_path):
    outputs = {
        "r.pdf": ("report", "contact-points", "-o"),
        "b.pdf": ("meeting", "badges", "MOS4", "-o"),
        "p.xlsx": ("export", "persons", "-o"),
        "t.xlsx": ("template", "contacts", "-o"),
        "x.bak": ("db", "backup", "-o"),
    }
    for name, args in outputs.items():
        r = run("--database", str(demo), *args, str(tmp_path / name), preexec=_umask(0o022))
        assert r.returncode == 0, text(r.stderr)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    letters = tmp_path / "letters"
    r = run("--database", str(demo), "report", "letters", "--per-letter-dir", str(letters), preexec=_umask(0o022))
    assert r.returncode == 0, text(r.stderr)
    assert {stat.S_IMODE(p.stat().st_mode) for p in letters.iterdir()} == {0o644}
    # the umask is respected, not a fixed 0644
    r = run("--database", str(demo), "report", "contact-points", "-o", str(tmp_path / "private.pdf"),
            preexec=_umask(0o027))  # fmt: skip
    assert r.returncode == 0 and stat.S_IMODE((tmp_path / "private.pdf").stat().st_mode) == 0o640
