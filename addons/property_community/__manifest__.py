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
        "security/property_owners_meeting_security.xml",
        "views/property_owners_meeting_views.xml",
        "views/property_owners_committee_views.xml",
        "report/property_owners_meeting_reports.xml",
        "views/property_owners_meeting_portal_templates.xml",
        "security/property_community_survey_event_security.xml",
        "data/survey_survey_data.xml",
        "views/survey_survey_views.xml",
        "views/event_event_views.xml",
        "report/property_survey_satisfaction_report_views.xml",
        "views/property_community_event_survey_templates.xml",
    ],
    "demo": [
        "demo/property_owners_meeting_demo.xml",
        "demo/property_community_event_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_community/static/tests/tours/*.js"],
    },
    "installable": True,
    "application": False,
}
