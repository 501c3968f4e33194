from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kpi_collection_late_fees = fields.Boolean(
        related="company_id.kpi_collection_late_fees", readonly=False
    )
