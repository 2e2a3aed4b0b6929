"""A second instance on the same SQLite file is told who holds it; stale locks are taken over;
network shares are recognised from mount tables."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from saiga_desk.core import instance_lock as il
from saiga_desk.core.errors import SaigaError


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_second_acquire_is_refused_naming_pid_and_host(db):
    first = il.acquire(db)
    assert first is not None and first.path.exists()
    held = json.loads(first.path.read_text())
    assert held["pid"] == os.getpid() and held["host"] == socket.gethostname()
    with pytest.raises(il.InstanceLockedError) as caught:
        il.acquire(db.path)  # by path too: the same file
    err = caught.value
    assert isinstance(err, SaigaError)
    assert str(os.getpid()) in str(err) and socket.gethostname() in str(err)
    assert err.holder["pid"] == os.getpid()
    first.release()
    assert not first.path.exists()
    again = il.acquire(db)
    assert again is not None
    again.release()
    first.release()  # idempotent, and does not remove someone else's lock


def test_a_lock_held_by_another_live_process_is_respected(db):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        path = il.lock_path_for(db.path)
        path.write_text(json.dumps({"pid": child.pid, "host": socket.gethostname(), "user": "colleague"}))
        with pytest.raises(il.InstanceLockedError) as caught:
            il.acquire(db)
        assert "colleague" in str(caught.value) and str(child.pid) in str(caught.value)
        forced = il.acquire(db, force=True)  # the officer confirmed the other one is gone
        assert forced is not None and json.loads(path.read_text())["pid"] == os.getpid()
        forced.release()
    finally:
        child.kill()
        child.wait()


def test_a_stale_lock_with_a_dead_pid_is_taken_over(db):
    path = il.lock_path_for(db.path)
    dead = _dead_pid()
    assert not il.pid_alive(dead)
    path.write_text(json.dumps({"pid": dead, "host": socket.gethostname(), "user": "crashed"}))
    lock = il.acquire(db)
    assert lock is not None
    assert json.loads(path.read_text())["pid"] == os.getpid()
    lock.release()
    assert not path.exists()


def test_a_lock_from_another_computer_is_never_taken_silently(db):
    path = il.lock_path_for(db.path)
    path.write_text(json.dumps({"pid": _dead_pid(), "host": "laptop-of-a-colleague", "since": "2024-05-01"}))
    with pytest.raises(il.InstanceLockedError) as caught:
        il.acquire(db)
    assert "laptop-of-a-colleague" in str(caught.value)
    path.write_text("garbage, half written")
    with pytest.raises(il.InstanceLockedError):
        il.acquire(db)


def test_a_release_does_not_remove_a_lock_taken_over_by_another(db):
    mine = il.acquire(db)
    theirs = il.acquire(db, force=True, pid=os.getpid())
    mine.release()
    assert theirs.path.exists()
    theirs.release()
    assert not theirs.path.exists()


def test_release_by_database_for_a_window_that_switches_files(db):
    lock = il.acquire(db)
    assert il.held(db) is lock and il.held(db.path) is lock
    il.release(db)
    assert lock.released and not lock.path.exists() and il.held(db) is None
    il.release(db)  # nothing held: no error
    il.acquire(db).release()


def test_server_databases_need_no_lock():
    class Server:
        path = None

    assert il.acquire(Server()) is None
    assert il.acquire("postgresql+psycopg://user@host/saiga") is None
    assert il.network_warning(Server()) is None


def test_pid_alive_for_self_and_nonsense():
    assert il.pid_alive(os.getpid())
    assert not il.pid_alive(0) and not il.pid_alive(-5)


PROC_MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 / ext4 rw,relatime 0 0
/dev/sda2 /home ext4 rw,relatime 0 0
server:/export/secretariat /home/officer/shared nfs4 rw,relatime,vers=4.2 0 0
//fileserver/Saiga\\040MOU /mnt/saiga\\040mou cifs rw,relatime,vers=3.0 0 0
officer@host:/data /home/officer/remote fuse.sshfs rw,nosuid,nodev 0 0
C:\\134 /mnt/c 9p rw,noatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
"""


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/home/officer/saiga-desk.sqlite3", False),
        ("/home/officer/shared/saiga-desk.sqlite3", True),
        ("/home/officer/shared", True),
        ("/home/officer/sharedother/db.sqlite3", False),
        ("/mnt/saiga mou/db.sqlite3", True),
        ("/home/officer/remote/x/y.sqlite3", True),
        ("/mnt/c/Users/officer/db.sqlite3", True),
        ("/tmp/db.sqlite3", False),
        ("/var/lib/db.sqlite3", False),
    ],
)
def test_network_paths_on_linux(path, expected):
    assert il.is_network_path(path, mounts=PROC_MOUNTS, system="linux") is expected


MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//officer@fileserver._smb._tcp.local/Saiga on /Volumes/Saiga (smbfs, nodev, nosuid, mounted by officer)
afp_0TQ5mW0000-1.2000000f on /Volumes/Archive (afpfs, nodev, nosuid)
"""


def test_network_paths_on_macos_and_windows():
    assert il.is_network_path("/Volumes/Saiga/db.sqlite3", mounts=MAC_MOUNT, system="darwin")
    assert il.is_network_path("/Volumes/Archive/old.sqlite3", mounts=MAC_MOUNT, system="darwin")
    assert not il.is_network_path("/Users/officer/db.sqlite3", mounts=MAC_MOUNT, system="darwin")
    assert il.is_network_path("\\\\fileserver\\saiga\\db.sqlite3", mounts="", system="win32")
    assert not il.is_network_path("C:\\Users\\officer\\db.sqlite3", mounts="", system="win32")


def test_this_machine_temp_folder_is_local(db):
    assert il.network_warning(db) is None or "network" in il.network_warning(db)
    lock = il.acquire(db)
    assert lock.on_network_share is il.is_network_path(db.path)
    lock.release()
