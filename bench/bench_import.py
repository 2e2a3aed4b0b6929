"""Importing N contact rows (read, validate, match, write with audit) vs bare reads of the same file."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

COUNTRIES = ["Kazakhstan", "Mongolia", "Russian Federation", "Uzbekistan", "Turkmenistan"]
HEADERS = ["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail", "Telephone",
           "City", "Notes"]  # fmt: skip


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


def run(rows: int | None = None) -> list[dict]:
    import openpyxl
    import python_calamine

    from saiga_desk.core.database import Database
    from saiga_desk.io.contact_import import commit_import, plan_import

    rows = rows or 100_000
    with tempfile.TemporaryDirectory() as d:
        path = make_file(Path(d) / "contacts.xlsx", rows)
        t = time.perf_counter()
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        n = len(wb.get_sheet_by_name("Contacts").to_python(skip_empty_area=False))
        calamine_s = time.perf_counter() - t
        t = time.perf_counter()
        owb = openpyxl.load_workbook(path, read_only=True)
        n2 = sum(1 for _ in owb["Contacts"].iter_rows(values_only=True))
        owb.close()
        openpyxl_s = time.perf_counter() - t
        assert n == n2 == rows + 1
        db = Database.open(Path(d) / "bench.sqlite3")
        t = time.perf_counter()
        plan = plan_import(db, path)
        plan_s = time.perf_counter() - t
        res = commit_import(db, plan)
        ours_s = time.perf_counter() - t
        db.close()
        assert res.created == rows
    peak = _peak_mb()
    name = f"import {rows} contacts"
    return [
        {"benchmark": name, "ours_s": ours_s, "baseline": "python-calamine read", "baseline_s": calamine_s,
         "ratio": ours_s / calamine_s, "peak_mb": peak},
        {"benchmark": name, "ours_s": ours_s, "baseline": "openpyxl read-only read", "baseline_s": openpyxl_s,
         "ratio": ours_s / openpyxl_s, "peak_mb": peak},
        {"benchmark": f"plan (read+validate+match) {rows}", "ours_s": plan_s, "baseline": "python-calamine read",
         "baseline_s": calamine_s, "ratio": plan_s / calamine_s, "peak_mb": peak},
    ]  # fmt: skip


if __name__ == "__main__":
    import sys

    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"{r['benchmark']:<40} ours {r['ours_s']:7.2f} s  {r['baseline']:<26} {r['baseline_s']:6.2f} s"
              f"  ratio {r['ratio']:5.2f}  peak {r['peak_mb']:.0f} MB")  # fmt: skip
