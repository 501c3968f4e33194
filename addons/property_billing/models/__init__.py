from . import (
    account_chart_template,
    account_move,
    account_payment,
    product_template,
    property_billing_run,
    property_billing_schedule,
    property_charge,
    property_dunning,
    property_rate_plan,
    res_company,
    res_config_settings,
    res_partner,
)
