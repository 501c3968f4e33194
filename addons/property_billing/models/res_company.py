from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody: the management fee of a unit in custody is charged at 70 %.
    custody_fee_factor = fields.Float(string="Custody Fee Factor (%)", default=70.0)

    # DOMAIN.md, fee collection: overdue amounts bear a late fee of 3 ‰ per day.
    property_late_fee_rate = fields.Float(string="Late Fee (‰ per day)", default=3.0)
