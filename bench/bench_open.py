"""Opening a database: the same cost for a small file and a large one (the full integrity check runs in
the background at most once a day, not on every open).

For the demo database and the 100,000-person file of bench_ui.py: ``Database.open`` (header, schema, first
page of each table, revision) against a bare ``sqlite3.connect`` + ``SELECT 1`` on the same file, and the
full check (``PRAGMA quick_check``, what every open used to run) for comparison.
``python bench/bench_open.py [rows]`` prints the rows.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ui import OUT, build_database  # noqa: E402


def _runs(fn, repeats: int = 7) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _bare(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("SELECT 1").fetchall()
    con.close()


def _full(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.execute("PRAGMA quick_check").fetchall()
    con.close()


def run(rows: int | None = None) -> list[dict]:
    rows = rows or 100_000
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SAIGA_DESK_DATA_DIR", tempfile.mkdtemp(prefix="saiga-bench-open-"))
    from saiga_desk.core import demo
    from saiga_desk.core.database import Database

    small = OUT / "open-demo.sqlite3"
    if not small.exists():
        db = Database.open(small)
        demo.load(db)
        db.close()
    large = build_database(OUT / f"ui-persons-{rows}.sqlite3", rows)
    out = []
    for path in (small, large):
        mb = path.stat().st_size / 1e6
        Database.open(path).close()  # warm the file cache alike for both
        ours = _runs(lambda p=path: Database.open(p).close())
        bare = _runs(lambda p=path: _bare(p))
        full = _runs(lambda p=path: _full(p), 3)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out.append({"benchmark": f"open {path.name} ({mb:.1f} MB; runs {min(ours) * 1000:.1f}-{max(ours) * 1000:.1f} ms)",
                    "ours_s": min(ours), "baseline": "bare sqlite3.connect + SELECT 1", "baseline_s": min(bare),
                    "ratio": min(ours) / min(bare), "peak_mb": peak})  # fmt: skip
        out.append({"benchmark": f"  the full check of {path.name} (every open ran it before; now daily, in the background)",
                    "ours_s": min(full), "baseline": "our open", "baseline_s": min(ours),
                    "ratio": min(full) / min(ours), "peak_mb": peak})  # fmt: skip
    return out


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(row)
