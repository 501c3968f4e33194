"""A tenant made before property_billing was split (the maintenance fund into
property_fund, bank statements into property_bank) upgrades in place: the new addons
installed, every record of the fund and of the bank statements kept under its new
module, no table dropped. The estate rules of the requests, which were property_hr's,
are property_ticket's, the same records.

The tenant is created with the addons of OLD_LAYOUT_COMMIT (extracted with `git
archive`: the tests run in a git clone with its history) by the current propctl told
to use them (PROPCTL_ADDONS_DIR), given fund and bank data by that old code, then
upgraded with the code of this checkout.
"""

import json
import os
import subprocess
import sys
import tarfile

import pytest
from conftest import ROOT, db_connect, run_propctl

# The commit of main the split started from: its property_billing (18.0.0.4.0) still
# holds the maintenance fund and the bank statements.
OLD_LAYOUT_COMMIT = "26afb718cd785df3b676a154a71f738478ae31e0"

TENANT = "test-old-layout"
PASSWORD = "Old-layout-pw-1"

# What the moved code keeps in the database: its tables (rows counted before and after)
MOVED_TABLES = [
    "property_maintenance_fund_contribution",
    "property_maintenance_fund_expense",
    "property_maintenance_fund_expense_share",
    "property_building_property_maintenance_fund_expense_rel",
    "property_maintenance_fund_expense_consent_rel",
    "account_statement_import_sheet_mapping",
    "account_bank_statement_line",
    "account_reconcile_model",
]
# ... and the columns it adds to the tables of other modules
MOVED_COLUMNS = {
    "res_company": [
        "maintenance_fund_journal_id",
        "maintenance_fund_account_id",
        "maintenance_fund_account_code",
        "maintenance_fund_rate",
    ],
    "account_reconcile_model": ["property_match_reference"],
    "account_journal": ["default_sheet_mapping_id"],
}
# xml ids of billing that the new code no longer has, under any module: the report
# model of the disclosure is now report.property_fund.report_maintenance_fund_disclosure
GONE = "report_property_billing_report_maintenance_fund_disclosure"

# Run by the old code in the old-layout tenant: fund contributions and a use shared over
# a building's units, a bank journal reading CSV files with a mapping of billing's, a
# bank line.
SEED = """
import sys
from propctl import odoo_env
odoo = odoo_env.load()
registry = odoo.modules.registry.Registry(sys.argv[1])
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    units = env["property.unit"].search(
        [("building_id", "!=", False), ("owner_id", "!=", False)], limit=3
    )
    contributions = env["property.maintenance.fund.contribution"].create(
        [{"unit_id": unit.id, "amount": 5000.0} for unit in units]
    )
    contributions.action_post()
    building = units[0].building_id
    consent = env["ir.attachment"].create({"name": "业主大会决议.pdf", "raw": b"%PDF-1.4"})
    expense = env["property.maintenance.fund.expense"].create({
        "estate_id": building.estate_id.id,
        "building_ids": [(6, 0, building.ids)],
        "common_part": "2号电梯曳引机",
        "supplier_id": env["res.partner"].create({"name": "迅达电梯维保有限公司"}).id,
        "amount": 1000.0,
        "consent_attachment_ids": [(6, 0, consent.ids)],
    })
    expense.action_submit()
    journal = env["account.journal"].search(
        [("company_id", "=", env.company.id), ("type", "=", "bank"), ("code", "=", "BNK1")]
    )
    journal.default_sheet_mapping_id = env.ref("property_billing.sheet_mapping_cn_bank_gbk")
    env["account.bank.statement.line"].create(
        {"journal_id": journal.id, "amount": 88.0, "payment_ref": "物业费 RF18 5390"}
    )
"""

# Run by the new code in the upgraded tenant: the fund's and the bank's actions open
# (their views load, their records are found) and their menus are the admin's.
OPEN = """
import ast, json, sys
from propctl import odoo_env
odoo = odoo_env.load()
registry = odoo.modules.registry.Registry(sys.argv[1])
result = {}
with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    env = env(user=admin.id, context={"lang": admin.lang})
    for xmlid in sys.argv[2:]:
        action = env["ir.actions.act_window"]._for_xml_id(xmlid)
        Model = env[action["res_model"]]
        Model.get_views([*action["views"], (False, "search")])
        result[xmlid] = Model.search_count(ast.literal_eval(action.get("domain") or "[]"))
    menus = env["ir.ui.menu"]._visible_menu_ids()
    result["menus"] = sorted(
        xmlid for xmlid in env["ir.ui.menu"].browse(menus).get_external_id().values()
        if xmlid.startswith(("property_fund.", "property_bank."))
    )
print(json.dumps(result))
"""

FUND_ACTIONS = [
    "property_fund.action_property_maintenance_fund_contribution",
    "property_fund.action_property_maintenance_fund_expense",
    "property_fund.action_property_maintenance_fund_ledger",
    "property_fund.action_maintenance_fund_disclosure_wizard",
    "property_bank.action_property_bank_reconcile",
]
FUND_MENUS = [
    "property_fund.menu_property_maintenance_fund",
    "property_fund.menu_property_maintenance_fund_contribution",
    "property_fund.menu_property_maintenance_fund_disclosure",
    "property_fund.menu_property_maintenance_fund_expense",
    "property_fund.menu_property_maintenance_fund_ledger",
    "property_bank.menu_property_bank_reconcile",
    "property_bank.menu_property_bank_statement",
    "property_bank.menu_property_bank_statement_import",
]


