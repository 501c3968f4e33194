"""Tenants on two database servers: a second PostgreSQL cluster on this machine, entered
in the tenant directory, with its own Odoo server group. A tenant is created on it,
listed with the others, served by its group and routed to it; moved to the main server
with its data, its old copy kept until confirmed; a failed or killed move leaves it
where it was.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

import psycopg2
import pytest
import requests
from conftest import (
    LOGIN_A,
    PASSWORD,
    PROPCTL,
    ROOT,
    TENANT_A,
    db_connect,
    free_port,
    run_propctl,
    start_server,
    stop_server,
)
from test_crons import JOB

SECOND = "testsecond"
# The second cluster lives under var/ (its server user must reach the folder).
SECOND_VAR = ROOT / "var" / "test-second-server"


def _second_env(port):
    return {"PROPCTL_VAR": str(SECOND_VAR), "PROPCTL_PG_PORT": str(port)}


def _forget_leftovers():
    """Entries of an interrupted run in the directory (on the main server)."""
    with db_connect("propctl_catalogue") as conn, conn.cursor() as cr:
        cr.execute("DELETE FROM tenant WHERE server = %s", [SECOND])
        cr.execute("DELETE FROM db_server WHERE name = %s", [SECOND])
    conn.close()


@pytest.fixture(scope="module")
def second_server(two_tenants):
    """A second PostgreSQL cluster, entered in the directory as SECOND: its port."""
    run_propctl("tenant", "list")  # the directory exists from here on
    _forget_leftovers()
    if SECOND_VAR.exists():
        run_propctl("db", "stop", check=False, env=_second_env(0))
        shutil.rmtree(SECOND_VAR)
    port = free_port()
    run_propctl("db", "start", env=_second_env(port))
    password = (SECOND_VAR / "secrets" / "pg-odoo-password").read_text().strip()
    run_propctl(
        "server", "add", SECOND, "--host", "127.0.0.1", "--port", str(port), "--password", password
    )
    yield port, password
    for line in run_propctl("tenant", "list").stdout.splitlines():
        name, _url, server = line.split("\t")[:3]
        if server == SECOND:
            run_propctl("tenant", "drop", name, "--yes")
    run_propctl("server", "remove", SECOND)
    run_propctl("db", "stop", env=_second_env(port))
    shutil.rmtree(SECOND_VAR)


@pytest.fixture(scope="module")
def second_group(second_server, tmp_path_factory):
    """The Odoo server group of the second database server (its web server and crons)."""
    process, srv = start_server(tmp_path_factory.mktemp("second") / "odoo.log", "--server", SECOND)
    try:
        yield srv
    finally:
        stop_server(process)


NGINX_CONF = """
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    include {prefix}/nginx-servers.conf;
    upstream odoo_main {{ server 127.0.0.1:{main}; }}
    upstream odoo_{second} {{ server 127.0.0.1:{group}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://odoo_$odoo_group;
            proxy_set_header Host $host;
        }}
    }}
}}
"""


@pytest.fixture(scope="module")
def proxy(server, second_group, tmp_path_factory):
    """nginx in front of both server groups, routing by the project's
    config/nginx-servers.conf and the map propctl writes (reloaded by propctl): a
    function telling whether a tenant's host reaches its tenant through it."""
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "tmp").mkdir(mode=0o777)
    routing = (ROOT / "config" / "nginx-servers.conf").read_text(encoding="utf-8")
    routing = routing.replace("/etc/nginx/propctl/tenants.map", str(_routing_map()))
    (prefix / "nginx-servers.conf").write_text(routing, encoding="utf-8")
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            prefix=prefix, main=server.port, second=SECOND, group=second_group.port, port=port
        )
    )
    command = [shutil.which("nginx"), "-p", str(prefix), "-c", str(conf)]
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    reload = " ".join([*command, "-s", "reload"])
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setitem(os.environ, "PROPCTL_ROUTING_RELOAD", reload)
            run_propctl("routing")

            def reaches(tenant):
                # a reload starts new workers: the new map may take a moment
                deadline = time.monotonic() + 10
                while True:
                    try:
                        response = requests.get(
                            f"http://127.0.0.1:{port}/web/login",
                            headers={"Host": f"{tenant}.example.com"},
                            timeout=60,
                            allow_redirects=False,
                        )
                        if response.status_code == 200 and 'name="login"' in response.text:
                            return True
                    except requests.ConnectionError:
                        pass
                    if time.monotonic() > deadline:
                        return False
                    time.sleep(0.2)

            yield reaches
    finally:
        process.terminate()
        process.wait(timeout=30)


def _routing_map():
    return ROOT / "var" / "routing" / "tenants.map"


def _connect_second(second_server, dbname):
    port, password = second_server
    return psycopg2.connect(
        dbname=dbname, host="127.0.0.1", port=port, user="odoo", password=password
    )


def _databases(connect):
    with connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database")
        names = {row[0] for row in cr.fetchall()}
    conn.close()
    return names


def _listed():
    """{tenant: (server, note)} as `propctl tenant list` prints them."""
    listed = {}
    for line in run_propctl("tenant", "list").stdout.splitlines():
        cells = line.split("\t") + [""]
        listed[cells[0]] = (cells[2], cells[3])
    return listed


def _routes():
    """{tenant: server group} of the routing map propctl writes for the proxy."""
    text = _routing_map().read_text(encoding="utf-8")
    lines = [line.rstrip(";").split() for line in text.splitlines() if line[:1] not in "#"]
    return dict(line for line in lines if line)


