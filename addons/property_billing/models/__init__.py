# isort: off
# The mixin first: models below inherit it.
from . import property_maintenance_fund_document

# isort: on
from . import (
    account_bank_statement_line,
    account_chart_template,
    account_journal,
    account_move,
    account_payment,
    account_reconcile_model,
    account_statement_import,
    account_statement_import_sheet_parser,
    payment_provider,
    product_template,
    property_billing_run,
    property_billing_schedule,
    property_charge,
    property_dunning,
    property_handover,
    property_maintenance_fund_balance,
    property_maintenance_fund_contribution,
    property_maintenance_fund_expense,
    property_maintenance_fund_expense_share,
    property_rate_plan,
    res_company,
    res_config_settings,
    res_partner,
)
