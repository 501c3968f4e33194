from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Databases installed before the wire transfer get it now (new ones from the
    post-init hook)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._property_setup_wire_transfer()
