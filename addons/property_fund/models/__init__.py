# isort: off
# The mixins first: models below, and the ledgers of report/, inherit them.
from . import property_maintenance_fund_document, property_owners_money_ledger

# isort: on
from . import (
    property_maintenance_fund_balance,
    property_maintenance_fund_contribution,
    property_maintenance_fund_expense,
    property_maintenance_fund_expense_share,
    res_company,
    res_config_settings,
)
