"""Run every benchmark in bench/ and print one table: benchmark, ours, bare baseline, ratio, peak memory.

Each bench_*.py module has ``run(rows=None) -> list[dict]`` with keys benchmark, ours_s, baseline,
baseline_s, ratio, peak_mb (see bench/bench_cli_startup.py). ``python bench/run_all.py [name ...]``.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE.parent))
    results, failed = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if argv and not any(a in path.stem for a in argv):
            continue
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        try:
            results += load(path).run()
        except Exception:
            traceback.print_exc()
            failed.append(path.name)
    header = ("benchmark", "ours (s)", "baseline", "baseline (s)", "ratio", "peak MB")
    rows = [(r["benchmark"], f"{r['ours_s']:.3f}", r["baseline"], f"{r['baseline_s']:.3f}", f"{r['ratio']:.2f}x",
             f"{r.get('peak_mb', 0):.1f}") for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    for i, row in enumerate([header, *rows]):
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
