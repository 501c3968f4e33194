from . import (
    account_move,
    product_template,
    property_billing_run,
    property_billing_schedule,
    property_charge,
    property_maintenance_fund_balance,
    property_maintenance_fund_contribution,
    property_maintenance_fund_expense,
    property_maintenance_fund_expense_share,
    property_rate_plan,
    res_company,
    res_config_settings,
)
