from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    common_revenue_journal_id = fields.Many2one(
        related="company_id.common_revenue_journal_id", readonly=False
    )
    common_revenue_account_id = fields.Many2one(
        related="company_id.common_revenue_account_id", readonly=False
    )
    common_revenue_account_code = fields.Char(
        related="company_id.common_revenue_account_code", readonly=False
    )

    def action_common_revenue_setup(self):
        """Create the common revenue's journal and liability account where missing."""
        self.ensure_one()
        self.execute()
        self.company_id._get_common_revenue_accounting()
        return {"type": "ir.actions.client", "tag": "reload"}
