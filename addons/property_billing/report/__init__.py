from . import property_fee_report_mixin  # isort: skip (the reports inherit it)
from . import (
    property_arrears_report,
    property_collection_report,
    property_income_report,
    unit_statement,
)
