{
    "name": "Property Management Base",
    "summary": "Estates, buildings, units and occupants of a property-management company",
    "version": "18.0.0.1.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "LGPL-3",
    "depends": ["base", "mail", "portal"],
    "data": [
        "security/property_base_groups.xml",
        "views/property_menus.xml",
    ],
    "application": True,
    "installable": True,
}
