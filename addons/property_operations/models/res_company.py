from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_equipment_notice_days = fields.Integer(
        string="Equipment Notice (days)",
        default=30,
        help="Engineering is given an activity this many days before an equipment's "
        "statutory inspection is due or its maintenance contract ends.",
    )

    _property_bounds = {"property_equipment_notice_days": (0, 366)}
