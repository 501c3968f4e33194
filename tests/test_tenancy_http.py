"""One server, several property companies: the host name selects the database, and
nothing of one tenant is reachable from another."""

from conftest import (
    COMPANY_A,
    COMPANY_B,
    LOGIN_A,
    LOGIN_B,
    PASSWORD,
    TENANT_A,
    TENANT_B,
    db_connect,
)


def _authenticate(server, host_tenant, db, login):
    session = server.session(host_tenant)
    answer = server.jsonrpc(
        host_tenant,
        "/web/session/authenticate",
        {"db": db, "login": login, "password": PASSWORD},
        session=session,
    )
    return answer, session


def test_host_name_selects_the_database(server):
    for tenant, login, company in ((TENANT_A, LOGIN_A, COMPANY_A), (TENANT_B, LOGIN_B, COMPANY_B)):
        answer, session = _authenticate(server, tenant, tenant, login)
        assert "error" not in answer, answer
        info = server.jsonrpc(tenant, "/web/session/get_session_info", {}, session=session)
        result = info["result"]
        assert result["db"] == tenant
        companies = result["user_companies"]["allowed_companies"].values()
        assert [c["name"] for c in companies] == [company]


def test_login_page_of_each_tenant(server):
    for tenant in (TENANT_A, TENANT_B):
        response = server.session(tenant).get(server.url + "/web/login", timeout=30)
        assert response.status_code == 200
        assert 'name="login"' in response.text


def test_user_of_a_cannot_log_in_on_b(server):
    # on b's host, with b's database: alice does not exist there
    answer, _session = _authenticate(server, TENANT_B, TENANT_B, LOGIN_A)
    assert answer.get("error"), answer
    assert "AccessDenied" in answer["error"]["data"]["name"]
    # on b's host, asking for a's database by name: refused by the database filter
    answer, _session = _authenticate(server, TENANT_B, TENANT_A, LOGIN_A)
    assert answer.get("error"), answer
    # the same credentials do work on a's host (so the refusals above mean something)
    answer, _session = _authenticate(server, TENANT_A, TENANT_A, LOGIN_A)
    assert "error" not in answer, answer


def test_unknown_host_reaches_no_database(server):
    response = server.session("nobody").get(
        server.url + "/web/login", timeout=30, allow_redirects=False
    )
    assert response.status_code in (303, 404)
    if response.status_code == 303:
        assert "/web/database/selector" in response.headers["Location"]


def _internal_databases():
    """propctl's own databases on this server (templates, propctl_test, the catalogue)
    whose name a host label can spell: the staging ones contain a dot, no label does."""
    conn = db_connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT datname FROM pg_database")
            names = sorted(row[0] for row in cr.fetchall())
    finally:
        conn.close()
    return [name for name in names if name.startswith("propctl_") and "." not in name]


def test_host_of_an_internal_database_reaches_no_database(server):
    """Host: propctl_test.localhost (or propctl_tmpl_....example.com) is the client's
    to choose: it must not serve propctl's own databases (a template has an admin user,
    the test database demo users with known passwords), only what an unknown host gets."""
    internal = _internal_databases()
    # the tenants of these tests were created from a template: there is one to try
    assert any(name.startswith("propctl_tmpl_") for name in internal), internal
    for name in internal:
        response = server.session(name).get(
            server.url + "/web/login", timeout=30, allow_redirects=False
        )
        assert response.status_code in (303, 404), (name, response.status_code)
        if response.status_code == 303:
            assert "/web/database/selector" in response.headers["Location"]
        # logging in on it, from its own host name and from an unknown one: the same
        # refusal, by the database filter, before any credential is checked
        params = {"db": name, "login": "admin", "password": "admin"}
        answer = server.jsonrpc(name, "/web/session/authenticate", params)
        unknown = server.jsonrpc("nobody", "/web/session/authenticate", params)
        assert answer.get("error"), (name, answer)
        assert unknown.get("error"), (name, unknown)
        assert answer["error"]["data"]["name"] == unknown["error"]["data"]["name"], answer
        assert answer["error"]["data"]["message"] == unknown["error"]["data"]["message"]
        assert "Database not found" in answer["error"]["data"]["message"], answer


def test_database_manager_and_list_are_refused(server):
    session = server.session(TENANT_A)
    manager = session.get(server.url + "/web/database/manager", timeout=30)
    assert "database manager has been disabled" in manager.text
    listing = server.jsonrpc(TENANT_A, "/web/database/list", {})
    assert "AccessDenied" in listing["error"]["data"]["name"]
    # even with the master password, no database can be dropped or dumped over HTTP
    from conftest import var_dir

    master = (var_dir() / "secrets" / "odoo-master-password").read_text().strip()
    dropped = session.post(
        server.url + "/web/database/drop",
        data={"master_pwd": master, "name": TENANT_B},
        timeout=60,
        allow_redirects=False,
    )
    assert dropped.status_code != 200 or "disabled" in dropped.text
    backup = session.post(
        server.url + "/web/database/backup",
        data={"master_pwd": master, "name": TENANT_B, "backup_format": "zip"},
        timeout=60,
    )
    assert backup.headers.get("Content-Type", "").split(";")[0] != "application/octet-stream"
    from conftest import tenant_names

    assert TENANT_B in tenant_names()
