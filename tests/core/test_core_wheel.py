"""The migrations, the country list and the fonts work from a built wheel, not only from the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_migrations_and_resources(tmp_path):
    # built from a copy: setuptools keeps its build/ folder in the tree it builds, and a file deleted from
    # the sources since an earlier build would still ride in the wheel (a stale migration did, once)
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "screenshots", "bench"))  # fmt: skip
    out = tmp_path / "wheel"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                        str(out), str(source)], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(out.glob("saiga_desk-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(site)
    assert "saiga_desk/core/migrations/versions/0001_initial_schema.py" in names
    assert "saiga_desk/core/data/countries.csv" in names
    assert "saiga_desk/resources/fonts/DejaVuSans.ttf" in names

    code = (
        "import saiga_desk, sys; from pathlib import Path\n"
        "assert Path(saiga_desk.__file__).is_relative_to(Path(sys.argv[1])), saiga_desk.__file__\n"
        "from saiga_desk.core.database import Database\n"
        "from saiga_desk.core import migrate, services as sv\n"
        "from saiga_desk.paths import resource_path\n"
        "db = Database.open(sys.argv[2])\n"
        "assert migrate.status(db)['up_to_date']\n"
        "assert sv.find(db, 'countries', code='MNG')[0].name_ru == 'Монголия'\n"
        "assert resource_path('fonts', 'DejaVuSans.ttf').is_file()\n"
        "assert Path(resource_path('fonts')).is_relative_to(Path(sys.argv[1]))\n"
        "print('ok')\n"
    )
    env = {"PYTHONPATH": str(site), "SAIGA_DESK_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-c", code, str(site), str(tmp_path / "w.sqlite3")], capture_output=True,
                       text=True, timeout=120, env=env, cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stdout + r.stderr
