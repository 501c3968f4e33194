"""Suite tests: propctl and tenants seen from outside, as an operator and a browser see them.

They drive ``./propctl`` in subprocesses against the database server that
``propctl test`` started, and one Odoo server on a free port. Tenants whose name starts
with ``test-`` belong to these tests: leftovers of an interrupted run are dropped.
"""

import configparser
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
PROPCTL = ROOT / "propctl"

TENANT_A = "test-a"
TENANT_B = "test-b"
COMPANY_A = "甲方物业服务有限公司"
COMPANY_B = "乙方物业服务有限公司"
LOGIN_A = "alice@test-a.example.com"
LOGIN_B = "bob@test-b.example.com"
PASSWORD = "Suite-test-pw-1"


def run_propctl(*args, check=True, env=None):
    """Run ./propctl (with `env` added to the environment); return the finished
    process (stdout and stderr as text)."""
    result = subprocess.run(
        [sys.executable, str(PROPCTL), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        pytest.fail(f"propctl {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def assert_clear_error(result, *fragments):
    """The command failed with a message (containing each fragment), not a traceback."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    for fragment in fragments:
        assert fragment in output


def tenant_names():
    return [line.split("\t")[0] for line in run_propctl("tenant", "list").stdout.splitlines()]


def var_dir():
    return ROOT / "var"


# Host names a client may send, the databases they must reach (None: none) on a server
# that holds tenants and propctl's own databases.
SERVER_DATABASES = [
    "acme",
    "test-a",
    "propctl_test",
    "propctl_tmpl_0123456789ab_zh_cn_nodemo",
    "propctl_catalogue",
    "propctl_staging.acme",
]
HOST_ROUTES = {
    "acme.example.com": "acme",
    "acme.localhost:8069": "acme",
    "test-a.example.com": "test-a",
    "nobody.example.com": None,
    "propctl_test.example.com": None,
    "propctl_test.localhost:8069": None,
    "www.propctl_test.example.com": None,
    "propctl_tmpl_0123456789ab_zh_cn_nodemo.example.com": None,
    "propctl_catalogue.example.com": None,
    "propctl_staging.acme.example.com": None,
}


def assert_dbfilter_serves_tenants_only(dbfilter):
    """`dbfilter` applied as Odoo applies it (odoo.http.db_filter: %d is the host's first
    label) routes a tenant's host name to its database and never reaches a database of
    propctl's own, whatever the host name."""
    from unittest import mock

    from odoo.http import db_filter
    from odoo.tools import config

    with mock.patch.dict(config.options, {"dbfilter": dbfilter}):
        for host, database in HOST_ROUTES.items():
            expected = [database] if database else []
            assert db_filter(SERVER_DATABASES, host=host) == expected, (dbfilter, host)


def assert_proxy_serves_tenant_hosts_only(nginx_conf):
    """nginx.conf: the server blocks that proxy or redirect answer the host names whose
    first label is a tenant name as propctl accepts it, under example.com, and nothing
    else; a default server gives no answer to every other host name."""
    import re

    from propctl.tenants import TENANT_NAME

    servers = re.findall(r"^server \{\n.*?^\}", nginx_conf, flags=re.S | re.M)
    defaults = [block for block in servers if "default_server" in block]
    assert len(defaults) == 1, defaults
    (default,) = defaults
    assert "listen 80 default_server;" in default
    assert "listen 443 ssl default_server;" in default
    assert "ssl_reject_handshake on;" in default
    assert "return 444;" in default
    assert "proxy_pass" not in default
    names = set()
    for block in servers:
        if block is not default:
            names.update(re.findall(r"^\s*server_name (.+);$", block, flags=re.M))
    assert len(names) == 1, names  # one rule, for port 80 and 443
    pattern = names.pop().strip("\"'")
    assert pattern.startswith("~^") and pattern.endswith(r"\.example\.com$"), pattern
    tenant_host = re.compile(pattern[1:])
    labels = ["acme", "test-a", "a", "a1", "x" * 63, "x" * 64, "-a", "a-", "Acme", "", "a b"]
    labels += ["propctl_test", "propctl_tmpl_0123456789ab_zh_cn_nodemo", "propctl_catalogue"]
    labels += ["propctl_staging.acme", "www.acme"]
    for label in labels:
        expected = bool(TENANT_NAME.fullmatch(label))
        assert bool(tenant_host.match(f"{label}.example.com")) == expected, label
    assert not tenant_host.match("example.com")
    assert not tenant_host.match("acme.example.com.evil.net")


def db_connect(dbname):
    """A psycopg2 connection to `dbname`, as Odoo's role (from the effective config)."""
    import psycopg2

    options = configparser.ConfigParser(interpolation=None)
    options.read(var_dir() / "odoo.conf")
    opts = options["options"]
    return psycopg2.connect(
        dbname=dbname,
        host=opts["db_host"],
        port=opts["db_port"],
        user=opts["db_user"],
        password=opts["db_password"],
    )


CHECKSUMS_PARAM = "module_auto_update.installed_checksums"


def forget_checksum(dbname, module):
    """Make `module` look changed since the tenant was last upgraded (as after a
    deployment that changed its code)."""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [CHECKSUMS_PARAM])
        checksums = json.loads(cr.fetchone()[0])
        checksums[module] = "changed"
        cr.execute(
            "UPDATE ir_config_parameter SET value = %s WHERE key = %s",
            [json.dumps(checksums), CHECKSUMS_PARAM],
        )
    conn.close()


def data_dir():
    options = configparser.ConfigParser(interpolation=None)
    options.read(var_dir() / "odoo.conf")
    return Path(options["options"]["data_dir"])


def _drop_leftovers():
    for name in tenant_names():
        if name.startswith("test-"):
            run_propctl("tenant", "drop", name, "--yes")


@pytest.fixture(scope="session")
def two_tenants():
    """Tenants test-a and test-b, each with its own company and admin login."""
    _drop_leftovers()
    for name, company, login in (
        (TENANT_A, COMPANY_A, LOGIN_A),
        (TENANT_B, COMPANY_B, LOGIN_B),
    ):
        run_propctl(
            "tenant",
            "create",
            name,
            "--company",
            company,
            "--admin-login",
            login,
            "--admin-password",
            PASSWORD,
        )
    yield TENANT_A, TENANT_B
    _drop_leftovers()


# What `tenant upgrade` holds while it upgrades a tenant, held by a helper process
# until the test closes its stdin (or kills it).
_HOLD_MAINTENANCE = """\
import sys
from propctl import maintenance, odoo_env
odoo_env.load()
with maintenance.hold(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextlib.contextmanager
def under_maintenance(tenant):
    """Tenant `tenant` under maintenance, marked as an upgrade marks it, by a helper
    process (yielded: a test may kill it) that releases the mark at the end."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD_MAINTENANCE, tenant],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tools")},
    )
    try:
        assert process.stdout.readline().strip() == "held", "the helper did not mark"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, port):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def host(self, tenant):
        return f"{tenant}.localhost:{self.port}"

    def session(self, tenant):
        """A requests session whose requests carry Host: <tenant>.localhost:<port>."""
        session = requests.Session()
        session.headers["Host"] = self.host(tenant)
        return session

    def login(self, tenant, login=LOGIN_A, password=PASSWORD):
        """Log in on `tenant` in a new session; return call(model, method, *args,
        **kwargs), the web client's call_kw as that user (its requests session as
        `call.session`)."""
        session = self.session(tenant)
        answer = self.jsonrpc(
            tenant,
            "/web/session/authenticate",
            {"db": tenant, "login": login, "password": password},
            session=session,
        )
        assert "error" not in answer, answer

        def call(model, method, *args, **kwargs):
            result = self.jsonrpc(
                tenant,
                "/web/dataset/call_kw",
                {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
                session=session,
            )
            assert "error" not in result, result
            return result["result"]

        call.session = session
        return call

    def jsonrpc(self, tenant, path, params, session=None):
        session = session or self.session(tenant)
        response = session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()


def start_server(log, *args):
    """`propctl serve` on a free port (with `args`, e.g. --server NAME), logging to
    `log`: (process, Server) once it answers."""
    port = free_port()
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [sys.executable, str(PROPCTL), "serve", "--port", str(port), *args],
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # the tenants' crons every 2 s, not every minute: tests wait for them
            env={**os.environ, "PROPCTL_CRON_INTERVAL": "2"},
        )
    srv = Server(port)
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(srv.url + "/web/health", timeout=2).ok:
                return process, srv
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            pytest.fail(f"Odoo did not start:\n{log.read_text()}")
        time.sleep(0.5)


def stop_server(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def server(two_tenants, tmp_path_factory):
    """One `propctl serve` on a free port, serving every tenant."""
    process, srv = start_server(tmp_path_factory.mktemp("server") / "odoo.log")
    try:
        yield srv
    finally:
        stop_server(process)