def _serves(server, tenant):
    """Whether the Odoo server group `server` has tenant's database for its host."""
    response = server.session(tenant).get(
        server.url + "/web/login", timeout=60, allow_redirects=False
    )
    return response.status_code == 200 and 'name="login"' in response.text


def _read_only(connection):
    with connection, connection.cursor() as cr:
        cr.execute("SHOW default_transaction_read_only")
        value = cr.fetchone()[0]
    connection.close()
    return value == "on"


def _create_on_second(name):
    run_propctl(
        "tenant", "create", name, "--server", SECOND,
        "--admin-login", LOGIN_A, "--admin-password", PASSWORD,
    )  # fmt: skip


def test_a_tenant_on_the_second_server_is_listed_served_routed_and_run(
    second_server, second_group, server, proxy
):
    name = "test-srv-b"
    _create_on_second(name)
    assert name in _databases(lambda db: _connect_second(second_server, db))
    assert name not in _databases(db_connect)
    listed = _listed()
    assert listed[name] == (SECOND, "") and listed[TENANT_A] == ("main", "")
    assert _routes()[name] == SECOND and _routes()[TENANT_A] == "main"
    # each group serves the tenants of its database server, and only those
    assert _serves(second_group, name) and not _serves(server, name)
    assert _serves(server, TENANT_A) and not _serves(second_group, TENANT_A)
    # the proxy sends each host to the group that serves it
    assert proxy(name) and proxy(TENANT_A)
    # commands find it where it is
    assert f"{name}: up to date" in run_propctl("tenant", "upgrade", name).stdout
    # the group's cron runner runs its jobs
    with _connect_second(second_server, name) as conn, conn.cursor() as cr:
        cr.execute(
            "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') - interval '1 minute', "
            f"lastcall = NULL WHERE id = ({JOB}) RETURNING id"
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with conn.cursor() as cr:
            cr.execute(f"SELECT lastcall FROM ir_cron WHERE id = ({JOB})")
            if cr.fetchone()[0]:
                break
        conn.rollback()
        time.sleep(1)
    else:
        pytest.fail("the job of the tenant on the second server did not run")
    conn.close()


def test_move_keeps_the_data_switches_the_route_and_keeps_the_old_copy(
    second_server, second_group, server, proxy
):
    name = "test-move"
    _create_on_second(name)
    partner = second_group.login(name)("res.partner", "create", {"name": "搬迁前的业主"})
    assert proxy(name)

    result = run_propctl("tenant", "move", name, "--to", "main")
    assert "read-only for" in result.stdout
    assert _routes()[name] == "main" and proxy(name)
    assert _listed()[name] == ("main", f"old copy kept on {SECOND} until `tenant confirm-move`")
    call = server.login(name)
    assert call("res.partner", "read", [partner], ["name"])[0]["name"] == "搬迁前的业主"
    call("res.partner", "create", {"name": "搬迁后的业主"})  # writable on its new server
    assert not _serves(second_group, name)
    # the old copy: out of reach of any host, read-only, until confirmed
    second = _databases(lambda db: _connect_second(second_server, db))
    assert name not in second and f"propctl_moved.{name}" in second
    assert _read_only(_connect_second(second_server, f"propctl_moved.{name}"))

    run_propctl("tenant", "confirm-move", name)
    assert f"propctl_moved.{name}" not in _databases(lambda db: _connect_second(second_server, db))
    assert _listed()[name] == ("main", "")
    run_propctl("tenant", "drop", name, "--yes")


def test_a_failed_move_leaves_the_tenant_where_it_was_and_writable(second_server, monkeypatch):
    import click

    from propctl import odoo_env, tenants

    odoo_env.load()
    name = "test-move-fails"
    _create_on_second(name)
    real = tenants.run_pg_tool

    def psql_fails(tool, *args):
        if tool == "psql":
            raise click.ClickException("psql failed (exit 3): ERROR: could not extend file")
        return real(tool, *args)

    monkeypatch.setattr(tenants, "run_pg_tool", psql_fails)
    with pytest.raises(click.ClickException, match="could not extend"):
        tenants.move(name, "main")
    assert _listed()[name] == (SECOND, "")
    assert _routes()[name] == SECOND
    assert not _read_only(_connect_second(second_server, name))
    assert not {name, f"propctl_staging.{name}"} & _databases(db_connect)
    run_propctl("tenant", "drop", name, "--yes")


def test_a_killed_move_is_shown_and_finished_by_running_it_again(second_server):
    name = "test-move-killed"
    _create_on_second(name)
    process = subprocess.Popen(
        [sys.executable, str(PROPCTL), "tenant", "move", name, "--to", "main"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while f"propctl_staging.{name}" not in _databases(db_connect):
        assert process.poll() is None and time.monotonic() < deadline, "no copy was started"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # still on its server, read-only (nothing written there is lost), and said so
    assert _routes()[name] == SECOND
    server, note = _listed()[name]
    assert server == SECOND and "run `tenant move` again" in note
    assert _read_only(_connect_second(second_server, name))

    run_propctl("tenant", "move", name, "--to", "main")
    assert _listed()[name][0] == "main"
    run_propctl("tenant", "drop", name, "--yes")
    assert f"propctl_moved.{name}" not in _databases(lambda db: _connect_second(second_server, db))
