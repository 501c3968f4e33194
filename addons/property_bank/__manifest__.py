{
    "name": "Property Bank Statements",
    "summary": "Chinese banks' statements (CSV, OFX) imported and matched to the payment "
    "notices by their payment reference, the rest reconciled in OCA's screen",
    "version": "18.0.1.0.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "AGPL-3",
    "depends": [
        "property_billing",
        # OCA: bank statements imported from files, reconciled in the OCA screen
        "account_reconcile_oca",
        "account_statement_import_file",
        "account_statement_import_ofx",
        "account_statement_import_sheet_file",
    ],
    "data": [
        "data/account_statement_import_sheet_mapping_data.xml",
        "views/account_statement_import_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
