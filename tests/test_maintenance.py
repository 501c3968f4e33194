"""A tenant being upgraded answers a maintenance page (503) instead of the errors of a
half-updated registry; the others are served as usual, and a killed upgrade leaves no
tenant locked out."""

import signal
import threading
import time

import pytest
from conftest import (
    TENANT_A,
    TENANT_B,
    data_dir,
    forget_checksum,
    run_propctl,
    under_maintenance,
)

STALE = "test-maint-stale"
PATHS = ["/", "/web", "/web/login", "/my", "/odoo", "/web/health", "/websocket"]


def _get(server, tenant, path="/web/login", **headers):
    session = server.session(tenant)
    session.headers.update(headers)
    return session.get(server.url + path, timeout=30, allow_redirects=False)


def _assert_maintenance_page(response, *texts):
    assert response.status_code == 503, response.text[:500]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Type"].startswith("text/html")
    for text in texts:
        assert text in response.text
    # self-contained: nothing to load from a server that cannot serve the tenant
    assert "src=" not in response.text and "href=" not in response.text


def _serves(server, tenant):
    response = _get(server, tenant)
    return response.status_code == 200 and "csrf_token" in response.text


def test_a_tenant_under_maintenance_answers_503_and_the_others_serve(server):
    assert _serves(server, TENANT_A)
    with under_maintenance(TENANT_A):
        # every path, in the visitor's language: zh_CN by default
        for path in PATHS:
            _assert_maintenance_page(_get(server, TENANT_A, path), "系统升级中", "几分钟")
        _assert_maintenance_page(
            _get(server, TENANT_A, "/my", **{"Accept-Language": "zh-TW,zh;q=0.9"}),
            "系統升級中",
            "幾分鐘",
        )
        _assert_maintenance_page(
            _get(server, TENANT_A, "/", **{"Accept-Language": "zh-HK"}), "系統升級中"
        )
        _assert_maintenance_page(
            _get(server, TENANT_A, "/", **{"Accept-Language": "en-US,en;q=0.8,zh;q=0.5"}),
            "being upgraded",
            "a few minutes",
        )
        _assert_maintenance_page(
            _get(server, TENANT_A, "/", **{"Accept-Language": "fr, zh-CN;q=0.5"}), "系统升级中"
        )
        # JSON-RPC callers get a 503 with a JSON-RPC error
        response = server.session(TENANT_A).post(
            server.url + "/web/session/authenticate",
            json={"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1},
            timeout=30,
        )
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert response.json()["error"]["code"] == 503
        # the other tenant, and a host that is no tenant, are unaffected
        assert _serves(server, TENANT_B)
        assert _get(server, "localhost", "/web/health").status_code == 200
    assert _serves(server, TENANT_A)


def test_a_killed_upgrader_leaves_its_tenant_serving(server):
    with under_maintenance(TENANT_A) as holder:
        assert _get(server, TENANT_A).status_code == 503
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        # its mark is still there, but nobody holds it any more
        assert (data_dir() / "propctl-maintenance" / TENANT_A).exists()
        assert _serves(server, TENANT_A)


@pytest.fixture
def stale_tenant(two_tenants):
    """A tenant with an addon changed since its last upgrade."""
    run_propctl("tenant", "create", STALE)
    forget_checksum(STALE, "property_hr")
    yield STALE
    run_propctl("tenant", "drop", STALE, "--yes")


def test_upgrade_puts_the_tenant_under_maintenance_while_it_works(server, stale_tenant):
    assert _serves(server, stale_tenant)
    statuses = []
    done = threading.Event()

    def poll():
        while not done.is_set():
            statuses.append(_get(server, stale_tenant).status_code)
            time.sleep(0.2)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        result = run_propctl("tenant", "upgrade", stale_tenant)
    finally:
        done.set()
        poller.join()
    assert f"{stale_tenant}: upgraded" in result.stdout
    assert 503 in statuses, statuses
    # never an error: served before and after, the maintenance page in between
    assert set(statuses) <= {200, 503}, statuses
    assert _serves(server, stale_tenant)
    # nothing left to do: no mark at all (and no other upgrade refused meanwhile)
    assert f"{stale_tenant}: up to date" in run_propctl("tenant", "upgrade", stale_tenant).stdout


def test_a_second_upgrade_of_a_tenant_under_maintenance_is_refused(stale_tenant):
    with under_maintenance(stale_tenant):
        result = run_propctl("tenant", "upgrade", stale_tenant, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert "already under maintenance" in output, output
