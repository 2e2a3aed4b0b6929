"""Filtering 100,000 persons: database time and the GUI thread, on SQLite and PostgreSQL.

1. Database time of a filter (the listing's id query, sorted as the window shows it) for three kinds of
   filters — a Cyrillic fragment, a Latin fragment, an exact email — against the bare FTS5 trigram query
   over the same folded text (ids only), and the same filter without the index (the plain LIKE scan of
   before: ``search_index`` switched off for the run) as a second yardstick.
2. The longest GUI-thread stall while typing a 10-character filter into the persons tab (a 1 ms timer on
   the event loop measures the gaps), against the same typing into a bare QLineEdit.
3. With ``SAIGA_DESK_BENCH_PG_URL`` (or ``SAIGA_DESK_TEST_DATABASE_URL``; its schema is wiped): the same
   filters on PostgreSQL against the bare ``pg_trgm``-indexed LIKE query through psycopg.

``python bench/bench_filter.py [rows]`` prints the rows.
"""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_ui import FAMILY, GIVEN, OUT, build_database  # noqa: E402

FILTERS = (
    ("Cyrillic fragment", "қасым"),
    ("Latin fragment", "schm"),
    ("exact email", "person12345@example.org"),
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _runs(fn, repeats: int = 7) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _row(what: str, ours: list[float], baseline: str, base: list[float]) -> dict:
    return {"benchmark": f"{what} (runs {min(ours) * 1000:.1f}-{max(ours) * 1000:.1f} ms)", "ours_s": min(ours),
            "baseline": baseline, "baseline_s": min(base), "ratio": min(ours) / min(base), "peak_mb": _peak_mb()}  # fmt: skip


def bench_sqlite(db, rows: int) -> list[dict]:
    from saiga_desk.core.tables import listing
    from saiga_desk.core.text import fold

    con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    out = []
    for kind, term in FILTERS:
        found = len(listing.query_ids(db, "persons", search=term))
        ours = _runs(lambda term=term: listing.query_ids(db, "persons", search=term))
        phrase = '"' + fold(term) + '"'
        bare = _runs(lambda p=phrase: con.execute("SELECT rowid FROM person_search WHERE person_search MATCH ?",
                                                   (p,)).fetchall())  # fmt: skip
        db._search_index = False
        scan = _runs(lambda term=term: listing.query_ids(db, "persons", search=term), 3)
        db._search_index = None
        what = f"SQLite: filter {rows:,} persons by {kind} “{term}” ({found:,} found, sorted ids)"
        out.append(_row(what, ours, "bare FTS5 trigram MATCH (ids only)", bare))
        out.append(
            _row(
                "  the same filter without the index (the LIKE scan of before; ratio = times slower than ours)",
                scan,
                "ours",
                ours,
            )
        )
    con.close()
    return out


def bench_typing(db, rows: int, text: str = "қасымова 12") -> list[dict]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    from saiga_desk.ui import table_model
    from saiga_desk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    table_model.BACKGROUND = True  # as the app runs it

    def longest_gap(box, done) -> float:
        """Type ``text`` into ``box`` one character every 80 ms; the longest gap between 1 ms ticks."""
        clock = QElapsedTimer()
        clock.start()
        gaps = [0]
        last = [clock.elapsed()]

        def tick():
            now = clock.elapsed()
            gaps[0] = max(gaps[0], now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(tick)
        timer.start()
        for i in range(1, len(text) + 1):
            QTimer.singleShot(80 * i, lambda i=i: box.setText(text[:i]))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            app.processEvents()
            if clock.elapsed() > 80 * len(text) + 200 and done():
                break
            time.sleep(0.0005)
        timer.stop()
        return gaps[0] / 1000

    window = MainWindow(db)
    page = window.show_tab("persons")
    window.show()
    deadline = time.monotonic() + 60
    while page.model.busy and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    ours = [longest_gap(page.search_box, lambda: page.model.search == text and not page.model.busy)]
    found = len(page.model.ids)
    page.search_box.clear()
    bare_box = QLineEdit()
    bare_box.show()
    bare = [longest_gap(bare_box, lambda: True)]
    window.close()
    return [_row(f"GUI: longest GUI-thread stall typing “{text}” at {rows:,} persons ({found:,} found)", ours,
                 "typing into a bare QLineEdit", bare)]  # fmt: skip


def build_postgres(url: str, rows: int):
    """``rows`` persons in the PostgreSQL database at ``url`` (its schema wiped first), as bench_ui builds
    the SQLite file; returns the open Database."""
    from sqlalchemy import create_engine, text

    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database
    from saiga_desk.core.text import search_key

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    db = Database.open(url)
    rnd = random.Random(42)
    with db.engine.begin() as con:
        batch = []
        for i in range(rows):
            given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
            email = f"person{i}@example.org"
            batch.append(dict(given_name=given, family_name=f"{family} {i}", email=email, version=1,
                              search_text=search_key(given, f"{family} {i}", email)))  # fmt: skip
            if len(batch) == 5000:
                con.execute(m.Person.__table__.insert(), batch)
                batch = []
        if batch:
            con.execute(m.Person.__table__.insert(), batch)
        con.execute(text("ANALYZE person"))
    return db


def bench_postgres(url: str, rows: int) -> list[dict]:
    from sqlalchemy import text

    from saiga_desk.core.tables import listing
    from saiga_desk.core.text import fold

    db = build_postgres(url, rows)
    with db.engine.connect() as con:
        indexed = con.execute(
            text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_person_search_trgm'")
        ).scalar()
    import psycopg

    raw = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    out = []
    for kind, term in FILTERS:
        found = len(listing.query_ids(db, "persons", search=term))
        ours = _runs(lambda term=term: listing.query_ids(db, "persons", search=term))
        pattern = f"%{fold(term)}%"
        bare = _runs(
            lambda p=pattern: raw.execute("SELECT id FROM person WHERE search_text LIKE %s", (p,)).fetchall()
        )
        what = f"PostgreSQL: filter {rows:,} persons by {kind} “{term}” ({found:,} found, sorted ids)"
        base = "bare pg_trgm-indexed LIKE (ids only)" if indexed else "bare LIKE (no pg_trgm here)"
        out.append(_row(what, ours, base, bare))
    raw.close()
    db.close()
    return out


def run(rows: int | None = None) -> list[dict]:
    rows = rows or 100_000
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SAIGA_DESK_DATA_DIR", tempfile.mkdtemp(prefix="saiga-bench-filter-"))
    from saiga_desk.core.database import Database

    path = build_database(OUT / f"ui-persons-{rows}.sqlite3", rows)
    db = Database.open(path)
    try:
        results = bench_sqlite(db, rows) + bench_typing(db, rows)
    finally:
        db.close()
    url = os.environ.get("SAIGA_DESK_BENCH_PG_URL") or os.environ.get("SAIGA_DESK_TEST_DATABASE_URL")
    if url:
        results += bench_postgres(url, rows)
    return results


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(row)
