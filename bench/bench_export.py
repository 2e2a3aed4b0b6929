"""Excel export: 100,000 contact rows (Cyrillic names, emails, phones as text, dates, numbers, yes/no)
through our writer (typed cells, hostile-text checks, fitted widths, drop-downs, safe replace) and
through the whole ``export_table`` path from a real SQLite database, against bare writers of the same
values in the same run: XlsxWriter in constant-memory mode and openpyxl write-only.

Times are best of ``repeats``; peak memory is tracemalloc's peak of Python allocations in a separate
run (so timing is not slowed by tracing), shown for 20,000 and for 100,000 rows: flat means the
writer's memory does not grow with the row count.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEADERS = ["Given name", "Family name", "Position", "Email", "Phone", "Country", "Role", "Designated on",
           "Count", "Active"]  # fmt: skip
KINDS = ["text", "text", "text", "text", "text", "text", "text", "date", "int", "bool"]
ROLES = ("primary", "alternate", "technical")


def make_rows(n: int) -> list[list]:
    base = dt.date(2015, 1, 1)
    rows = []
    for i in range(n):
        rows.append(
            [
                f"Айгүл{i % 977}",
                f"Қасымова-{i}",
                "Бас сарапшы (Chief Expert), Committee of Forestry and Wildlife",
                f"person{i}@example.org",
                f"+7 7172 {i % 100:02d} {i % 1000:03d}",
                ("Kazakhstan", "Mongolia", "Russian Federation", "Uzbekistan")[i % 4],
                ROLES[i % 3],
                base + dt.timedelta(days=i % 3000),
                i,
                i % 2 == 0,
            ]
        )
    return rows


def bare_xlsxwriter(path: Path, rows: list[list]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet("Data")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for c, h in enumerate(HEADERS):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        ws.write_string(r, 0, row[0])
        ws.write_string(r, 1, row[1])
        ws.write_string(r, 2, row[2])
        ws.write_string(r, 3, row[3])
        ws.write_string(r, 4, row[4])
        ws.write_string(r, 5, row[5])
        ws.write_string(r, 6, row[6])
        ws.write_datetime(r, 7, row[7], date_fmt)
        ws.write_number(r, 8, row[8])
        ws.write_boolean(r, 9, row[9])
    wb.close()


def bare_openpyxl(path: Path, rows: list[list]) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)


def ours_writer(path: Path, rows: list[list]) -> None:
    from saiga_desk.io.xlsx_writer import ColumnSpec, XlsxFile

    specs = [ColumnSpec(h, k, ROLES if h == "Role" else ()) for h, k in zip(HEADERS, KINDS, strict=True)]
    with XlsxFile(path, title="Contact points", author="bench") as book:
        sheet = book.add_sheet("Data", specs)
        for row in rows:
            sheet.write_row(row)


def _fill_database(path: Path, n: int):
    """A database with ``n`` persons (bulk insert: this is set-up, not measured)."""
    from sqlalchemy import insert

    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database
    from saiga_desk.core.text import search_key

    db = Database.open(path)
    rows = make_rows(n)
    with db.engine.begin() as con:
        country = con.execute(m.Country.__table__.select().where(m.Country.code == "KAZ")).first()
        values = [
            {"given_name": r[0], "family_name": r[1], "position": r[2], "email": r[3], "phone": r[4],
             "country_id": country.id, "search_text": search_key(r[0], r[1], r[3]), "version": 1}
            for r in rows
        ]  # fmt: skip
        for i in range(0, n, 10_000):
            con.execute(insert(m.Person.__table__), values[i : i + 10_000])
    return db


def ours_export(db, path: Path) -> None:
    from saiga_desk.io.export import export_table

    export_table(db, "persons", path, columns=["given_name", "family_name", "position", "email", "phone",
                                                "country"])  # fmt: skip


def bare_persons(values, path: Path) -> None:
    """The same persons' values (already in memory) with bare XlsxWriter."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Data")
    for r, row in enumerate(values, start=1):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    wb.close()


def _time(fn, *args, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t)
    return best


def _peak_mb(fn, *args) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1] / (1 << 20)
    finally:
        tracemalloc.stop()


def _interleaved(cases: dict, repeats: int) -> dict[str, float]:
    """Best time of each case, the cases taking turns (so a busy moment of the machine hits all alike)."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(repeats):
        for name, (fn, args) in cases.items():
            gc.collect()
            t = time.perf_counter()
            fn(*args)
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def run(rows: int | None = None, repeats: int = 3) -> list[dict]:
    n = rows or 100_000
    small = max(n // 5, 1)
    data = make_rows(n)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = _interleaved(
            {
                "XlsxWriter constant_memory": (bare_xlsxwriter, (tmp / "xw.xlsx", data)),
                "openpyxl write-only": (bare_openpyxl, (tmp / "op.xlsx", data)),
                "ours": (ours_writer, (tmp / "ours.xlsx", data)),
            },
            repeats,
        )
        ours = t.pop("ours")
        # memory: the writer is given a generator over rows made beforehand, so the peak is the writer's own
        peak_small = _peak_mb(ours_writer, tmp / "m1.xlsx", (r for r in make_rows(small)))
        peak_big = _peak_mb(ours_writer, tmp / "m2.xlsx", (r for r in make_rows(n)))
        bare_peak = _peak_mb(bare_xlsxwriter, tmp / "m3.xlsx", (r for r in make_rows(n)))
        for name, secs in sorted(t.items(), key=lambda kv: kv[1]):
            out.append({"benchmark": f"xlsx writer, {n:,} rows x 10 cols", "ours_s": ours, "baseline": name,
                        "baseline_s": secs, "ratio": ours / secs, "peak_mb": peak_big})  # fmt: skip
        out.append({"benchmark": f"writer peak MB: {small:,} rows (ours_s) vs {n:,} rows (baseline_s)",
                    "ours_s": peak_small, "baseline": f"peak MB at {n:,} rows", "baseline_s": peak_big,
                    "ratio": peak_big / peak_small if peak_small else 0.0, "peak_mb": peak_big,
                    "bare_xlsxwriter_peak_mb": bare_peak})  # fmt: skip
        db = _fill_database(tmp / "persons.sqlite3", n)
        try:
            values = [[*r[:5], "Kazakhstan"] for r in make_rows(n)]  # what the database holds
            t = _interleaved(
                {
                    "ours": (ours_export, (db, tmp / "export.xlsx")),
                    "bare": (bare_persons, (values, tmp / "b.xlsx")),
                },
                max(1, repeats - 1),
            )
            peak_export = _peak_mb(ours_export, db, tmp / "export2.xlsx")
        finally:
            db.close()
        out.append({"benchmark": f"export_table persons from SQLite, {n:,} rows x 6 cols", "ours_s": t["ours"],
                    "baseline": "bare XlsxWriter, same values already in memory", "baseline_s": t["bare"],
                    "ratio": t["ours"] / t["bare"], "peak_mb": peak_export})  # fmt: skip
    return out


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else None
    for r in run(rows):
        print(r)
