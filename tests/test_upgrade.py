"""`tenant upgrade --all` on a fleet: every tenant is tried, whatever happens to the
others, and the operator gets one table of what happened to each.

`upgrade --all` upgrades every tenant of the database server: in CI only the tests'
(``test-*``); on a developer's cluster it also brings the others up to date.
"""

import re

import pytest
from conftest import TENANT_A, TENANT_B, db_connect, forget_checksum, run_propctl

STALE = "test-upgrade-stale"
BROKEN = "test-upgrade-broken"


def _break(dbname, broken):
    """A tenant whose database refuses the change of any module's state (a stand-in for
    whatever breaks an upgrade in real life): its upgrade fails early and clearly."""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        if broken:
            cr.execute(
                "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'module table locked by the test'; END $$"
            )
            cr.execute(
                "CREATE TRIGGER test_refuse BEFORE UPDATE ON ir_module_module "
                "FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()"
            )
        else:
            cr.execute("DROP TRIGGER test_refuse ON ir_module_module")
            cr.execute("DROP FUNCTION test_refuse()")
    conn.close()


def _table(output):
    """{tenant: (result, seconds)} from the table `upgrade` prints."""
    rows = {}
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 3 and re.fullmatch(r"\d+\.\d", cells[2]):
            rows[cells[0]] = (cells[1], float(cells[2]))
    return rows


@pytest.fixture
def fleet(two_tenants):
    """test-a and test-b up to date, one tenant with a changed addon, one that cannot
    be upgraded."""
    for name in (STALE, BROKEN):
        run_propctl("tenant", "create", name)
        forget_checksum(name, "property_hr")
    _break(BROKEN, True)
    yield
    for name in (STALE, BROKEN):
        run_propctl("tenant", "drop", name, "--yes")


def test_upgrade_all_goes_past_a_failure_and_reports_each_tenant(fleet):
    result = run_propctl("tenant", "upgrade", "--all", "-j", "2", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    table = _table(result.stdout)
    assert table[TENANT_A][0] == "up to date", output
    assert table[TENANT_B][0] == "up to date", output
    assert table[STALE][0] == "upgraded", output
    assert table[BROKEN][0].startswith("failed: "), output
    assert "module table locked by the test" in table[BROKEN][0], output
    assert "1 failed" in output

    # nothing changed since: every healthy tenant is skipped, fast
    result = run_propctl("tenant", "upgrade", "--all", check=False)
    table = _table(result.stdout)
    for name in (TENANT_A, TENANT_B, STALE):
        assert table[name][0] == "up to date", result.stdout
    assert table[BROKEN][0].startswith("failed: "), result.stdout
    assert result.returncode != 0

    # repaired, it upgrades like the others
    _break(BROKEN, False)
    result = run_propctl("tenant", "upgrade", BROKEN)
    assert f"{BROKEN}: upgraded" in result.stdout
    assert f"{BROKEN}: up to date" in run_propctl("tenant", "upgrade", BROKEN).stdout
