"""The fuzz gate: damaged workbooks and CSV files through the real import path, a few hundred of them.

Generated files (workbooks in several layouts, CSV in two encodings) are mutated with a seeded random
generator: bytes flipped, the file cut short, bytes inserted, a zip member's XML damaged and zipped again
(so the reader sees well-formed zips of broken XML), a member's compressed bytes damaged. For every case the
property holds: ``plan_import`` (and ``commit_import`` when the plan is clean) gives a result or a plain
refusal — an ``InputError`` of one sentence, never another exception — and the database file is byte for
byte unchanged after a refusal; each case ends within its time limit (a hang guard, not a speed test). A
few cases run the command line in a child process under an address-space limit (``RLIMIT_AS``).

A failure names its case: ``SAIGA_DESK_FUZZ_SEED=<seed> pytest tests/io/test_fuzz_gate.py`` replays the run
(``SAIGA_DESK_FUZZ_CASES=5000`` for a longer hunt), and ``case_bytes(seed, i, seeds)`` rebuilds the one file.
"""

from __future__ import annotations

import io
import os
import random
import re
import resource
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import import_corpus as corpus
import pytest
from import_corpus import db_hash

from saiga_desk.core.errors import InputError
from saiga_desk.io.contact_import import commit_import, plan_import

SEED = int(os.environ.get("SAIGA_DESK_FUZZ_SEED", "1302"))
CASES = int(os.environ.get("SAIGA_DESK_FUZZ_CASES", "300"))  # more, to hunt; the gate runs 300
CASE_LIMIT_S = 30  # a case that takes longer is hung (the whole run takes well under a minute)
CHILD_CASES = 6
# a stretch of the file repeated up to this many bytes: a huge cell or CSV field (kept under the csv module's
# 131,072-character field limit, whose refusal is tested by the reader's own tests)
STRETCH_MAX = 120_000
CHILD_MEMORY = 1 << 30  # 1 GiB of address space for a child import
TOKENS = (b"<", b">", b"&", b'"', b"\x00", b"\xff\xfe", b"\r\n", b";", b",", b"'", b"=", b"9" * 12,
          b'r="XFD1048576"', b' t="s"', b"<c><v>", b"</row>", b"&#0;", b"\xd0", b"\xe2\x80")  # fmt: skip


class CaseTimeout(BaseException):
    """A case over its time limit (a BaseException: no ``except Exception`` in the reader can hide it)."""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the generated files the mutations start from."""
    d = tmp_path_factory.mktemp("fuzz-seeds")
    paths = [corpus.xlsx(d / "plain.xlsx", [corpus.EN, *corpus.people(5)])]
    paths += [
        corpus.make(name, d) for name in ("title_rows", "russian", "unicode", "csv_cp1251", "csv_utf8_comma")
    ]
    return [(p.suffix, p.read_bytes()) for p in paths]


def _bytes_mutation(rng: random.Random, data: bytes, kind: str) -> bytes:
    b = bytearray(data)
    if not b:
        return bytes(rng.choice(TOKENS))
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(b))
            b[i] ^= rng.randint(1, 255)
    elif kind == "truncate":
        del b[rng.randrange(len(b)) :]
    elif kind == "insert":
        i = rng.randrange(len(b) + 1)
        chunk = rng.choice(TOKENS) if rng.random() < 0.6 else rng.randbytes(rng.randint(1, 64))
        b[i:i] = chunk * rng.choice((1, 1, 1, 50))
    elif kind == "stretch":  # a few bytes repeated into one huge value
        i = rng.randrange(len(b))
        piece = bytes(b[i : i + rng.randint(1, 40)]).replace(b"\n", b" ").replace(b"\r", b" ") or b"x"
        b[i:i] = piece * (rng.randint(STRETCH_MAX // 2, STRETCH_MAX) // len(piece))
    else:  # splice: a stretch of the file repeated elsewhere
        i, j = sorted(rng.randrange(len(b)) for _ in range(2))
        k = rng.randrange(len(b) + 1)
        b[k:k] = b[i:j]
    return bytes(b)


def _member_mutation(rng: random.Random, data: bytes) -> bytes:
    """One zip member's content damaged, then zipped again (the zip itself is sound)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    infos = src.infolist()
    target = rng.choice([i for i in infos if i.filename.endswith(".xml")] or infos).filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            content = src.read(info)
            if info.filename == target:
                content = _bytes_mutation(
                    rng, content, rng.choice(("flip", "truncate", "insert", "splice", "stretch"))
                )
            dst.writestr(info.filename, content)
    return out.getvalue()


def _raw_member_mutation(rng: random.Random, data: bytes) -> bytes:
    """Bytes flipped inside one member's compressed data (its checksum no longer matches)."""
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    info = rng.choice(infos)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = start + rng.randrange(max(1, info.compress_size))
        if i < len(b):
            b[i] ^= rng.randint(1, 255)
    return bytes(b)


def case_bytes(seed: int, i: int, seed_files: list[tuple[str, bytes]]) -> tuple[str, str, bytes]:
    """Case ``i`` of run ``seed``: (suffix, what was done, the file's bytes)."""
    rng = random.Random(f"{seed}:{i}")
    suffix, data = rng.choice(seed_files)
    kinds = ["flip", "truncate", "insert", "splice"] + (
        ["member", "member", "raw"] if suffix == ".xlsx" else []
    )
    kind = rng.choice(kinds)
    if kind == "member":
        return suffix, kind, _member_mutation(rng, data)
    if kind == "raw":
        return suffix, kind, _raw_member_mutation(rng, data)
    return suffix, kind, _bytes_mutation(rng, data, kind)


