"""Run every benchmark in bench/ and print one table: benchmark, ours, bare baseline, ratio, peak memory.

Each bench_*.py module has ``run(rows=None) -> list[dict]`` with keys benchmark, ours_s, baseline,
baseline_s, ratio, peak_mb (see bench/bench_cli_startup.py). ``python bench/run_all.py [name ...]``.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_one(path: Path) -> int:
    """In a process of its own, so that each benchmark's peak memory is its own."""
    sys.path.insert(0, str(HERE.parent))
    try:
        rows = load(path).run()
    except Exception:
        traceback.print_exc()
        return 1
    print("BENCH-RESULT " + json.dumps(rows))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        return run_one(Path(argv[1]))
    # The project's bytecode, as an installed app has it (pip and PyInstaller compile it): without it every
    # fresh process compiles ~50 modules from source, which a machine with PYTHONDONTWRITEBYTECODE set
    # (this one) would charge to our start-up but not to the baseline's pre-compiled site-packages.
    compileall.compile_dir(str(HERE.parent / "saiga_desk"), quiet=1)
    results, failed = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if argv and not any(a in path.stem for a in argv):
            continue
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--one", str(path)], stdout=subprocess.PIPE, text=True,
                              cwd=HERE.parent)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH-RESULT ")]
        if proc.returncode != 0 or not lines:
            failed.append(path.name)
            continue
        results += json.loads(lines[-1][len("BENCH-RESULT "):])
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
