from . import (
    account_move,
    account_statement_import,
    account_statement_import_sheet_parser,
    product_template,
    property_billing_run,
    property_billing_schedule,
    property_charge,
    property_rate_plan,
    res_company,
    res_config_settings,
)
