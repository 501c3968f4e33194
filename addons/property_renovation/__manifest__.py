{
    "name": "Property Renovation",
    "summary": "Renovation applications (装修申请): review, authority approval, agreement, "
    "deposit and fees through billing, works, completion acceptance and deposit refund",
    "version": "18.0.1.0.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": ["property_ticket", "property_billing", "mail", "portal"],
    "data": [
        "security/property_renovation_groups.xml",
        "security/ir.model.access.csv",
        "security/property_renovation_security.xml",
        "data/ir_sequence_data.xml",
        "views/property_renovation_views.xml",
        "views/property_renovation_menus.xml",
    ],
    "installable": True,
    "application": False,
}
