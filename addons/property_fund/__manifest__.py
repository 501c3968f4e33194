{
    "name": "Property Maintenance Fund",
    "summary": "The owners' special maintenance fund (专项维修资金): contributions, uses "
    "shared over the units, balances and the disclosure report, in Odoo accounting",
    "version": "18.0.1.0.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_billing"],
    "data": [
        "security/ir.model.access.csv",
        "security/property_fund_security.xml",
        "data/property_maintenance_fund_data.xml",
        "wizard/property_maintenance_fund_disclosure_wizard_views.xml",
        "report/property_maintenance_fund_reports.xml",
        "views/property_maintenance_fund_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
