"""Creating tenants and templates safely: all or nothing whatever happens to the
process, one operation at a time on a name, templates of several code versions side by
side, and daily jobs at a business hour of the tenant's own.
"""

import datetime
import signal
import subprocess
import sys
import time

import pytest
from conftest import PROPCTL, ROOT, TENANT_A, TENANT_B, db_connect, run_propctl, tenant_names

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _databases_like(fragment):
    with db_connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE strpos(datname, %s) > 0", [fragment])
        names = sorted(row[0] for row in cr.fetchall())
    conn.close()
    return names


def _start_create(name, *args):
    return subprocess.Popen(
        [sys.executable, str(PROPCTL), "tenant", "create", name, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def test_daily_jobs_run_in_a_business_hour_of_the_tenant_each_at_its_minute(two_tenants):
    from propctl import tenants

    minutes = {}
    for name in (TENANT_A, TENANT_B):
        with db_connect(name) as conn, conn.cursor() as cr:
            # (other tests make a job due and run it: those have a lastcall)
            cr.execute(
                "SELECT DISTINCT nextcall FROM ir_cron "
                "WHERE interval_type = 'days' AND lastcall IS NULL"
            )
            nextcalls = [row[0] for row in cr.fetchall()]
        conn.close()
        # one time for all of the tenant's daily jobs, 07:mm in Shanghai, within a day
        assert len(nextcalls) == 1, nextcalls
        local = nextcalls[0].replace(tzinfo=datetime.UTC).astimezone(SHANGHAI)
        assert local.hour == tenants.DAILY_JOBS_HOUR
        assert local.minute == tenants.daily_jobs_minute(name)
        assert nextcalls[0] - datetime.datetime.utcnow() < datetime.timedelta(days=1)
        minutes[name] = local.minute
    assert minutes[TENANT_A] != minutes[TENANT_B]
    # a fleet spreads over the hour
    assert len({tenants.daily_jobs_minute(f"tenant-{i}") for i in range(200)}) > 50


def test_a_killed_creation_leaves_nothing_and_a_retry_works(two_tenants):
    name = "test-killed-create"
    staging = f"propctl_staging.{name}"
    process = _start_create(name)
    deadline = time.monotonic() + 120
    while staging not in _databases_like(name):
        assert process.poll() is None, process.stdout.read()
        assert time.monotonic() < deadline, "the staging database never appeared"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # nothing a host name reaches: no database under the tenant's name
    assert name not in tenant_names()
    assert name not in _databases_like(name)

    run_propctl("tenant", "create", name)
    assert _databases_like(name) == [name]
    run_propctl("tenant", "drop", name, "--yes")


def test_concurrent_creations_of_one_name_leave_the_winners_tenant(two_tenants):
    name = "test-race"
    first = _start_create(name, "--company", "先到物业")
    second = _start_create(name, "--company", "后到物业")
    outputs = [process.communicate()[0] for process in (first, second)]
    codes = [first.returncode, second.returncode]
    assert sorted(codes) == [0, 1], outputs
    loser = outputs[codes.index(1)]
    assert "already exists" in loser and "Traceback" not in loser
    winner = ("先到物业", "后到物业")[codes.index(0)]
    with db_connect(name) as conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM res_company")
        assert [row[0] for row in cr.fetchall()] == [winner]
    conn.close()
    run_propctl("tenant", "drop", name, "--yes")


@pytest.fixture
def fake_builds(monkeypatch):
    """Templates of made-up code versions, built in an instant (an empty database):
    what ensure_template does with them is what it does with real ones."""
    import odoo.service.db

    from propctl import odoo_env, tenants

    odoo_env.load()
    built = []

    def build(name, lang, demo):
        with tenants.db_management():
            odoo.service.db._create_empty_database(name)
        built.append(name)

    def version(digit):
        monkeypatch.setattr(tenants, "code_fingerprint", lambda: digit * 64)

    monkeypatch.setattr(tenants, "_build_template", build)
    yield built, version
    for name, _mark in tenants.list_templates():
        if name.startswith(tuple(tenants.TEMPLATE_PREFIX + d * 12 for d in "ab")):
            tenants.drop_database(name)


def test_templates_of_two_versions_coexist_and_an_unfinished_one_is_rebuilt(fake_builds):
    import odoo.sql_db

    from propctl import tenants

    built, version = fake_builds
    version("a")
    old = tenants.ensure_template("zh_CN", demo=False)
    version("b")
    new = tenants.ensure_template("zh_CN", demo=False)
    assert built == [old, new] and old != new
    # staging and production on one server: each version's template stays
    version("a")
    assert tenants.ensure_template("zh_CN", demo=False) == old
    assert built == [old, new]
    marks = dict(tenants.list_templates())
    assert marks[old]["fingerprint"] == "a" * 64 and marks[new]["fingerprint"] == "b" * 64

    # a build that never wrote its completion mark (killed, crashed) is not used
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(f'COMMENT ON DATABASE "{old}" IS NULL')
    odoo.sql_db.close_db("postgres")
    assert dict(tenants.list_templates())[old] is None
    assert tenants.ensure_template("zh_CN", demo=False) == old
    assert built == [old, new, old]
    assert dict(tenants.list_templates())[old]["fingerprint"] == "a" * 64


def _templates():
    """{template: state} as `propctl template list` prints them."""
    lines = run_propctl("template", "list").stdout.splitlines()
    return {line.split("\t")[0]: line.split("\t")[1] for line in lines}


def test_template_list_and_drop(fake_builds):
    from propctl import tenants

    _built, version = fake_builds
    version("b")
    other = tenants.ensure_template("zh_TW", demo=False)
    listed = _templates()
    assert listed[other] == "other version"
    current = [name for name, state in listed.items() if state == "current"]
    assert tenants.TEMPLATE_PREFIX in current[0]

    result = run_propctl("template", "drop", "propctl_tmpl_nosuch", check=False)
    assert result.returncode != 0 and "No such template" in result.stderr
    run_propctl("template", "drop", "--stale")
    remaining = _templates()
    assert other not in remaining
    assert set(current) <= set(remaining)


def test_a_database_is_dropped_even_if_a_client_reconnects_meanwhile(monkeypatch):
    """A tenant dropped while its server's workers still use it: a worker (a cron, a
    visitor) reconnects between the end of its session and the drop. The drop happens,
    and does not fail "being accessed by other users"."""
    import odoo.sql_db

    from propctl import odoo_env, tenants

    odoo_env.load()
    name = "test-dropped-while-used"
    tenants.drop_database(name)
    connection = db_connect("postgres")
    connection.autocommit = True
    connection.cursor().execute(f'CREATE DATABASE "{name}"')
    connection.close()
    reconnected = []
    execute = odoo.sql_db.Cursor.execute

    def reconnect_before_the_drop(cr, query, params=None, log_exceptions=True):
        if str(getattr(query, "code", query)).startswith("DROP DATABASE") and not reconnected:
            reconnected.append(db_connect(name))
        return execute(cr, query, params, log_exceptions)

    monkeypatch.setattr(odoo.sql_db.Cursor, "execute", reconnect_before_the_drop)
    try:
        tenants.drop_database(name)
    finally:
        monkeypatch.undo()
        for client in reconnected:
            client.close()
    assert reconnected, "the drop was not reached"
    assert not _databases_like(name)