def _python(script, *args, addons_dir=None):
    """`script` run by python3 with propctl importable (and the addons of `addons_dir`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tools")}
    if addons_dir:
        env["PROPCTL_ADDONS_DIR"] = str(addons_dir)
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _snapshot(dbname):
    """What the upgrade must keep: rows of the moved tables, the moved columns' values,
    every table, the xml ids of the modules concerned with their records."""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        rows = {}
        for table in MOVED_TABLES:
            cr.execute(f"SELECT count(*) FROM {table}")
            rows[table] = cr.fetchone()[0]
        columns = {}
        for table, names in MOVED_COLUMNS.items():
            cr.execute(f"SELECT id, {', '.join(names)} FROM {table} ORDER BY id")
            columns[table] = [list(map(str, row)) for row in cr.fetchall()]
        cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {row[0] for row in cr.fetchall()}
        cr.execute(
            "SELECT module, name, model, res_id FROM ir_model_data "
            "WHERE module IN ('property_billing', 'property_fund', 'property_bank')"
        )
        xmlids = {(module, name): (model, res_id) for module, name, model, res_id in cr.fetchall()}
        cr.execute(
            "SELECT name, state, latest_version FROM ir_module_module "
            "WHERE name IN ('property_billing', 'property_fund', 'property_bank')"
        )
        modules = {name: (state, version) for name, state, version in cr.fetchall()}
        cr.execute(
            "SELECT d.module, d.name, d.res_id FROM ir_model_data d "
            "JOIN ir_rule r ON r.id = d.res_id "
            "WHERE d.model = 'ir.rule' AND d.module IN ('property_hr', 'property_ticket') "
            "AND (d.name LIKE '%_staff_estates' OR d.name LIKE '%_lead_all')"
        )
        rules = {(module, name): res_id for module, name, res_id in cr.fetchall()}
    conn.close()
    return {
        "rows": rows,
        "columns": columns,
        "tables": tables,
        "xmlids": xmlids,
        "modules": modules,
        "estate_rules": rules,
    }


@pytest.fixture
def old_addons(tmp_path):
    """The addons of OLD_LAYOUT_COMMIT, and the name of their template (dropped after)."""
    archive = tmp_path / "old.tar"
    with open(archive, "wb") as out:
        subprocess.run(
            ["git", "archive", OLD_LAYOUT_COMMIT, "addons"], cwd=ROOT, stdout=out, check=True
        )
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    addons = tmp_path / "addons"
    template = _python(
        "from propctl import tenants; print(tenants.template_name('zh_CN', True))",
        addons_dir=addons,
    ).strip()
    run_propctl("tenant", "drop", TENANT, "--yes", check=False)
    yield addons
    run_propctl("tenant", "drop", TENANT, "--yes", check=False)
    run_propctl("template", "drop", template, check=False)


def test_a_tenant_of_the_old_layout_upgrades_with_its_fund_and_bank_data(old_addons):
    old = {"PROPCTL_ADDONS_DIR": str(old_addons)}
    run_propctl("tenant", "create", TENANT, "--demo", "--admin-password", PASSWORD, env=old)
    _python(SEED, TENANT, addons_dir=old_addons)
    before = _snapshot(TENANT)
    assert before["modules"] == {"property_billing": ("installed", "18.0.0.4.0")}
    assert before["rows"]["property_maintenance_fund_contribution"] >= 3
    assert before["rows"]["property_maintenance_fund_expense_share"] >= 1
    assert before["rows"]["account_statement_import_sheet_mapping"] >= 3

    run_propctl("tenant", "upgrade", TENANT)
    after = _snapshot(TENANT)

    assert after["modules"] == {
        "property_billing": ("installed", "18.0.0.5.0"),
        "property_fund": ("installed", "18.0.1.0.0"),
        "property_bank": ("installed", "18.0.1.0.0"),
    }
    assert after["rows"] == before["rows"]
    assert after["columns"] == before["columns"]
    assert before["tables"] - after["tables"] == set(), "tables dropped"
    # every record billing had is kept, the same record, under billing or a new module
    kept = {name: record for (_module, name), record in after["xmlids"].items()}
    lost = {
        name: record
        for (_module, name), record in before["xmlids"].items()
        if GONE not in name and kept.get(name) != record
    }
    assert not lost, lost
    moved = {
        name: module
        for (module, name) in after["xmlids"]
        if module != "property_billing" and (module, name) not in before["xmlids"]
    }
    for name in (
        "model_property_maintenance_fund_contribution",
        "field_res_company__maintenance_fund_journal_id",
        "property_maintenance_fund_expense_company_rule",
        "access_property_maintenance_fund_ledger_user",
        "seq_property_maintenance_fund_contribution",
        "menu_property_maintenance_fund",
        "report_maintenance_fund_disclosure",
    ):
        assert moved.get(name) == "property_fund", name
    for name in (
        "sheet_mapping_cn_bank_gbk",
        "field_account_reconcile_model__property_match_reference",
        "action_property_bank_reconcile",
        "menu_property_bank_statement_import",
    ):
        assert moved.get(name) == "property_bank", name
    left = [
        name
        for (module, name) in after["xmlids"]
        if module == "property_billing" and ("maintenance_fund" in name or "sheet_mapping" in name)
    ]
    assert not left, left

    assert len(before["estate_rules"]) == 6
    assert after["estate_rules"] == {
        ("property_ticket", name): res_id
        for (module, name), res_id in before["estate_rules"].items()
        if module == "property_hr"
    }

    opened = json.loads(_python(OPEN, TENANT, *FUND_ACTIONS).splitlines()[-1])
    assert (
        opened["property_fund.action_property_maintenance_fund_contribution"]
        == (before["rows"]["property_maintenance_fund_contribution"])
    )
    assert (
        opened["property_fund.action_property_maintenance_fund_expense"]
        == (before["rows"]["property_maintenance_fund_expense"])
    )
    assert opened["property_fund.action_property_maintenance_fund_ledger"] > 0
    assert opened["menus"] == sorted(FUND_MENUS)
