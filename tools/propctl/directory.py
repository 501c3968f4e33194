"""The tenant directory: which database server holds which tenant.

Tenants may live on several PostgreSQL servers (one Odoo server group in front of each).
The directory is a small catalogue database, ``propctl_catalogue``, on the *main*
server (the one of ``config/odoo.conf`` or ``PROPCTL_DB_*``): the other servers, and
each tenant's server. Every propctl command finds a tenant's server there, and propctl
writes the reverse proxy's routing map from it (``var/routing/tenants.map``). Tenant
databases found on a server but not in the directory (made before it existed) are
entered when the directory is read.

The catalogue keeps the other servers' passwords: every machine that runs propctl needs
them, as Odoo's configuration file keeps its own ``db_password``; the catalogue is
reached with the main server's Odoo role only.
"""

import contextlib
import os
import re
from dataclasses import dataclass

import click

from . import settings

MAIN = "main"
CATALOGUE = "propctl_catalogue"
SERVER_NAME = re.compile(r"^[a-z][a-z0-9]{0,19}$")
# Kept by a move until the operator confirms it: a name no host and no cron reaches.
MOVED_PREFIX = "propctl_moved."

SCHEMA = """
CREATE TABLE db_server (
    name text PRIMARY KEY,
    host text NOT NULL,
    port integer NOT NULL,
    username text NOT NULL,
    password text NOT NULL DEFAULT '',
    added timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tenant (
    name text PRIMARY KEY,
    server text NOT NULL,
    -- while a move copies it (read-only meanwhile): the server it goes to
    moving_to text,
    -- the server whose copy a move left (kept until the move is confirmed)
    moved_from text,
    since timestamptz NOT NULL DEFAULT now()
);
"""


@dataclass(frozen=True)
class Tenant:
    name: str
    server: str
    moving_to: str | None
    moved_from: str | None


def connect_main(dbname):
    """A psycopg2 connection to database `dbname` of the main server."""
    import psycopg2

    main = settings.db_server()
    return psycopg2.connect(
        dbname=dbname,
        host=main.host,
        port=main.port,
        user=main.user,
        password=main.password,
        application_name="propctl",
    )


@contextlib.contextmanager
def catalogue():
    """A cursor on the catalogue (autocommit), which is made on first use."""
    import psycopg2
    import psycopg2.errors

    try:
        connection = connect_main(CATALOGUE)
    except psycopg2.OperationalError as exc:
        if f'"{CATALOGUE}" does not exist' not in str(exc):
            raise
        with contextlib.closing(connect_main("postgres")) as postgres:
            postgres.autocommit = True
            with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                postgres.cursor().execute(f'CREATE DATABASE "{CATALOGUE}"')
        connection = connect_main(CATALOGUE)
    connection.autocommit = True
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT to_regclass('tenant')")
            if cr.fetchone()[0] is None:
                with connection:  # one transaction: the schema is made whole or not
                    cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [CATALOGUE])
                    cr.execute("SELECT to_regclass('tenant')")
                    if cr.fetchone()[0] is None:
                        cr.execute(SCHEMA)
            yield cr
    finally:
        connection.close()


def servers():
    """{name: settings.DbServer} of every database server, the main one included."""
    found = {MAIN: settings.db_server()}
    with catalogue() as cr:
        cr.execute("SELECT name, host, port, username, password FROM db_server ORDER BY name")
        for name, host, port, user, password in cr.fetchall():
            found[name] = settings.DbServer(host, port, user, password, embedded=False)
    return found


def server(name):
    try:
        return servers()[name]
    except KeyError:
        raise click.ClickException(
            f"No database server '{name}' (see `propctl server list`)."
        ) from None


def add_server(name, host, port, user, password):
    """Enter a database server, once it answers as a role that may create databases."""
    import psycopg2

    if not SERVER_NAME.match(name) or name == MAIN:
        raise click.ClickException(
            f"'{name}' is not a valid server name: 1 to 20 lowercase letters and digits, "
            f"starting with a letter, not '{MAIN}'."
        )
    if name in servers():
        raise click.ClickException(f"Server '{name}' is already in the directory.")
    try:
        with (
            contextlib.closing(
                psycopg2.connect(
                    dbname="postgres",
                    host=host,
                    port=port,
                    user=user,
                    password=password,
                    connect_timeout=10,
                )  # fmt: skip
            ) as connection,
            connection.cursor() as cr,
        ):
            cr.execute("SELECT rolcreatedb, rolsuper FROM pg_roles WHERE rolname = current_user")
            createdb, superuser = cr.fetchone()
    except psycopg2.Error as exc:
        raise click.ClickException(f"Cannot connect to {user}@{host}:{port}: {exc}") from None
    if superuser or not createdb:
        raise click.ClickException(
            f"Role {user} on {host}:{port} must have CREATEDB and must not be a superuser."
        )
    with catalogue() as cr:
        cr.execute(
            "INSERT INTO db_server (name, host, port, username, password) "
            "VALUES (%s, %s, %s, %s, %s)",
            [name, host, port, user, password],
        )


