"""18.0.0.5.0: the maintenance fund moves to property_fund, bank statements and their
reconciliation to property_bank.

Before this update loads, every record of theirs that billing created (the models and
their fields, selections, constraints and inheritance; access rights, record rules,
views, actions, menus, sequences, the sheet mappings...) is given to its new module, so
that billing's update, which no longer loads them, deletes none of them, nor drops the
tables of the fund. The two addons are then marked to install: Odoo installs them in
the same run (after billing), finds their records under their names and keeps the data.
Plain SQL, as OpenUpgrade's update_module_moved_models / update_module_names do it.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

OLD = "property_billing"

MOVES = {
    "property_fund": {
        "models": [
            "property.maintenance.fund.document",
            "property.maintenance.fund.contribution",
            "property.maintenance.fund.expense",
            "property.maintenance.fund.expense.share",
            "property.maintenance.fund.ledger",
            "property.maintenance.fund.disclosure.wizard",
        ],
        # fields the addon adds to models of other modules
        "fields": [
            "property.building.currency_id",
            "property.building.maintenance_fund_balance",
            "property.unit.currency_id",
            "property.unit.maintenance_fund_balance",
            "res.company.maintenance_fund_account_code",
            "res.company.maintenance_fund_account_id",
            "res.company.maintenance_fund_journal_id",
            "res.company.maintenance_fund_rate",
            "res.config.settings.maintenance_fund_account_code",
            "res.config.settings.maintenance_fund_account_id",
            "res.config.settings.maintenance_fund_journal_id",
            "res.config.settings.maintenance_fund_rate",
        ],
        "records": [
            # access rights
            "access_property_maintenance_fund_contribution_manager",
            "access_property_maintenance_fund_contribution_office",
            "access_property_maintenance_fund_contribution_user",
            "access_property_maintenance_fund_disclosure_wizard_office",
            "access_property_maintenance_fund_disclosure_wizard_user",
            "access_property_maintenance_fund_expense_manager",
            "access_property_maintenance_fund_expense_office",
            "access_property_maintenance_fund_expense_share_office",
            "access_property_maintenance_fund_expense_share_user",
            "access_property_maintenance_fund_expense_user",
            "access_property_maintenance_fund_ledger_user",
            # record rules
            "property_maintenance_fund_contribution_company_rule",
            "property_maintenance_fund_expense_company_rule",
            "property_maintenance_fund_expense_share_company_rule",
            "property_maintenance_fund_ledger_company_rule",
            # sequences
            "seq_property_maintenance_fund_contribution",
            "seq_property_maintenance_fund_expense",
            # actions, the report and its template
            "action_maintenance_fund_disclosure_wizard",
            "action_property_maintenance_fund_contribution",
            "action_property_maintenance_fund_expense",
            "action_property_maintenance_fund_ledger",
            "action_report_maintenance_fund_disclosure",
            "report_maintenance_fund_disclosure",
            # menus
            "menu_property_maintenance_fund",
            "menu_property_maintenance_fund_contribution",
            "menu_property_maintenance_fund_disclosure",
            "menu_property_maintenance_fund_expense",
            "menu_property_maintenance_fund_ledger",
            # views
            "property_building_view_form_maintenance_fund",
            "property_building_view_list_maintenance_fund",
            "property_maintenance_fund_contribution_view_form",
            "property_maintenance_fund_contribution_view_graph",
            "property_maintenance_fund_contribution_view_list",
            "property_maintenance_fund_contribution_view_pivot",
            "property_maintenance_fund_contribution_view_search",
            "property_maintenance_fund_disclosure_wizard_view_form",
            "property_maintenance_fund_expense_view_form",
            "property_maintenance_fund_expense_view_graph",
            "property_maintenance_fund_expense_view_list",
            "property_maintenance_fund_expense_view_pivot",
            "property_maintenance_fund_expense_view_search",
            "property_maintenance_fund_ledger_view_graph",
            "property_maintenance_fund_ledger_view_list",
            "property_maintenance_fund_ledger_view_pivot",
            "property_maintenance_fund_ledger_view_search",
            "property_unit_view_form_maintenance_fund",
            "res_config_settings_view_form_maintenance_fund",
        ],
    },
    "property_bank": {
        "models": [],
        "fields": [
            "account.reconcile.model.property_match_reference",
            "account.statement.import.journal_id",
            "account.statement.import.sheet_mapping_id",
        ],
        "records": [
            "sheet_mapping_cn_bank_gbk",
            "sheet_mapping_cn_bank_signed_utf8",
            "sheet_mapping_cn_bank_utf8",
            "action_property_bank_reconcile",
            "menu_property_bank_reconcile",
            "menu_property_bank_statement",
            "menu_property_bank_statement_import",
            "account_reconcile_model_view_form",
            "account_statement_import_view_form",
        ],
    },
}

# The xml ids of the reflection of models and fields, moved by model and field above
REFLECTION = (
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.inherit",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    new_modules = Module.search([("name", "in", list(MOVES))])
    if len(new_modules) < len(MOVES):
        # normally done by Odoo before any module of an update is loaded
        Module.update_list()
        new_modules = Module.search([("name", "in", list(MOVES))])
    for module in new_modules:
        _move(cr, module, **MOVES[module.name])
    # installed in this same run, after billing: their records are waiting for them
    new_modules.filtered(lambda module: module.state == "uninstalled").button_install()
    env.flush_all()


def _move(cr, module, models, fields, records):
    new = module.name
    cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [OLD])
    old_id = cr.fetchone()[0]
    model_ids = ()
    if models:
        cr.execute("SELECT id FROM ir_model WHERE model IN %s", [tuple(models)])
        model_ids = tuple(row[0] for row in cr.fetchall())
    model_ids = model_ids or (0,)
    models = tuple(models) or ("",)
    fields = tuple(fields) or ("",)
    params = {
        "old": OLD,
        "new": new,
        "models": models,
        "model_ids": model_ids,
        "fields": fields,
        "records": tuple(records),
        "reflection": REFLECTION,
    }
    cr.execute(
        """
        UPDATE ir_model_data d SET module = %(new)s
         WHERE d.module = %(old)s
           AND (
                (d.model = 'ir.model' AND d.res_id IN %(model_ids)s)
             OR (d.model = 'ir.model.fields' AND d.res_id IN (
                    SELECT id FROM ir_model_fields
                     WHERE model IN %(models)s OR model || '.' || name IN %(fields)s))
             OR (d.model = 'ir.model.fields.selection' AND d.res_id IN (
                    SELECT s.id FROM ir_model_fields_selection s
                      JOIN ir_model_fields f ON f.id = s.field_id
                     WHERE f.model IN %(models)s OR f.model || '.' || f.name IN %(fields)s))
             OR (d.model = 'ir.model.constraint' AND d.res_id IN (
                    SELECT id FROM ir_model_constraint WHERE model IN %(model_ids)s))
             OR (d.model = 'ir.model.inherit' AND d.res_id IN (
                    SELECT id FROM ir_model_inherit WHERE model_id IN %(model_ids)s))
             OR (d.model NOT IN %(reflection)s AND d.name IN %(records)s)
           )
        """,
        params,
    )
    _logger.info("%s xml ids of %s moved to %s", cr.rowcount, OLD, new)
    # The database objects Odoo removes when a module is uninstalled: the constraints
    # (SQL constraints, foreign keys) and the many2many tables of the moved models and
    # fields are the new module's.
    foreign_keys = tuple(
        f"{name.rpartition('.')[0].replace('.', '_')}_{name.rpartition('.')[2]}_fkey"
        for name in fields
        if name
    ) or ("",)
    cr.execute(
        """
        UPDATE ir_model_constraint SET module = %s
         WHERE module = %s AND (model IN %s OR name IN %s)
        """,
        [module.id, old_id, model_ids, foreign_keys],
    )
    cr.execute(
        "UPDATE ir_model_relation SET module = %s WHERE module = %s AND model IN %s",
        [module.id, old_id, model_ids],
    )
