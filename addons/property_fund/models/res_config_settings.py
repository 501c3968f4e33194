from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    maintenance_fund_journal_id = fields.Many2one(
        related="company_id.maintenance_fund_journal_id", readonly=False
    )
    maintenance_fund_account_id = fields.Many2one(
        related="company_id.maintenance_fund_account_id", readonly=False
    )
    maintenance_fund_account_code = fields.Char(
        related="company_id.maintenance_fund_account_code", readonly=False
    )
    maintenance_fund_rate = fields.Float(related="company_id.maintenance_fund_rate", readonly=False)

    def action_maintenance_fund_setup(self):
        """Create the fund's journal and liability account where they are missing."""
        self.ensure_one()
        self.execute()
        self.company_id._get_maintenance_fund_accounting()
        return {"type": "ir.actions.client", "tag": "reload"}
