"""The cost of keeping an import's created values in the history: the audit entries of N persons of one batch
written by one INSERT ... SELECT with their values as JSON (ours) vs the same entries without values (bare).

``python bench/bench_audit_values.py [ROWS] [--url URL]`` (SQLite in a temporary folder by default, or a
PostgreSQL URL). Each statement runs in a transaction that is rolled back, the faster of two runs is kept.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(rows: int | None = None, url: str | None = None) -> list[dict]:
    from sqlalchemy import func, insert, literal, select

    from saiga_desk.core import derived
    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database

    rows = rows or 100_000
    with tempfile.TemporaryDirectory() as d:
        db = Database.open(url or str(Path(d) / "bench.sqlite3"))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with db.transaction() as tx:
            batch = m.ImportBatch(kind="contacts", file_name="bench.xlsx", file_hash="0" * 64)
            tx.session.add(batch)
            tx.session.flush()
            bid = batch.id
            tx.session.execute(insert(m.Person.__table__), [
                {"honorific": "Mr", "given_name": f"Given{i}", "family_name": f"Family{i}", "position": "Officer",
                 "email": f"person{i}@example.org", "phone": f"+7 7172 {i:06d}", "city": "Astana", "notes": "note",
                 "import_batch_id": bid, "version": 1, "created_at": now, "updated_at": now,
                 "search_text": f"given{i} family{i}"} for i in range(rows)])  # fmt: skip

        def bare():
            p = m.Person.__table__.c
            a = m.AuditEntry.__table__.c
            summary = func.substr(func.ltrim(func.coalesce(p.given_name, "") + " " + p.family_name), 1, 500)
            q = select(literal(now, a.at.type), literal("bench"), literal("create"), literal("person"), p.id,
                       summary, p.import_batch_id, literal(None, a.changes.type)).where(
                p.import_batch_id == bid).order_by(p.id)  # fmt: skip
            return m.AuditEntry.__table__.insert().from_select(list(derived.AUDIT_COLUMNS), q)

        def timed(make) -> float:
            best = float("inf")
            for _ in range(2):
                with db.engine.connect() as con:
                    t = time.perf_counter()
                    con.execute(make())
                    best = min(best, time.perf_counter() - t)
                    con.rollback()
            return best

        bare_s = timed(bare)
        ours_s = timed(lambda: derived.created_persons_entries(bid, "bench", now))
        dialect = db.engine.dialect.name
        db.close()
    return [{"benchmark": f"audit values of {rows:,} created persons ({dialect})", "ours_s": ours_s,
             "baseline": "the same entries without values", "baseline_s": bare_s, "ratio": ours_s / bare_s,
             "peak_mb": _peak_mb()}]  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    url = args[args.index("--url") + 1] if "--url" in args else None
    n = next((int(a) for a in args if a.isdigit()), None)
    for r in run(n, url):
        print(f"{r['benchmark']}: {r['ours_s']:.2f} s, without values {r['baseline_s']:.2f} s "
              f"(+{r['ours_s'] - r['baseline_s']:.2f} s, x{r['ratio']:.1f})")  # fmt: skip
