from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    custody_fee_factor = fields.Float(related="company_id.custody_fee_factor", readonly=False)
    property_late_fee_rate = fields.Float(
        related="company_id.property_late_fee_rate", readonly=False
    )
    property_move_in_months = fields.Integer(
        related="company_id.property_move_in_months", readonly=False
    )
