"""Start-up of the command line: `saiga-desk list signatories` on the demo database, against a bare
`python -c "import sqlalchemy.orm"`, each run as a fresh process, best of N."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _best(cmd: list[str], n: int, env) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - t)
    return best


def run(rows: int | None = None, repeats: int = 7) -> list[dict]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env["SAIGA_DESK_DATA_DIR"] = tmp
        db = str(Path(tmp) / "demo.sqlite3")
        subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", db, "demo"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
        ours = _best([sys.executable, "-m", "saiga_desk.cli.main", "--database", db, "list", "signatories"],
                     repeats, env)
        bare = _best([sys.executable, "-c", "import sqlalchemy.orm"], repeats, env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [{"benchmark": "cli start-up: list signatories", "ours_s": ours, "baseline": "import sqlalchemy.orm",
             "baseline_s": bare, "ratio": ours / bare, "peak_mb": peak}]


if __name__ == "__main__":
    for r in run():
        print(r)
