from odoo import api, fields, models

from .property_renovation import WORKS_STATES


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    renovation_ids = fields.One2many("property.renovation", "unit_id", string="Renovations")
    renovation_count = fields.Integer(compute="_compute_renovation_count")

    @api.depends(
        "occupancy_ids.state",
        "occupancy_ids.role",
        "occupancy_ids.is_resident",
        "custody_ids.state",
        "renovation_ids.state",
    )
    def _compute_status(self):
        return super()._compute_status()

    def _get_status(self):
        """A unit shows "renovating" while works run, from the permit to the acceptance."""
        if any(renovation.state in WORKS_STATES for renovation in self.renovation_ids):
            return "renovating"
        return super()._get_status()

    def _compute_renovation_count(self):
        counts = dict(
            self.env["property.renovation"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.renovation_count = counts.get(unit, 0)

    def action_view_renovations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_renovation.action_property_renovation"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
