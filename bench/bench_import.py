"""Importing N contact rows (read, validate, match, write with audit) vs bare reads of the same file.

``python bench/bench_import.py [ROWS] [--dir DIR]`` prints the table rows and the breakdown (read, plan,
commit) of the best run, the WAL and database sizes and the import's peak memory. ``--dir /dev/shm`` keeps
the disk out of the measurement. Ours runs in a fresh process each time (as the command line does; its
peak memory is its own), best of three, taking turns with the bare calamine read (best of three too).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

COUNTRIES = ["Kazakhstan", "Mongolia", "Russian Federation", "Uzbekistan", "Turkmenistan"]
HEADERS = ["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail", "Telephone",
           "City", "Notes"]  # fmt: skip
LAST: dict = {}  # breakdown of the last run (read_s, plan_s, commit_s, wal_mb, db_mb), for the standalone print


def make_file(path: Path, rows: int) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, HEADERS)
    for i in range(1, rows + 1):
        ws.write_row(i, 0, ["Mr", f"Given{i}", f"Family{i}", "Officer", f"Ministry {i % 50}", COUNTRIES[i % 5],
                            f"person{i}@example.org", f"+7 7172 {i:06d}", "Astana", "note"])  # fmt: skip
    wb.close()
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _calamine(path: Path) -> tuple[float, int]:
    import python_calamine

    t = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    n = len(wb.get_sheet_by_name("Contacts").to_python(skip_empty_area=False))
    return time.perf_counter() - t, n


def ours_once(path: Path, db_path: Path) -> dict:
    """Our import of ``path`` into a new database at ``db_path``, as the command line does it (read, plan,
    commit): the parts' times, the WAL and database sizes, and this process's peak memory."""
    from saiga_desk.core.database import Database
    from saiga_desk.io.contact_import import commit_import, plan_import
    from saiga_desk.io.workbook import open_book

    db = Database.open(db_path)
    start_mb = _peak_mb()
    t0 = time.perf_counter()
    book = open_book(str(path))
    book.sheet("Contacts")
    t1 = time.perf_counter()
    plan = plan_import(db, path, book=book)
    t2 = time.perf_counter()
    res = commit_import(db, plan)
    t3 = time.perf_counter()
    wal = db_path.with_name(db_path.name + "-wal")
    out = {"read_s": t1 - t0, "plan_s": t2 - t1, "commit_s": t3 - t2, "total_s": t3 - t0, "created": res.created,
           "wal_mb": wal.stat().st_size / 1e6 if wal.exists() else 0.0, "db_mb": db_path.stat().st_size / 1e6,
           "start_mb": start_mb, "peak_mb": _peak_mb()}  # fmt: skip
    db.close()
    return out


def _in_a_process(call: str, *args: Path):
    """``bench_import.<call>(*args)`` in a fresh interpreter, as a command line runs it: its memory starts
    unused (no pages left mapped by an earlier read) and its peak is its own. Ours and the bare read alike."""
    code = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import bench_import as b;"
            f"print('RESULT ' + json.dumps(b.{call}(*map(Path, sys.argv[2:]))))")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code, str(HERE), *map(str, args)], env=env, check=True,
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    return json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))[7:])


def run(rows: int | None = None, tmp_dir: str | None = None, repeats: int = 3) -> list[dict]:
    """Best of ``repeats`` for ours and for the bare calamine read, each in a fresh process, taking turns (a
    busy moment of the machine falls on both alike); the openpyxl read once (it is slow)."""
    import openpyxl

    rows = rows or 100_000
    with tempfile.TemporaryDirectory(dir=tmp_dir) as d:
        path = make_file(Path(d) / "contacts.xlsx", rows)
        bare, runs = [], []
        for i in range(repeats):
            calamine_s, n = _in_a_process("_calamine", path)
            assert n == rows + 1
            bare.append(calamine_s)
            got = _in_a_process("ours_once", path, Path(d) / f"bench{i}.sqlite3")
            assert got["created"] == rows
            runs.append(got)
        t = time.perf_counter()
        owb = openpyxl.load_workbook(path, read_only=True)
        n2 = sum(1 for _ in owb["Contacts"].iter_rows(values_only=True))
        owb.close()
        openpyxl_s = time.perf_counter() - t
        assert n2 == rows + 1
    best = min(runs, key=lambda r: r["total_s"])
    LAST.update(best)
    LAST["runs"] = [r["total_s"] for r in runs]
    calamine_s = min(bare)
    ours_s, peak = best["total_s"], max(r["peak_mb"] for r in runs)
    name = f"import {rows} contacts"
    out = [
        {"benchmark": name, "ours_s": ours_s, "baseline": "python-calamine read", "baseline_s": calamine_s,
         "ratio": ours_s / calamine_s, "peak_mb": peak},
        {"benchmark": name, "ours_s": ours_s, "baseline": "openpyxl read-only read", "baseline_s": openpyxl_s,
         "ratio": ours_s / openpyxl_s, "peak_mb": peak},
    ]  # fmt: skip
    for part in ("read", "plan", "commit"):
        s = best[part + "_s"]
        out.append({"benchmark": f"  {part} {rows}", "ours_s": s, "baseline": "python-calamine read",
                    "baseline_s": calamine_s, "ratio": s / calamine_s, "peak_mb": peak})  # fmt: skip
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("rows", nargs="?", type=int)
    ap.add_argument("--dir", help="folder for the workbook and the database (e.g. /dev/shm)")
    a = ap.parse_args()
    for r in run(a.rows, a.dir):
        print(f"{r['benchmark']:<28} ours {r['ours_s']:7.2f} s  {r['baseline']:<24} {r['baseline_s']:6.2f} s"
              f"  ratio {r['ratio']:5.2f}  peak {r['peak_mb']:.0f} MB")  # fmt: skip
    print(f"WAL file {LAST['wal_mb']:.1f} MB after the commit, database {LAST['db_mb']:.1f} MB; the import's "
          f"process: {LAST['start_mb']:.0f} MB with the database open, {LAST['peak_mb']:.0f} MB at its peak; "
          f"ours in each run: {', '.join(f'{t:.2f} s' for t in LAST['runs'])}")
