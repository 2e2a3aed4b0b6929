"""Running the real command line on bad input, and the file systems that make a failure real: a small
tmpfs that fills up, a read-only bind mount (root only: then the tests mount; otherwise they fall back to
RLIMIT_FSIZE and chmod, or skip)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def run(*args, env=None, preexec=None, timeout=60):
    e = dict(os.environ)
    e.update(env or {})
    for k, v in list(e.items()):
        if v is None:
            del e[k]
    return subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", *args], capture_output=True,
                          env=e, timeout=timeout, preexec_fn=preexec)  # fmt: skip


def text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def sentence(r, code: int = 1) -> str:
    """The refusal: exit ``code``, no traceback, no "Unexpected error", and one line on stderr (after the
    usage lines argparse prints for exit 2)."""
    err = text(r.stderr)
    assert r.returncode == code, (r.returncode, err, text(r.stdout))
    assert "Traceback" not in err and "Unexpected error" not in err and "Exception ignored" not in err, err
    lines = [x for x in err.strip().splitlines() if x.strip()]
    if code == 2 and lines[0].startswith("usage:"):  # argparse's usage lines, then the sentence
        lines = [x for x in lines if not x.startswith(("usage:", " "))]
    assert len(lines) == 1, err
    assert lines[0].rstrip().endswith((".", ")")), lines[0]
    return lines[0]


def digest(path: Path) -> str:
    """The database file with its WAL: what a refusal must leave byte for byte as it was."""
    h = hashlib.sha256()
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def _mount(*args) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def small_disk(folder: Path, size_kb: int):
    """A folder on a tmpfs of ``size_kb`` (root); else None, and the caller limits the file size."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (ROOT and _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder))):
        yield None
        return
    try:
        yield folder
    finally:
        _umount(folder)


def fill(folder: Path, leave_kb: int) -> None:
    """Fill the small disk to ``leave_kb`` free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize - leave_kb * 1024
    if free > 0:
        with contextlib.suppress(OSError), open(folder / "filler", "wb") as f:
            f.write(b"\0" * free)


def file_size_limit(limit: int):
    """A preexec function: files larger than ``limit`` bytes cannot be written (EFBIG, not SIGXFSZ)."""

    def limit_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


@contextlib.contextmanager
def read_only_view(source: Path, view: Path):
    """``view`` shows ``source`` (a folder or a file) read-only: a read-only bind mount (root), else
    permissions (not root); None when neither can be made."""
    if ROOT:
        if source.is_dir():
            view.mkdir(parents=True, exist_ok=True)
        else:
            view.touch()
        if _mount("--bind", str(source), str(view)):
            if _mount("-o", "remount,ro,bind", str(view)):
                try:
                    yield view
                finally:
                    _umount(view)
                return
            _umount(view)
        yield None
        return
    mode = source.stat().st_mode
    source.chmod(0o555 if source.is_dir() else 0o444)
    try:
        yield source
    finally:
        source.chmod(mode)
