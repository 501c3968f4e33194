from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_equipment_notice_days = fields.Integer(
        related="company_id.property_equipment_notice_days", readonly=False
    )
