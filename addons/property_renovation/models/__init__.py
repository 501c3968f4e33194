from . import (
    property_estate_renovation,
    property_renovation,
    property_renovation_entry,
    property_renovation_inspection,
    property_renovation_pass,
    property_renovation_permit,
    property_renovation_rule,
    property_renovation_supervision,
)
