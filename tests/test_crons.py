"""Scheduled actions run in every tenant, opened or not, and in no other database."""

import subprocess
import sys
import time

import pytest
from conftest import (
    PROPCTL,
    ROOT,
    db_connect,
    free_port,
    run_propctl,
    start_server,
    stop_server,
    under_maintenance,
)

JOB = "SELECT res_id FROM ir_model_data WHERE module = 'base' AND name = 'autovacuum_job'"


def make_due(dbname):
    """Make Odoo's autovacuum job due now in `dbname`; return its (nextcall, lastcall)."""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute(f"SELECT nextcall, lastcall FROM ir_cron WHERE id = ({JOB})")
        before = cr.fetchone()
        cr.execute(
            "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') - interval '1 minute', "
            f"lastcall = NULL WHERE id = ({JOB})"
        )
    conn.close()
    return before


def last_call(dbname):
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute(f"SELECT lastcall FROM ir_cron WHERE id = ({JOB})")
        (lastcall,) = cr.fetchone()
    conn.close()
    return lastcall


@pytest.fixture(scope="module")
def prefork_server(two_tenants, tmp_path_factory):
    """`propctl serve` in prefork mode (2 web workers): where Odoo's own cron worker
    would walk every database of the server."""
    log = tmp_path_factory.mktemp("prefork") / "odoo.log"
    process, srv = start_server(log, "--", "--workers=2", f"--gevent-port={free_port()}")
    try:
        yield srv
    finally:
        stop_server(process)


@pytest.mark.parametrize("mode", ["server", "prefork_server"], ids=["threaded", "prefork"])
def test_crons_run_in_every_tenant_and_no_template(mode, request):
    from propctl import odoo_env, tenants

    request.getfixturevalue(mode)
    odoo_env.load()
    tenant = "test-cron"  # created after the server started, never opened
    run_propctl("tenant", "create", tenant, "--admin-password", "Cron-test-pw-1")
    template = next(name for name in tenants.all_databases() if name.startswith("propctl_tmpl"))
    saved = make_due(template)
    try:
        for name in (tenant, "test-a"):
            make_due(name)
        deadline = time.monotonic() + 60
        while not (last_call(tenant) and last_call("test-a")) and time.monotonic() < deadline:
            time.sleep(1)
        assert last_call(tenant), "the new tenant's due job did not run"
        assert last_call("test-a"), "test-a's due job did not run"
        assert last_call(template) is None, "a template's job ran"
    finally:
        with db_connect(template) as conn, conn.cursor() as cr:
            cr.execute(f"UPDATE ir_cron SET nextcall = %s, lastcall = %s WHERE id = ({JOB})", saved)
        conn.close()
        run_propctl("tenant", "drop", tenant, "--yes")


def _wait_for_run(dbname, timeout=60):
    deadline = time.monotonic() + timeout
    while not last_call(dbname) and time.monotonic() < deadline:
        time.sleep(1)
    return last_call(dbname)


def test_crons_wait_while_their_tenant_is_under_maintenance(server):
    """An upgrade's registry is half updated until it ends: the runner skips the tenant."""
    with under_maintenance("test-a"):
        make_due("test-a")
        make_due("test-b")
        assert _wait_for_run("test-b"), "test-b's due job did not run"
        time.sleep(5)  # two more walks of the runner (every 2 s in tests)
        assert last_call("test-a") is None, "a tenant under maintenance ran its crons"
    assert _wait_for_run("test-a"), "test-a's due job did not run after its maintenance"


def trigger_now(dbname):
    """What `ir.cron._trigger()` does in `dbname` for the autovacuum job: a trigger due
    now, then Odoo's notification to the cron runners."""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute(f"UPDATE ir_cron SET lastcall = NULL WHERE id = ({JOB})")
        cr.execute(
            "INSERT INTO ir_cron_trigger (cron_id, call_at) "
            f"VALUES (({JOB}), now() AT TIME ZONE 'UTC')"
        )
    conn.close()
    with db_connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT pg_notify('cron_trigger', %s)", [dbname])
    conn.close()


def test_a_triggered_job_runs_at_once_with_two_runners(two_tenants, tmp_path):
    """Between two walks (every 10 minutes here) the runners wait for Odoo's trigger
    notification: a job triggered now (*Run* of a billing run) runs now, not at the next
    walk. Two runners work side by side (a billing run's shares of payers)."""
    with open(tmp_path / "cron.log", "w") as log:
        runner = subprocess.Popen(
            [sys.executable, str(PROPCTL), "cron", "--interval", "600"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        make_due("test-a")
        assert _wait_for_run("test-a"), "the first walk did not run the due job"
        children = subprocess.run(
            ["pgrep", "-P", str(runner.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) == 1, "a second runner beside the first"
        time.sleep(2)  # both runners wait for notifications now
        trigger_now("test-a")
        assert _wait_for_run("test-a", timeout=20), "the triggered job waited for a walk"
    finally:
        runner.terminate()
        runner.wait(timeout=30)
