from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody of a vacant unit: exceeding these during custody is an alert.
    custody_water_threshold = fields.Float(string="Custody Water Threshold (m³)", default=5.0)
    custody_electricity_threshold = fields.Float(
        string="Custody Electricity Threshold (kWh)", default=20.0
    )
