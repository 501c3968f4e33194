{
    "name": "Property Staff",
    "summary": "Staff of the property company on Odoo HR: roles, training and certifications, "
    "target-responsibility letters with KPIs computed from service requests and billing, "
    "monthly assessments",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_ticket", "hr", "hr_skills"],
    "data": [
        "security/ir.model.access.csv",
        "views/hr_employee_views.xml",
        "views/property_hr_menus.xml",
        "security/property_hr_security.xml",
        "data/property_kpi_metric_data.xml",
        "data/property_kpi_cron_data.xml",
        "views/property_kpi_metric_views.xml",
        "views/property_kpi_letter_views.xml",
        "views/property_kpi_assessment_views.xml",
        "views/property_kpi_review_report_views.xml",
        "wizard/property_kpi_assessment_generate_views.xml",
        "views/property_kpi_menus.xml",
    ],
    "demo": [
        "demo/property_kpi_demo.xml",
    ],
    "installable": True,
}