def _one_sentence(message: str) -> bool:
    text = message.strip()
    return bool(text) and "\n" not in text and "Traceback" not in text and "Unexpected error" not in text


def _on_alarm(_signum, _frame):
    raise CaseTimeout


def _run_case(db, path: Path) -> str:
    """``imported`` (the clean plan committed) or ``refused`` (the file, or a plan with row errors at its
    commit, in one sentence); AssertionError when the property fails."""
    before = db_hash(db)
    try:
        plan = plan_import(db, str(path))
        if plan.blocking():
            commit_import(db, plan)  # must refuse in one sentence, changing nothing
            raise AssertionError("a plan with errors was committed")
        commit_import(db, plan)
        return "imported"
    except InputError as e:
        assert _one_sentence(str(e)), f"not one plain sentence: {str(e)!r}"
        assert db_hash(db) == before, "the database changed although the file was refused"
        return "refused"


def test_damaged_files_get_a_result_or_one_plain_sentence(demo_db, seeds, tmp_path):
    db = demo_db  # rows are matched against the demo records: new, changed and unchanged persons
    outcomes: dict[str, int] = {}
    failures: list[str] = []
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        for i in range(CASES):
            suffix, kind, data = case_bytes(SEED, i, seeds)
            path = tmp_path / f"case{i}{suffix}"
            path.write_bytes(data)
            signal.setitimer(signal.ITIMER_REAL, CASE_LIMIT_S)
            try:
                outcome = _run_case(db, path)
            except CaseTimeout:
                outcome = "hung"
                failures.append(f"case {i} ({kind}{suffix}): over {CASE_LIMIT_S} s")
            except AssertionError as e:
                outcome = "failed"
                failures.append(f"case {i} ({kind}{suffix}): {e}")
            except Exception as e:  # the property: no other exception type
                outcome = "crashed"
                failures.append(f"case {i} ({kind}{suffix}): {type(e).__name__}: {e}"[:300])
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            path.unlink()
    finally:
        signal.signal(signal.SIGALRM, previous)
    print(f"seed {SEED}: {outcomes}")
    assert not failures, f"seed {SEED}: " + "; ".join(failures[:10])
    assert outcomes.get("refused", 0) > CASES // 10 and outcomes.get("imported", 0) > CASES // 10, outcomes


def _child_env() -> dict:
    root = str(Path(__file__).resolve().parents[2])  # this checkout's saiga_desk, whatever is installed
    return {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def test_damaged_files_in_a_child_process_within_a_memory_limit(db, seeds, tmp_path):
    db_file = db.path
    db.close()
    env = _child_env()
    codes = []
    for i in range(CHILD_CASES):
        suffix, kind, data = case_bytes(SEED + 1, i, seeds)
        path = tmp_path / f"child{i}{suffix}"
        path.write_bytes(data)
        before = db_hash(db)
        done = subprocess.run(
            [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_file), "import", "contacts", str(path)],
            capture_output=True, text=True, timeout=120, env=env, preexec_fn=_limit_memory,
        )  # fmt: skip
        where = f"seed {SEED + 1} case {i} ({kind}{suffix})"
        assert done.returncode in (0, 1), f"{where}: exit {done.returncode}: {done.stderr[-500:]}"
        if done.returncode == 1:
            assert _plain_refusal(done.stderr), f"{where}: {done.stderr[-500:]}"
            assert db_hash(db) == before, f"{where}: the database changed although the file was refused"
        assert "Traceback" not in done.stderr, f"{where}: {done.stderr[-500:]}"
        codes.append(done.returncode)
    print(f"seed {SEED + 1}: exit statuses {codes}")


def _plain_refusal(stderr: str) -> bool:
    """The command's refusal: one sentence, and at most one line of advice after it (what to do next)."""
    lines = stderr.strip().splitlines()
    return 1 <= len(lines) <= 2 and all(_one_sentence(line) for line in lines)


def _far_cell(data: bytes, ref: str) -> bytes:
    """The sheet's last cell moved to ``ref`` (and the dimension saying so): a sheet that claims to be huge."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                last = re.findall(rb'<c r="([A-Z]+[0-9]+)"', content)[-1]
                content = content.replace(b'r="%s"' % last, b'r="%s"' % ref.encode())
                content = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:%s"/>' % ref.encode(), content
                )
            dst.writestr(info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize("ref", ["XFD1048576", "AZ1048576"])
def test_a_cell_at_the_far_corner_is_refused_within_the_memory_limit(db, seeds, tmp_path, ref):
    db_file = db.path
    db.close()
    path = tmp_path / "far.xlsx"
    path.write_bytes(_far_cell(seeds[0][1], ref))
    before = db_hash(db)
    done = subprocess.run(
        [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_file), "import", "contacts", str(path)],
        capture_output=True, text=True, timeout=120, env=_child_env(), preexec_fn=_limit_memory,
    )  # fmt: skip
    assert done.returncode == 1 and _plain_refusal(done.stderr), (done.returncode, done.stderr[-300:])
    assert db_hash(db) == before
