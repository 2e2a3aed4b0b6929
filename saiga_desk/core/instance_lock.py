"""One Saiga Desk at a time on an SQLite file, and a warning for files on network shares.

``acquire(db)`` writes ``<database>.lock`` beside the file (JSON: pid, host, user, since). A second
instance opening the same file gets InstanceLockedError naming who holds it, instead of racing it.
A lock left by a process that no longer runs on this computer is taken over. ``Lock.release()`` (also
called at exit) removes the file if it is still ours. PostgreSQL databases need no lock: acquire returns None. The command line does not take the lock: its
writes wait while a window has the file open (``wait_until_free``) and are refused, naming the window's
holder, when it stays open.

SQLite on a network share (NFS, SMB/CIFS, SSHFS, 9p...) is unsafe for several users at once and slow;
``is_network_path`` tells the GUI when to warn.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

log = logging.getLogger(__name__)

NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs", "afpfs", "webdav",
        "davfs", "fuse.davfs2", "ncpfs", "fuse.rclone", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph",
        "lustre", "gpfs", "beegfs", "fuse.s3fs", "fuse.gvfsd-fuse", "vboxsf", "virtiofs",
    }
)  # fmt: skip


class InstanceLockedError(SaigaError):
    """The database is in use by another Saiga Desk (``holder`` is the lock file's content)."""

    def __init__(self, message: str, holder: dict | None = None, lock_path: Path | None = None):
        super().__init__(message)
        self.holder = holder or {}
        self.lock_path = lock_path


_HELD: dict[Path, Lock] = {}  # the locks this process holds, by lock file


class Lock:
    """A held lock; ``release()`` is idempotent. Usable as a context manager."""

    def __init__(self, path: Path, info: dict, on_network_share: bool = False):
        self.path = path
        self.info = info
        self.on_network_share = on_network_share
        self.released = False
        atexit.register(self.release)
        _HELD[path] = self

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        if _HELD.get(self.path) is self:
            del _HELD[self.path]
        with contextlib.suppress(Exception):
            atexit.unregister(self.release)
        current = _read(self.path)
        if current is not None and current.get("token") != self.info.get("token"):
            log.warning("lock %s was taken over by %s; left in place", self.path, current)
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"Lock({self.path}, pid={self.info.get('pid')}, host={self.info.get('host')})"


def held(db) -> Lock | None:
    """The lock this process holds on ``db`` (a Database or a path), if any."""
    db_file = _db_file(db)
    return _HELD.get(lock_path_for(db_file)) if db_file is not None else None


def release(db) -> None:
    """Release this process's lock on ``db`` (when the window switches to another database). Never raises."""
    lock = held(db)
    if lock is not None:
        lock.release()


def lock_path_for(db_path: str | os.PathLike) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


def _db_file(db) -> Path | None:
    if isinstance(db, str | os.PathLike):
        text = os.fspath(db)
        return None if "://" in text else Path(text).expanduser().resolve()
    path = getattr(db, "path", None)
    return Path(path).resolve() if path else None


def _hostname() -> str:
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"


def _user() -> str:
    try:
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.core.database import current_actor

        return current_actor()
    except Exception:  # noqa: BLE001
        return ""


def _read(path: Path) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        data = json.loads(text)
        return data if isinstance(data, dict) else {}
    except ValueError:
        return {}  # half-written or foreign: treated as held by an unknown process


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (never signals it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _create(path: Path, info: dict) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(info, f)
        f.flush()
        with contextlib.suppress(OSError):
            os.fsync(f.fileno())
    return True


def describe(holder: dict) -> str:
    who = holder.get("user") or _("someone")
    return _("{user} on {host} (process {pid}, since {since})").format(
        user=who,
        host=holder.get("host") or _("an unknown computer"),
        pid=holder.get("pid", "?"),
        since=holder.get("since", "?"),
    )


def acquire(db, *, force: bool = False, pid: int | None = None, host: str | None = None) -> Lock | None:
    """Take the lock of an SQLite database (a Database or a file path).

    Returns None for PostgreSQL / in-memory databases. Raises InstanceLockedError when another running
    Saiga Desk holds it (unless ``force``: the officer confirmed the other one is gone). A lock whose
    process is dead on this computer is taken over silently."""
    db_file = _db_file(db)
    if db_file is None:
        return None
    path = lock_path_for(db_file)
    me_host = host or _hostname()
    info = {
        "pid": pid if pid is not None else os.getpid(),
        "host": me_host,
        "user": _user(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
        "database": str(db_file),
        "token": uuid.uuid4().hex,
    }
    try:
        network = is_network_path(db_file)
    except Exception:  # noqa: BLE001
        network = False
    for _attempt in range(3):
        try:
            if _create(path, info):
                return Lock(path, info, network)
        except OSError as e:  # read-only folder: nothing to lock with; carry on unlocked
            log.warning("cannot write the lock file %s: %s", path, e)
            return None
        holder = _read(path)
        if holder is None:
            continue  # released meanwhile: try again
        stale = _stale(holder, me_host)
        if stale or force:
            log.info("taking over the lock %s from %s (%s)", path, holder, "stale" if stale else "forced")
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            continue
        raise InstanceLockedError(
            _(
                "{db} is already open in Saiga Desk by {holder}. Close it there first: two copies of "
                "the app writing the same file could lose changes."
            ).format(db=db_file.name, holder=describe(holder)),
            holder=holder,
            lock_path=path,
        )
    raise InstanceLockedError(
        _("Could not take the lock {path}; another Saiga Desk is starting on the same file.").format(
            path=path
        ),
        lock_path=path,
    )


def running_holder(db) -> dict | None:
    """The lock file's content when another running Saiga Desk (not this process) has ``db`` open, else None.
    A lock whose process is dead on this computer does not count."""
    db_file = _db_file(db)
    if db_file is None:
        return None
    path = lock_path_for(db_file)
    if path in _HELD:
        return None
    holder = _read(path)
    if holder is None:
        return None
    if holder.get("pid") == os.getpid() and holder.get("host") == _hostname():
        return None
    return None if _stale(holder, _hostname()) else holder


def _stale(holder: dict, host: str) -> bool:
    """A lock left by a process that no longer runs on this computer."""
    return holder.get("host") == host and isinstance(holder.get("pid"), int) and not pid_alive(holder["pid"])


def wait_until_free(db, timeout: float, poll: float = 0.2) -> None:
    """For the command line's writes: wait up to ``timeout`` seconds while a running Saiga Desk window has
    ``db`` open (its instance lock), then refuse with InstanceLockedError naming who holds it. Returns at
    once when no window has it open. The write itself is then serialized by the database's write lock."""
    deadline = time.monotonic() + max(0.0, timeout)
    while True:
        holder = running_holder(db)
        if holder is None:
            return
        if time.monotonic() >= deadline:
            db_file = _db_file(db)
            raise InstanceLockedError(
                _(
                    "{db} is open in Saiga Desk by {holder}; nothing was changed. Close it there, or make "
                    "the change in that window (waited {seconds} s)."
                ).format(db=db_file.name, holder=describe(holder), seconds=f"{timeout:g}"),
                holder=holder,
                lock_path=lock_path_for(db_file),
            )
        time.sleep(poll)


# --------------------------------------------------------------------------- network shares
def _unescape_mount(text: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040...)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 4 <= len(text) and text[i + 1 : i + 4].isdigit():
            out.append(chr(int(text[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse_proc_mounts(text: str) -> list[tuple[str, str, str]]:
    """(source, mount point, fs type) for each line of /proc/mounts."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out.append((_unescape_mount(parts[0]), _unescape_mount(parts[1]), parts[2]))
    return out


def parse_mount_output(text: str) -> list[tuple[str, str, str]]:
    """macOS / BSD ``mount`` output: ``//user@server/share on /Volumes/share (smbfs, nodev, ...)``."""
    out = []
    for line in text.splitlines():
        if " on " not in line or "(" not in line:
            continue
        source, rest = line.split(" on ", 1)
        point, _sep, opts = rest.rpartition(" (")
        fstype = opts.split(",", 1)[0].strip(" )")
        out.append((source.strip(), point.strip(), fstype))
    return out


def _fs_type_of(path: str, mounts: list[tuple[str, str, str]]) -> str | None:
    best, best_len = None, -1
    for _source, point, fstype in mounts:
        p = point.rstrip("/") or "/"
        if p == "/" or path == p or path.startswith(p + "/"):
            if len(p) > best_len:
                best, best_len = fstype, len(p)
    return best


def is_network_path(path: str | os.PathLike, *, mounts: str | None = None, system: str | None = None) -> bool:
    """Whether ``path`` is on a network share. ``mounts`` (the text of /proc/mounts on Linux, of
    ``mount`` on macOS) and ``system`` ("linux", "win32", "darwin") can be given for testing."""
    system = system or sys.platform
    raw = os.fspath(path)
    if system == "win32":
        if raw.startswith(("\\\\", "//")):
            return True
        if mounts is not None or sys.platform != "win32":
            return False
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(raw))[0]
        if drive.startswith(("\\\\", "//")):
            return True
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # type: ignore[attr-defined]
    if mounts is None:
        raw = str(Path(raw).expanduser().resolve())
    if system.startswith("linux"):
        if mounts is None:
            try:
                mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return False
        table = parse_proc_mounts(mounts)
    elif system == "darwin" or "bsd" in system:
        if mounts is None:
            try:
                mounts = subprocess.run(
                    ["mount"], capture_output=True, text=True, timeout=5, check=False
                ).stdout
            except (OSError, subprocess.SubprocessError):
                return False
        table = parse_mount_output(mounts)
    else:
        return False
    fstype = _fs_type_of(raw, table)
    return fstype is not None and fstype.lower() in NETWORK_FS_TYPES


def network_warning(db) -> str | None:
    """The warning the GUI shows when the database file is on a network share, else None."""
    db_file = _db_file(db)
    if db_file is None:
        return None
    try:
        if not is_network_path(db_file):
            return None
    except Exception:  # noqa: BLE001
        return None
    return _(
        "{path} is on a network share. Saiga Desk keeps working, but a database file on a shared folder "
        "can be damaged when two computers use it at once or the connection drops. Keep it on this "
        "computer, or ask for a shared PostgreSQL database for team work."
    ).format(path=db_file)
