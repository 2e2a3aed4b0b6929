"""Start-up of the command line: `saiga-desk list signatories` on the demo database, against a bare
`python -c "import sqlalchemy.orm"`, each run as a fresh process, best of N (taking turns)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _once(cmd: list[str], env) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t


def _best_interleaved(ours: list[str], bare: list[str], n: int, env) -> tuple[float, float]:
    """Best of ``n`` runs each, ours and the baseline taking turns, so that a busy moment of the machine
    falls on both alike."""
    a, b = [], []
    for _ in range(n):
        a.append(_once(ours, env))
        b.append(_once(bare, env))
    return min(a), min(b)


def run(rows: int | None = None, repeats: int = 15) -> list[dict]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env["SAIGA_DESK_DATA_DIR"] = tmp
        db = str(Path(tmp) / "demo.sqlite3")
        subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", db, "demo"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
        ours, bare = _best_interleaved(
            [sys.executable, "-m", "saiga_desk.cli.main", "--database", db, "list", "signatories"],
            [sys.executable, "-c", "import sqlalchemy.orm"],
            repeats,
            env,
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [{"benchmark": "cli start-up: list signatories", "ours_s": ours, "baseline": "import sqlalchemy.orm",
             "baseline_s": bare, "ratio": ours / bare, "peak_mb": peak}]


if __name__ == "__main__":
    for r in run():
        print(r)
