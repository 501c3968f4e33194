from odoo import fields, models


class PropertyFacility(models.Model):
    """A common facility is where owners and service requests see a problem; the
    machines maintained there are its equipment, in Odoo's equipment register."""

    _inherit = "property.facility"

    equipment_ids = fields.One2many("maintenance.equipment", "property_facility_id")
    equipment_count = fields.Integer(compute="_compute_equipment_count")

    def _compute_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("property_facility_id", "in", self.ids)], ["property_facility_id"], ["__count"]
            )
        )
        for facility in self:
            facility.equipment_count = counts.get(facility, 0)

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_equipment"
        )
        action["domain"] = [("property_facility_id", "=", self.id)]
        action["context"] = {"default_property_facility_id": self.id}
        return action
