from . import (
    maintenance_equipment,
    maintenance_equipment_category,
    maintenance_request,
    property_facility,
    property_maintenance_check,
    property_maintenance_plan,
    property_parking,
    property_parking_incident,
    property_takeover,
    property_ticket,
    res_company,
    res_config_settings,
)
