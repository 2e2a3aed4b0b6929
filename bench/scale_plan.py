"""Figures for the scale plan (README, "How it scales"): open, filter, sort, export at 10,000, 100,000 and
1,000,000 persons on SQLite and (with ``SAIGA_DESK_BENCH_PG_URL``; its schema is wiped) PostgreSQL.

Not part of ``make bench`` (building a million persons takes minutes): ``python bench/scale_plan.py
[sizes...]``. Each figure is the best of a few runs, in milliseconds:
open = ``Database.open``; filter = the persons listing's ids for "қасым" (sorted by family name);
sort = every person's id sorted by email; export = every row of the listing streamed (``iter_rows``, what
the exports and ``list`` read); 10,000 rows = the first 10,000 rows of the listing (a report's data).
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_filter import build_postgres  # noqa: E402
from bench_ui import OUT, best_of, build_database  # noqa: E402


def _best(fn, repeats: int = 3) -> float:
    """The fastest of ``repeats`` runs, in milliseconds."""
    return best_of(fn, repeats) * 1000


def measure(open_db, label: str) -> dict:
    from saiga_desk.core.tables import listing

    db = open_db()
    try:
        out = {"where": label, "open": _best(lambda: open_db().close())}
        out["filter"] = _best(lambda: listing.query_ids(db, "persons", search="қасым"))
        out["sort"] = _best(lambda: listing.query_ids(db, "persons", sort="email"), 1)
        out["export"] = _best(lambda: sum(1 for _ in listing.iter_rows(db, "persons")), 1)
        out["10,000 rows"] = _best(
            lambda: list(itertools.islice(listing.iter_rows(db, "persons"), 10_000)), 1
        )
    finally:
        db.close()
    return out


def _pg(url: str, rows: int):
    from saiga_desk.core.database import Database

    build_postgres(url, rows).close()
    return lambda: Database.open(url)


def main(sizes: list[int]) -> None:
    os.environ.setdefault("SAIGA_DESK_DATA_DIR", tempfile.mkdtemp(prefix="saiga-scale-"))
    from saiga_desk.core.database import Database

    OUT.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("SAIGA_DESK_BENCH_PG_URL")
    for n in sizes:
        path = build_database(OUT / f"ui-persons-{n}.sqlite3", n)
        rows = [
            measure(lambda p=path: Database.open(p), f"SQLite {n:,} ({path.stat().st_size / 1e6:.0f} MB)")
        ]
        if url and n <= 100_000:
            rows.append(measure(_pg(url, n), f"PostgreSQL {n:,}"))
        for r in rows:
            print(
                " | ".join([r["where"]] + [f"{k} {v:,.0f} ms" for k, v in r.items() if k != "where"]),
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
