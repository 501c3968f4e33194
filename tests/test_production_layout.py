"""deploy/production cannot run here (no Docker engine): check it by reading its files.

Its connection limits add up: from the compose file, odoo.conf and the PgBouncer
configurations, each tier's worst case (every process with its pool of db_maxconn
connections full) is computed and must fit in the pooler it goes through, and the
poolers' server connections plus propctl's own must fit in PostgreSQL's
max_connections. Change a number in one of the files and these tests recompute."""

import configparser
import inspect
import subprocess
import sys

import pytest
import yaml
from conftest import (
    ROOT,
    assert_dbfilter_serves_tenants_only,
    assert_proxy_serves_tenant_hosts_only,
)

DEPLOY = ROOT / "deploy" / "production"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def odoo_conf():
    return _ini(DEPLOY / "odoo.conf")["options"]


def _ini(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    with open(path, encoding="utf-8") as handle:  # a missing file fails, not reads as empty
        parser.read_file(handle)
    return parser


def _mounts(service):
    """{target: source} of a service's volumes."""
    mounts = {}
    for volume in service.get("volumes", []):
        # a source may be ${VARIABLE:?message with: colons}: split from the right
        source, target = volume.rsplit(":", 2)[:2] if volume.count(":") >= 2 else volume.split(":")
        mounts[target] = source
    return mounts


def _option(command, name):
    """The value of --name=value in a command line (a list), or None."""
    prefix = f"--{name}="
    return next((arg[len(prefix) :] for arg in command if arg.startswith(prefix)), None)


def _replicas(service):
    return int(service.get("deploy", {}).get("replicas", 1))


def _db_target(service):
    """(host, port) of the database server an Odoo or propctl service connects to."""
    command = service.get("command") or []
    host = _option(command, "db_host")
    if host:
        return host, int(_option(command, "db_port"))
    environment = service["environment"]
    return environment["PROPCTL_DB_HOST"], int(environment["PROPCTL_DB_PORT"])


def _pooler(services, host, port):
    """The PgBouncer configuration of the service `host`, checked to listen on `port`."""
    mounts = _mounts(services[host])
    source = mounts["/etc/pgbouncer/pgbouncer.ini"]
    ini = _ini(DEPLOY / source)
    assert int(ini["pgbouncer"]["listen_port"]) == port, host
    return ini


def _postgres_settings(services):
    command = services["db"]["command"]
    settings = {}
    for flag, setting in zip(command, command[1:], strict=False):
        if flag == "-c":
            name, value = setting.split("=", 1)
            settings[name] = value
    return settings


def _tiers(compose, odoo_conf):
    """{service: (target host, worst-case client connections)} of every service that
    connects to the database."""
    services = compose["services"]
    maxconn = int(odoo_conf["db_maxconn"])
    tiers = {}
    for name, service in services.items():
        if service.get("image") != services["web"]["image"]:
            continue
        command = service.get("command") or []
        entrypoint = " ".join(service.get("entrypoint") or [])
        if "gevent" in command[:1]:
            # one evented process, its pool sized by db_maxconn_gevent
            processes, per_process = 1, int(odoo_conf["db_maxconn_gevent"])
        elif "odoo-web.py" in entrypoint:
            # prefork: the master opens no connection, each worker a pool
            processes, per_process = int(odoo_conf["workers"]), maxconn
        elif name == "propctl":
            # commands run by hand: Odoo's pool plus one pg_dump / psql each
            processes, per_process = int(compose["x-propctl-runs-at-once"]), maxconn + 1
        else:
            processes, per_process = 1, maxconn  # propctl cron: one process
        host, _ = _db_target(service)
        tiers[name] = (host, _replicas(service) * processes * per_process)
    return tiers


# --- connections ---------------------------------------------------------------------


def test_every_database_client_is_counted(compose, odoo_conf):
    tiers = _tiers(compose, odoo_conf)
    assert set(tiers) == {"web", "gevent", "cron", "propctl"}
    assert {host for host, _ in tiers.values()} == {"pgbouncer", "pgbouncer-bus", "db"}


def test_clients_fit_in_each_pooler(compose, odoo_conf):
    services = compose["services"]
    tiers = _tiers(compose, odoo_conf)
    for pooler in ("pgbouncer", "pgbouncer-bus"):
        clients = sum(count for host, count in tiers.values() if host == pooler)
        ini = _pooler(services, pooler, 6432)
        assert clients <= int(ini["pgbouncer"]["max_client_conn"]), (pooler, clients)


def test_server_connections_fit_in_postgresql(compose, odoo_conf):
    """What the poolers may open (max_user_connections: every tenant's pool of the one
    role together) plus propctl's direct connections, within max_connections less the
    superusers' slots."""
    services = compose["services"]
    tiers = _tiers(compose, odoo_conf)
    server = 0
    for pooler in ("pgbouncer", "pgbouncer-bus"):
        section = _pooler(services, pooler, 6432)["pgbouncer"]
        # a pool per tenant database: only a per-user cap bounds their sum
        assert int(section.get("max_user_connections", "0")) > 0, pooler
        assert int(section.get("reserve_pool_size", "0")) == 0, pooler
        server += int(section["max_user_connections"])
    server += sum(count for host, count in tiers.values() if host == "db")
    postgres = _postgres_settings(services)
    available = (
        int(postgres["max_connections"])
        - int(postgres.get("superuser_reserved_connections", 3))
        - int(postgres.get("reserved_connections", 0))
    )
    assert server <= available, (server, available)


def test_the_bus_has_a_server_connection_whenever_it_asks(compose, odoo_conf):
    """In session pooling a client holds its server connection: the gevent server's
    whole pool must fit, or its LISTEN could wait behind its own idle connections."""
    services = compose["services"]
    section = _pooler(services, "pgbouncer-bus", 6432)["pgbouncer"]
    clients = sum(n for host, n in _tiers(compose, odoo_conf).values() if host == "pgbouncer-bus")
    assert clients <= int(section["max_user_connections"])


def test_pool_modes(compose):
    """Session pooling where Odoo LISTENs (the gevent server's bus), transaction pooling
    for the web workers and cron, nothing between propctl's commands and PostgreSQL."""
    services = compose["services"]
    assert _pooler(services, "pgbouncer", 6432)["pgbouncer"]["pool_mode"] == "transaction"
    assert _pooler(services, "pgbouncer-bus", 6432)["pgbouncer"]["pool_mode"] == "session"
    assert _db_target(services["web"]) == ("pgbouncer", 6432)
    assert _db_target(services["cron"]) == ("pgbouncer", 6432)
    assert _db_target(services["gevent"]) == ("pgbouncer-bus", 6432)
    assert _db_target(services["propctl"]) == ("db", 5432)
    transaction = _pooler(services, "pgbouncer", 6432)["pgbouncer"]
    # Odoo's one session setting (lock_timeout while loading a registry) is wiped
    assert transaction["server_reset_query_always"] == "1"
    for pooler in ("pgbouncer", "pgbouncer-bus"):
        ini = _pooler(services, pooler, 6432)
        assert ini["databases"]["*"].split() == ["host=db", "port=5432"]
        # the password is the environment's, written by the image at start
        assert ini["pgbouncer"]["auth_file"] == "/etc/pgbouncer/userlist.txt"
        assert not (DEPLOY / "userlist.txt").exists()
        assert services[pooler]["environment"]["DB_PASSWORD"].startswith("${ODOO_DB_PASSWORD")


def test_only_the_bus_listens():
    """The pool modes rest on where Odoo LISTENs: the bus (gevent server) and the cron
    worker, which this layout does not run."""
    from odoo.service import server

    from odoo.addons.bus.models import bus

    assert "listen imbus" in inspect.getsource(bus.ImDispatch.loop)
    assert "LISTEN cron_trigger" in inspect.getsource(server)


# --- processes -------------------------------------------------------------------------


def test_processes(services, odoo_conf):
    assert int(odoo_conf["workers"]) > 0  # prefork
    assert odoo_conf["max_cron_threads"] == "0"
    assert odoo_conf["proxy_mode"] == "True"
    assert_dbfilter_serves_tenants_only(odoo_conf["dbfilter"])
    assert odoo_conf["list_db"] == "False"
    # one gevent server, on the port the web workers' clients are sent to
    assert services["gevent"]["command"][:1] == ["gevent"]
    assert _replicas(services["gevent"]) == 1
    assert services["web"]["entrypoint"] == ["python3", "/mnt/deploy/odoo-web.py"]
    assert _mounts(services["web"])["/mnt/deploy/odoo-web.py"] == "./odoo-web.py"
    # the dedicated cron worker is propctl cron, as in docker-compose.yml
    assert "propctl cron" in " ".join(services["cron"]["command"])
    for name in ("web", "gevent"):
        assert "/etc/odoo/odoo.conf" in services[name]["command"]
        assert _mounts(services[name])["/etc/odoo/odoo.conf"] == "./odoo.conf"
    for name in ("cron", "propctl"):
        # propctl reads the same odoo.conf (db_maxconn, limits, dbfilter)
        assert _mounts(services[name])["/mnt/project/config/odoo.conf"] == "./odoo.conf"
        assert _mounts(services[name])["/mnt/project"] == "../.."


def test_web_launcher_starts_no_gevent_process():
    """odoo-web.py: Odoo's prefork server, which would otherwise spawn a gevent child
    at every turn of its loop, spawns none; the name it patches is the one Odoo calls."""
    from odoo.service.server import PreforkServer

    assert "self.long_polling_spawn()" in inspect.getsource(PreforkServer.process_spawn)
    check = f"""
import runpy, subprocess, sys
from unittest import mock
from odoo.service.server import PreforkServer
from odoo.tools import config
launcher = runpy.run_path({str(DEPLOY / "odoo-web.py")!r})
launcher["disable_gevent_spawn"]()
config["workers"] = 0
config["max_cron_threads"] = 0
prefork = PreforkServer(None)
with mock.patch.object(subprocess, "Popen", side_effect=AssertionError("spawned")):
    prefork.process_spawn()
assert prefork.long_polling_pid is None
"""
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- consistency, as tests/test_docker_compose.py checks docker-compose.yml -----------


def test_images(compose, services):
    root = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    odoo_image = root["services"]["odoo"]["image"]
    for name in ("web", "gevent", "cron", "propctl"):
        assert services[name]["image"] == odoo_image, name
        # the project's Dockerfile (Odoo 18.0 and the pinned OCA addons)
        assert (DEPLOY / services[name]["build"]["context"] / "Dockerfile").is_file()
    assert services["db"]["image"] == root["services"]["db"]["image"]
    assert services["pgbouncer"]["image"] == services["pgbouncer-bus"]["image"]
    for service in services.values():
        assert ":" in service["image"] and not service["image"].endswith(":latest")


def test_mounts_exist_in_the_repository(services, compose):
    named = set(compose["volumes"])
    for name, service in services.items():
        for target, source in _mounts(service).items():
            if source in named:
                continue
            if source.startswith("${"):
                assert ":?" in source, (name, source)  # the operator must set it
                continue
            assert (DEPLOY / source).exists(), (name, source, target)
    # filestore shared by every Odoo process, database on its own volume
    data = {_mounts(services[name])["/var/lib/odoo"] for name in ("web", "gevent", "cron")}
    assert data == {"odoo-data"} and _mounts(services["propctl"])["/var/lib/odoo"] == "odoo-data"
    assert _mounts(services["db"])["/var/lib/postgresql/data"] == "db-data"
    assert _mounts(services["web"])["/mnt/extra-addons"] == "../../addons"


def test_only_the_proxy_is_published(services):
    for name, service in services.items():
        for port in service.get("ports", []):
            if name == "nginx":
                assert port in ("80:80", "443:443")
            else:
                assert port.startswith("127.0.0.1:"), (name, port)


def test_proxy_routes_to_the_services(services, odoo_conf):
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert f"server web:{odoo_conf['http_port']} resolve;" in nginx
    assert f"server gevent:{odoo_conf['gevent_port']} resolve;" in nginx
    assert "location ~ ^/web/database/ {\n        return 404;" in nginx
    assert "location /websocket {\n        proxy_pass http://odoo_websocket;" in nginx
    assert _mounts(services["nginx"])["/etc/nginx/conf.d/default.conf"] == "./nginx.conf"
    # tenants' host names only: none reaches propctl's own databases
    assert_proxy_serves_tenant_hosts_only(nginx)


def test_startup_order_and_health(services):
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    for pooler in ("pgbouncer", "pgbouncer-bus"):
        assert services[pooler]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["pgbouncer"]["condition"] == "service_healthy"
    assert services["cron"]["depends_on"]["pgbouncer"]["condition"] == "service_healthy"
    assert services["gevent"]["depends_on"]["pgbouncer-bus"]["condition"] == "service_healthy"
    assert "/web/health" in " ".join(services["web"]["healthcheck"]["test"])
