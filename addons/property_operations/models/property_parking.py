from odoo import fields, models


class PropertyParkingSpace(models.Model):
    _inherit = "property.parking.space"

    incident_count = fields.Integer(string="Parking Incidents", compute="_compute_incident_count")

    def _compute_incident_count(self):
        counts = dict(
            self.env["property.parking.incident"]._read_group(
                [("parking_space_id", "in", self.ids)], ["parking_space_id"], ["__count"]
            )
        )
        for space in self:
            space.incident_count = counts.get(space, 0)

    def action_view_parking_incidents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_parking_incident"
        )
        action["domain"] = [("parking_space_id", "=", self.id)]
        action["context"] = {"default_parking_space_id": self.id}
        return action
