from odoo import fields, models


class PropertyCharge(models.Model):
    _inherit = "property.charge"

    ticket_id = fields.Many2one(
        "property.ticket",
        string="Service Request",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        help="The paid service this charge bills.",
    )
