from . import (
    property_charge_waive,
    property_handover_fee_override,
    property_maintenance_fund_disclosure_wizard,
    unit_statement_wizard,
)
