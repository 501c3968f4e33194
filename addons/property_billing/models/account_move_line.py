from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_charge_id = fields.Many2one("property.charge", index="btree_not_null", copy=False)
