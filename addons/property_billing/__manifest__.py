{
    "name": "Property Billing",
    "summary": "Fee types, rate plans, billing schedules and pending charges of units, "
    "posted in Odoo accounting",
    "version": "18.0.0.1.0",
    "category": "Services/Property",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "LGPL-3",
    "depends": [
        "property_base",
        "account",
        # OCA: bank statements imported from files, reconciled in the OCA screen
        "account_reconcile_oca",
        "account_statement_import_file",
        "account_statement_import_ofx",
        "account_statement_import_sheet_file",
    ],
    "data": [
        "security/property_billing_groups.xml",
        "security/ir.model.access.csv",
        "security/property_billing_security.xml",
        "data/property_fee_data.xml",
        "data/ir_cron_data.xml",
        "views/product_template_views.xml",
        "views/property_rate_plan_views.xml",
        "views/property_billing_schedule_views.xml",
        "views/property_charge_views.xml",
        "views/property_billing_run_views.xml",
        "views/res_config_settings_views.xml",
        "views/property_billing_menus.xml",
    ],
    "installable": True,
}
