{
    "name": "Property Community",
    "summary": "Owners' general meeting (业主大会) with e-voting counted by area and "
    "headcount (民法典 §278), the owners' committee (业主委员会), satisfaction and opinion "
    "surveys, community events (社区文化活动), common revenue and its public "
    "disclosure (公示)",
    "version": "18.0.1.0.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_fund", "survey", "event"],
    "data": [
        "security/property_community_groups.xml",
        "security/ir.model.access.csv",
        "views/property_community_menus.xml",
        "data/property_common_revenue_data.xml",
        "security/property_common_revenue_security.xml",
        "report/property_common_revenue_disclosure_report.xml",
        "views/property_common_revenue_views.xml",
        "views/property_common_revenue_disclosure_views.xml",
        "views/property_common_revenue_settings_views.xml",
        "views/property_common_revenue_portal_templates.xml",
    ],
    "demo": [
        "demo/property_common_revenue_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_community/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
