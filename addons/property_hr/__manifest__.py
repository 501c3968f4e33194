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
        "security/property_hr_training_security.xml",
        "data/property_hr_training_data.xml",
        "data/hr_job_data.xml",
        "views/hr_job_views.xml",
        "views/hr_employee_role_views.xml",
        "views/property_training_course_views.xml",
        "views/property_training_session_views.xml",
        "views/property_certification_views.xml",
        "views/property_training_matrix_views.xml",
        "views/property_training_menus.xml",
    ],
    "demo": [
        "demo/property_hr_training_demo.xml",
    ],
    "installable": True,
}
