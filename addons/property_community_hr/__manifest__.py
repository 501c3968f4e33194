{
    "name": "Property Community KPIs",
    "summary": "The owners' satisfaction from the estates' satisfaction surveys as a KPI "
    "of the staff's target-responsibility letters",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_community", "property_hr"],
    "data": [
        "data/property_kpi_metric_data.xml",
    ],
    "installable": True,
    "auto_install": True,
}
