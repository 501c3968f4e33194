"""The embedded PostgreSQL cluster: a private server under ``var/pg``.

It listens on 127.0.0.1 only, on its own port, and runs as an unprivileged system user
(PostgreSQL refuses to run as root: when propctl runs as root, the cluster runs as the
``postgres`` user that Debian's package creates). Odoo connects over TCP as the
non-superuser role ``odoo`` (CREATEDB), with a generated password kept in ``var/``.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import click

from . import settings

PG_DIR = settings.VAR_DIR / "pg"
DATA_DIR = PG_DIR / "data"
SOCKET_DIR = PG_DIR / "run"
LOG_FILE = PG_DIR / "server.log"


def bin_dir():
    """The newest PostgreSQL server binaries on this machine, or None."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]),
    )
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _tool(name):
    directory = bin_dir()
    if directory is None:
        raise click.ClickException(
            "PostgreSQL server binaries were not found. Run `./propctl setup` "
            "(installs Debian's `postgresql` package) or configure an external server "
            "with PROPCTL_DB_HOST."
        )
    return str(directory / name)


def _server_user():
    """(uid, gid) the cluster runs as: ourselves, or ``postgres`` when we are root."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError as exc:
        raise click.ClickException(
            "PostgreSQL refuses to run as root and there is no `postgres` system user. "
            "Install Debian's `postgresql` package (`./propctl setup`) or run propctl "
            "as an unprivileged user."
        ) from exc
    return entry.pw_uid, entry.pw_gid


def _run_as_server(args, **kwargs):
    uid, gid = _server_user()
    if os.geteuid() == 0:
        kwargs.update(user=uid, group=gid, extra_groups=[])
    return subprocess.run(args, check=False, text=True, capture_output=True, **kwargs)


def _check(result, what):
    if result.returncode != 0:
        raise click.ClickException(
            f"{what} failed:\n{(result.stdout or '') + (result.stderr or '')}".strip()
        )
    return result


def is_initialised():
    return (DATA_DIR / "PG_VERSION").exists()


def is_running():
    if not is_initialised():
        return False
    result = _run_as_server([_tool("pg_ctl"), "status", "-D", str(DATA_DIR)])
    return result.returncode == 0


def _port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _initialise():
    uid, gid = _server_user()
    PG_DIR.mkdir(parents=True, exist_ok=True)
    os.chown(PG_DIR, uid, gid)
    PG_DIR.chmod(0o700)
    SOCKET_DIR.mkdir(exist_ok=True)
    os.chown(SOCKET_DIR, uid, gid)
    probe = _run_as_server(["test", "-w", str(PG_DIR)])
    if probe.returncode != 0:
        raise click.ClickException(
            f"The database server's user cannot reach {PG_DIR}: a parent folder is "
            "closed to other users. Clone the project somewhere it can reach, or set "
            "PROPCTL_VAR to such a folder."
        )
    with tempfile.NamedTemporaryFile("w", dir=PG_DIR, delete=False) as pwfile:
        pwfile.write(settings.secret("pg-superuser-password"))
    os.chown(pwfile.name, uid, gid)
    try:
        _check(
            _run_as_server(
                [
                    _tool("initdb"),
                    "-D",
                    str(DATA_DIR),
                    "--username=postgres",
                    f"--pwfile={pwfile.name}",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            "initdb",
        )
    finally:
        os.unlink(pwfile.name)
    with open(DATA_DIR / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(
            "\n# propctl: private cluster, loopback only\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {settings.EMBEDDED_PORT}\n"
            f"unix_socket_directories = '{SOCKET_DIR}'\n"
            "unix_socket_permissions = 0700\n"
            "max_connections = 200\n"
            "shared_buffers = 256MB\n"
            # A crash may lose the last commits but never corrupts the cluster.
            "synchronous_commit = off\n"
        )


def _psql(sql):
    return _check(
        _run_as_server(
            [
                _tool("psql"),
                "-h",
                str(SOCKET_DIR),
                "-p",
                str(settings.EMBEDDED_PORT),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-tAc",
                sql,
            ]
        ),
        "psql",
    ).stdout.strip()


def _ensure_odoo_role():
    role = settings.EMBEDDED_ROLE
    password = settings.secret("pg-odoo-password").replace("'", "''")
    exists = _psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'")
    verb = "ALTER" if exists else "CREATE"
    _psql(f"{verb} ROLE {role} LOGIN CREATEDB NOSUPERUSER PASSWORD '{password}'")


def start():
    """Start the cluster (initialising it on first use). Returns True if we started it."""
    if is_running():
        return False
    if not is_initialised():
        click.echo(f"Initialising the embedded PostgreSQL cluster in {DATA_DIR}")
        _initialise()
    if _port_in_use(settings.EMBEDDED_PORT):
        raise click.ClickException(
            f"Port {settings.EMBEDDED_PORT} on 127.0.0.1 is taken by another program. "
            "Choose another one with PROPCTL_PG_PORT."
        )
    uid, gid = _server_user()
    LOG_FILE.touch()
    os.chown(LOG_FILE, uid, gid)
    _check(
        # the port of now (PROPCTL_PG_PORT), not the one written when it was initialised
        _run_as_server(
            [
                *[_tool("pg_ctl"), "start", "-w", "-D", str(DATA_DIR), "-l", str(LOG_FILE)],
                *["-o", f"-p {settings.EMBEDDED_PORT}"],
            ]
        ),
        "pg_ctl start",
    )
    _ensure_odoo_role()
    return True


def stop():
    if not is_running():
        return False
    _check(
        _run_as_server([_tool("pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(DATA_DIR)]),
        "pg_ctl stop",
    )
    return True
