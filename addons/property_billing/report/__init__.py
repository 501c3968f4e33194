from . import (
    property_arrears_report,
    property_collection_report,
    property_income_report,
    property_maintenance_fund_disclosure,
    property_maintenance_fund_ledger,
    unit_statement,
)
