from . import (
    property_charge_waive,
    property_handover_fee_override,
    unit_statement_wizard,
)
