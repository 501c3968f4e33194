from . import (
    property_charge,
    property_estate,
    property_handover,
    property_service_price,
    property_ticket,
    property_ticket_category,
    property_ticket_followup,
    property_ticket_material,
    property_ticket_sla,
    property_unit,
    res_company,
    res_config_settings,
)
