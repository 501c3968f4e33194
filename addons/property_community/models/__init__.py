# isort: off
# Common revenue: the company's accounts first, the entries' mixin before the entries.
from . import res_company, res_config_settings, property_common_revenue_entry

# isort: on
from . import (
    property_common_revenue,
    property_common_revenue_disclosure,
    property_common_revenue_disclosure_line,
    property_common_revenue_kind,
    property_common_revenue_use,
)

# The ledger last: its SQL view reads the tables of the company and of the entries.
from . import property_common_revenue_ledger  # isort: skip
