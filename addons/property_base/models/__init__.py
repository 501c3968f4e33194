# isort: off
# The mixins first: models below inherit them.
from . import base, property_company_mixin, property_unit_mixin, property_workflow_mixin

# isort: on
from . import (
    ir_actions_report,
    ir_module_module,
    property_announcement,
    property_building,
    property_custody,
    property_estate,
    property_facility,
    property_handover,
    property_meter,
    property_meter_reading,
    property_occupancy,
    property_parking,
    property_report_mixin,
    property_team,
    property_unit,
    res_company,
    res_config_settings,
    res_partner,
    res_users,
)
