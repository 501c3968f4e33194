"""The maintenance mark of a tenant being upgraded, shared by the upgrader (propctl), the
cron runner and every Odoo server process.

A mark is the file ``<data_dir>/propctl-maintenance/<tenant>`` holding the upgrader's
pid, *and* an exclusive ``flock`` that the upgrader holds on it for as long as it runs.
Only a locked file counts: the kernel drops the lock when the last process holding it
ends, however it ends (SIGKILL included), so a killed upgrader's leftover file is
ignored and never locks its tenant out. Why this and not something else:

- the data dir is where every process that serves or upgrades a tenant already looks
  (``data_dir`` of the Odoo config; ``PROPCTL_DATA_DIR`` for propctl), and in
  docker-compose it is the ``odoo-data`` volume shared by the ``odoo`` and ``cron``
  containers: containers on one host share one kernel, so they see each other's flocks
  (their pids differ between containers: the pid in the file is for people only);
- the check costs a server one directory listing per request when no tenant is under
  maintenance (and one open and non-blocking flock when the request's tenant has a
  file), where a PostgreSQL advisory lock would cost a database round trip per request
  and a connection to the tenant being upgraded;
- a pid alone could not tell a dead upgrader from a recycled pid, nor work across
  containers.

Standard library only: propctl imports it without an Odoo server around it.
"""

import contextlib
import errno
import fcntl
import os

DIRECTORY = "propctl-maintenance"


class AlreadyMarked(Exception):
    """The tenant's mark is held by another live process (another upgrade of it)."""


def directory(data_dir):
    return os.path.join(data_dir, DIRECTORY)


def candidates(data_dir):
    """Names of the tenants that have a mark file, held or left over (cheap: one
    listing; an absent directory is an empty one)."""
    try:
        return os.listdir(directory(data_dir))
    except FileNotFoundError:
        return []


def is_held(data_dir, name):
    """Whether a live process holds the mark of tenant `name` (never blocks)."""
    try:
        fd = os.open(os.path.join(directory(data_dir), name), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return True
        raise
    finally:
        os.close(fd)  # also releases our shared lock, if we got it
    return False


def held(data_dir):
    """Names of the tenants under maintenance now."""
    return [name for name in candidates(data_dir) if is_held(data_dir, name)]


@contextlib.contextmanager
def hold(data_dir, name):
    """Mark tenant `name` as under maintenance for the duration of the block; yield the
    file descriptor that holds the lock. Children given this descriptor (``pass_fds``)
    keep the mark while they run, even if this process is killed."""
    os.makedirs(directory(data_dir), exist_ok=True)
    path = os.path.join(directory(data_dir), name)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            raise AlreadyMarked(f"{name} is already under maintenance ({_pid(path)})") from None
        # A holder that was releasing may have removed the file we opened: lock the
        # file that is at the path now, or the mark would be invisible.
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield fd
    finally:
        # removed while still locked: nobody can lock a file that is about to vanish
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def _pid(path):
    try:
        with open(path, encoding="ascii") as handle:
            return f"pid {handle.read().strip() or '?'}"
    except OSError:
        return "pid unknown"