def remove_server(name):
    server(name)
    if name == MAIN:
        raise click.ClickException("The main server holds the directory: it stays.")
    with catalogue() as cr:
        cr.execute("DELETE FROM db_server WHERE name = %s", [name])


_current = MAIN


def current():
    """The server Odoo works on in this process now (see `use`)."""
    return _current


@contextlib.contextmanager
def use(name):
    """Inside the block, Odoo (its connections, pg_dump...) works on database server
    `name`. Connections are pooled by their parameters, so each server keeps its own."""
    import odoo

    global _current
    target = server(name)
    config = odoo.tools.config
    keys = ("db_host", "db_port", "db_user", "db_password")
    saved = {key: config[key] for key in keys}, _current
    config["db_host"], config["db_port"] = target.host, target.port
    config["db_user"], config["db_password"] = target.user, target.password
    _current = name
    try:
        yield target
    finally:
        for key, value in saved[0].items():
            config[key] = value
        _current = saved[1]


def entries():
    """[Tenant] of the directory, by name."""
    with catalogue() as cr:
        cr.execute("SELECT name, server, moving_to, moved_from FROM tenant ORDER BY name")
        return [Tenant(*row) for row in cr.fetchall()]


def entry(name):
    with catalogue() as cr:
        cr.execute("SELECT name, server, moving_to, moved_from FROM tenant WHERE name = %s", [name])
        row = cr.fetchone()
    return Tenant(*row) if row else None


def register(name, server_name, moved_from=None):
    """Enter tenant `name` on `server_name` (or switch it there at the end of a move)."""
    with catalogue() as cr:
        cr.execute(
            "INSERT INTO tenant (name, server, moved_from) VALUES (%s, %s, %s) "
            "ON CONFLICT (name) DO UPDATE SET server = EXCLUDED.server, moving_to = NULL, "
            "moved_from = EXCLUDED.moved_from, since = now()",
            [name, server_name, moved_from],
        )
    write_routing_map()


def set_moving_to(name, server_name):
    with catalogue() as cr:
        cr.execute("UPDATE tenant SET moving_to = %s WHERE name = %s", [server_name, name])


def forget(name):
    with catalogue() as cr:
        cr.execute("DELETE FROM tenant WHERE name = %s", [name])
    write_routing_map()


def confirm_move(name):
    with catalogue() as cr:
        cr.execute("UPDATE tenant SET moved_from = NULL WHERE name = %s", [name])


def adopt(server_name, names):
    """Enter the tenant databases `names` found on `server_name` that the directory
    does not know (made before it existed, or a registration lost to a crash)."""
    known = {t.name for t in entries()}
    unknown = [name for name in names if name not in known]
    if unknown:
        with catalogue() as cr:
            cr.executemany(
                "INSERT INTO tenant (name, server) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(name, server_name) for name in unknown],
            )
        write_routing_map()
    return unknown


def routing_map_path():
    return settings.VAR_DIR / "routing" / "tenants.map"


def write_routing_map():
    """Write the reverse proxy's map of tenant -> server group (nginx `map` syntax, see
    config/nginx.conf), replacing the file at once; run PROPCTL_ROUTING_RELOAD (e.g.
    `nginx -s reload`) if set."""
    import subprocess

    path = routing_map_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{t.name} {t.server};\n" for t in entries()]
    partial = path.with_suffix(".tmp")
    partial.write_text("# written by propctl from the tenant directory\n" + "".join(lines))
    partial.replace(path)
    reload = os.environ.get("PROPCTL_ROUTING_RELOAD")
    if reload:
        subprocess.run(reload, shell=True, check=False)  # the operator's own command line


def moved_name(name):
    return MOVED_PREFIX + name
