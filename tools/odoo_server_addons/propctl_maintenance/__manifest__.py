{
    "name": "Property ERP Maintenance Page",
    "summary": "A tenant being upgraded answers 503 and a maintenance page (server-wide)",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/property-erp/property-erp",
    "author": "Property ERP",
    "license": "LGPL-3",
    "depends": [],
    "post_load": "post_load",
    # Server-wide only (server_wide_modules of config/odoo.conf): loaded by every Odoo
    # server process, installed in no database, so that no tenant's Apps offers it.
    "installable": False,
}
