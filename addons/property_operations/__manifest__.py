{
    "name": "Property Operations",
    "summary": "Equipment register (设施设备台账) on Odoo Maintenance, linked to the estates' "
    "common facilities; preventive maintenance plans (维保计划) generating work orders "
    "before they are due, with signed and verified checklists; breakdowns as service "
    "requests; downtime and cost per equipment",
    "version": "18.0.1.1.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_ticket", "maintenance"],
    "data": [
        "security/property_operations_groups.xml",
        "security/ir.model.access.csv",
        "security/property_operations_security.xml",
        "data/maintenance_equipment_category_data.xml",
        "data/property_maintenance_check_item_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/maintenance_equipment_views.xml",
        "views/maintenance_equipment_category_views.xml",
        "views/maintenance_request_views.xml",
        "views/property_maintenance_plan_views.xml",
        "views/property_facility_views.xml",
        "views/property_maintenance_check_item_views.xml",
        "views/property_ticket_views.xml",
        "views/res_config_settings_views.xml",
        "views/property_operations_menus.xml",
        "data/property_planned_works_data.xml",
        "views/property_planned_works_views.xml",
    ],
    "demo": ["demo/property_operations_demo.xml", "demo/property_planned_works_demo.xml"],
    "assets": {
        "web.assets_tests": ["property_operations/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
