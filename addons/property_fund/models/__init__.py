# isort: off
# The mixin first: models below inherit it.
from . import property_maintenance_fund_document

# isort: on
from . import (
    property_maintenance_fund_balance,
    property_maintenance_fund_contribution,
    property_maintenance_fund_expense,
    property_maintenance_fund_expense_share,
    res_company,
    res_config_settings,
)
