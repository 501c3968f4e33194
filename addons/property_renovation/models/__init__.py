from . import (
    account_move,
    property_charge,
    property_renovation,
    property_renovation_check,
    property_renovation_deduction,
    property_renovation_fee,
    property_renovation_portal,
    property_unit,
)
