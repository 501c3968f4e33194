from odoo import fields, models


class PropertyCharge(models.Model):
    _inherit = "property.charge"

    renovation_id = fields.Many2one(
        "property.renovation",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
