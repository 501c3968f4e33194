"""A billing run survives its server: started from the button, the request returns at
once and the cron bills in the background, committing chunk by chunk; a second user
sees the progress move; the server is killed in the middle of the run, and once it is
back the run finishes with every payer invoiced exactly once.

Its own tenant, so that no other server of the suite bills it while this one is dead.
"""

import signal
import time

import pytest
from conftest import LOGIN_A, PASSWORD, db_connect, run_propctl, start_server, stop_server

TENANT = "test-crash"
PAYERS = 120
CHUNK = 2


def _sql(query, params=()):
    with db_connect(TENANT) as conn, conn.cursor() as cr:
        cr.execute(query, params)
        rows = cr.fetchall()
    conn.close()
    return rows


def _invoiced(run_id):
    return _sql(
        "SELECT count(*) FROM property_charge WHERE billing_run_id = %s AND state = 'invoiced'",
        [run_id],
    )[0][0]


def _wake_cron():
    """What a new trigger does: wake the cron thread now, not at its next poll."""
    with db_connect("postgres") as conn, conn.cursor() as cr:
        conn.autocommit = True
        cr.execute("NOTIFY cron_trigger, %s", [TENANT])
    conn.close()


@pytest.fixture
def tenant(two_tenants):
    run_propctl("tenant", "create", TENANT, "--admin-login", LOGIN_A, "--admin-password", PASSWORD)
    yield TENANT
    run_propctl("tenant", "drop", TENANT, "--yes")


def _set_up_units(call):
    estate = call("property.estate", "create", {"name": "崩溃测试小区", "code": "CR"})
    building = call("property.building", "create", {"name": "1栋", "estate_id": estate})
    partners = call("res.partner", "create", [{"name": f"业主 {i:03}"} for i in range(PAYERS)])
    units = call(
        "property.unit",
        "create",
        [
            {
                "code": f"1-{i:03}",
                "estate_id": estate,
                "building_id": building,
                "building_area": 90.0,
            }
            for i in range(PAYERS)
        ],
    )
    call(
        "property.occupancy",
        "create",
        [
            {
                "unit_id": unit,
                "partner_id": partner,
                "role": "owner",
                "is_payer": True,
                "date_from": "2020-01-01",
            }
            for unit, partner in zip(units, partners, strict=True)
        ],
    )
    [fee] = call("product.product", "search", [("property_fee_kind", "=", "management")], limit=1)
    plan = call(
        "property.rate.plan",
        "create",
        {
            "name": "物业费",
            "estate_id": estate,
            "product_id": fee,
            "basis": "building_area",
            "price": 2.5,
            "date_from": "2020-01-01",
        },
    )
    call(
        "property.billing.schedule",
        "create",
        [
            {"unit_id": unit, "date_start": "2020-01-01", "rate_plan_ids": [(6, 0, [plan])]}
            for unit in units
        ],
    )
    return estate, partners


def test_billing_run_resumes_after_the_server_is_killed(tenant, tmp_path):
    process, srv = start_server(tmp_path / "first.log")
    try:
        call = srv.login(TENANT)
        estate, partners = _set_up_units(call)
        run_id = call(
            "property.billing.run",
            "create",
            {
                "period_start": "2026-07-01",
                "period_end": "2026-07-31",
                "invoice_date": "2026-07-01",
                "estate_ids": [(6, 0, [estate])],
                "chunk_size": CHUNK,
            },
        )
        call("property.billing.run", "action_start", [run_id])
        # the request returned before the run was done: the cron bills it
        assert _invoiced(run_id) < PAYERS

        # a second user (another session) watches the progress move
        watcher = srv.login(TENANT)
        seen = set()
        deadline = time.monotonic() + 120
        while _invoiced(run_id) < 2 * CHUNK:
            assert time.monotonic() < deadline, "the cron did not bill the run"
            [run] = watcher("property.billing.run", "read", [run_id], ["state", "progress"])
            seen.add(run["progress"])
            time.sleep(0.05)
        [run] = watcher("property.billing.run", "read", [run_id], ["state", "progress"])
        seen.add(run["progress"])
        assert run["state"] == "running"
        assert len(seen) > 1 and 0 < max(seen) < 100, seen

        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        stop_server(process)
    invoiced_at_the_kill = _invoiced(run_id)
    assert 0 < invoiced_at_the_kill < PAYERS, "killed in the middle of the run"

    process, srv = start_server(tmp_path / "second.log")
    try:
        call = srv.login(TENANT)  # the server loads the tenant, its cron thread too
        _wake_cron()
        deadline = time.monotonic() + 180
        while call("property.billing.run", "read", [run_id], ["state"])[0]["state"] != "done":
            assert time.monotonic() < deadline, (tmp_path / "second.log").read_text()[-3000:]
            time.sleep(0.5)
    finally:
        stop_server(process)

    invoices = dict(
        _sql(
            "SELECT partner_id, count(*) FROM account_move WHERE invoice_origin = "
            "(SELECT name FROM property_billing_run WHERE id = %s) AND state = 'posted' "
            "GROUP BY partner_id",
            [run_id],
        )
    )
    assert set(invoices) == set(partners), "no payer missing"
    assert set(invoices.values()) == {1}, "no payer twice"
    assert _invoiced(run_id) == PAYERS
