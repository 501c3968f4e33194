from ast import literal_eval

from odoo import fields, models


class PropertyEstate(models.Model):
    """Each estate may have an e-mail alias (e.g. yg-service@…): what is sent to it
    becomes a service request of the estate."""

    _name = "property.estate"
    _inherit = ["property.estate", "mail.alias.mixin.optional"]

    # staff only: portal users read their estate, never the ids of others' requests
    ticket_ids = fields.One2many(
        "property.ticket",
        "estate_id",
        string="Service Requests",
        groups="property_base.group_property_user",
    )
    ticket_open_count = fields.Integer(string="Open Requests", compute="_compute_ticket_open_count")

    def _compute_ticket_open_count(self):
        counts = dict(
            self.env["property.ticket"]._read_group(
                [
                    ("estate_id", "in", self.ids),
                    ("state", "in", ("new", "dispatched", "in_progress", "done")),
                ],
                ["estate_id"],
                ["__count"],
            )
        )
        for estate in self:
            estate.ticket_open_count = counts.get(estate, 0)

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("property.ticket")
        if self.id:
            defaults = literal_eval(self.alias_defaults or "{}")
            defaults.update({"estate_id": self.id, "channel": "email"})
            values["alias_defaults"] = repr(defaults)
        return values

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_ticket"
        )
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id, "search_default_open": 1}
        return action
