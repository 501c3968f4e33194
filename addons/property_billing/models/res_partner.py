from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_dunning_count = fields.Integer(
        compute="_compute_property_dunning_count", groups="property_base.group_property_manager"
    )

    def _compute_property_dunning_count(self):
        counts = dict(
            self.env["property.dunning"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.property_dunning_count = counts.get(partner, 0)
