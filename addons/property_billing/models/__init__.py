from . import (
    account_move,
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
