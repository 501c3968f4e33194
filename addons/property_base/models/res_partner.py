from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    occupancy_ids = fields.One2many("property.occupancy", "partner_id", string="Occupancies")
    property_unit_count = fields.Integer(compute="_compute_property_unit_count", string="Units")

    @api.depends("occupancy_ids.state")
    def _compute_property_unit_count(self):
        counts = dict(
            self.env["property.occupancy"]._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "current")],
                ["partner_id"],
                ["unit_id:count_distinct"],
            )
        )
        for partner in self:
            partner.property_unit_count = counts.get(partner, 0)

    @api.model
    def get_import_templates(self):
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Owners and Tenants"),
                "template": "/property_base/static/xlsx/property_owners.xlsx",
            },
        ]

    def action_view_property_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.action_property_unit")
        action["domain"] = [
            ("occupancy_ids", "any", [("partner_id", "=", self.id), ("state", "=", "current")])
        ]
        return action
