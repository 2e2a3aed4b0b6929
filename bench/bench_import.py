"""Importing N contact rows (read, validate, match, write with audit) vs bare reads of the same file.

``python bench/bench_import.py [ROWS] [--dir DIR]`` prints the table rows and the breakdown (read, plan,
commit), the WAL and database sizes. ``--dir /dev/shm`` keeps the disk out of the measurement.
The bare calamine read is timed twice (before and after ours) and the faster one is the baseline.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

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


def run(rows: int | None = None, tmp_dir: str | None = None) -> list[dict]:
    import openpyxl

    from saiga_desk.core.database import Database
    from saiga_desk.io.contact_import import commit_import, plan_import
    from saiga_desk.io.workbook import open_book

    rows = rows or 100_000
    with tempfile.TemporaryDirectory(dir=tmp_dir) as d:
        path = make_file(Path(d) / "contacts.xlsx", rows)
        calamine_s, n = _calamine(path)
        t = time.perf_counter()
        owb = openpyxl.load_workbook(path, read_only=True)
        n2 = sum(1 for _ in owb["Contacts"].iter_rows(values_only=True))
        owb.close()
        openpyxl_s = time.perf_counter() - t
        assert n == n2 == rows + 1
        db_path = Path(d) / "bench.sqlite3"
        db = Database.open(db_path)
        LAST["peak_before_mb"] = _peak_mb()  # the baselines' own peak, so far
        t0 = time.perf_counter()
        book = open_book(str(path))
        book.sheet("Contacts")
        t1 = time.perf_counter()
        plan = plan_import(db, path, book=book)
        t2 = time.perf_counter()
        res = commit_import(db, plan)
        t3 = time.perf_counter()
        wal = db_path.with_name(db_path.name + "-wal")
        LAST.update(read_s=t1 - t0, plan_s=t2 - t1, commit_s=t3 - t2,
                    wal_mb=wal.stat().st_size / 1e6 if wal.exists() else 0.0,
                    db_mb=db_path.stat().st_size / 1e6)  # fmt: skip
        db.close()
        assert res.created == rows
        del plan, book
        calamine_s = min(calamine_s, _calamine(path)[0])
    ours_s = t3 - t0
    peak = _peak_mb()
    name = f"import {rows} contacts"
    out = [
        {"benchmark": name, "ours_s": ours_s, "baseline": "python-calamine read", "baseline_s": calamine_s,
         "ratio": ours_s / calamine_s, "peak_mb": peak},
        {"benchmark": name, "ours_s": ours_s, "baseline": "openpyxl read-only read", "baseline_s": openpyxl_s,
         "ratio": ours_s / openpyxl_s, "peak_mb": peak},
    ]  # fmt: skip
    for part in ("read", "plan", "commit"):
        s = LAST[part + "_s"]
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
    print(f"WAL file {LAST['wal_mb']:.1f} MB after the commit, database {LAST['db_mb']:.1f} MB; peak memory "
          f"{LAST['peak_before_mb']:.0f} MB before the import (the baselines' reads), {_peak_mb():.0f} MB after")
