from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    custody_water_threshold = fields.Float(
        related="company_id.custody_water_threshold", readonly=False
    )
    custody_electricity_threshold = fields.Float(
        related="company_id.custody_electricity_threshold", readonly=False
    )
