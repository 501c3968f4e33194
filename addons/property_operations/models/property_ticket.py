from odoo import fields, models


class PropertyTicket(models.Model):
    """A service request raised for a breakdown names the equipment and its corrective
    maintenance order."""

    _inherit = "property.ticket"

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    maintenance_request_id = fields.Many2one(
        "maintenance.request",
        string="Maintenance Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

    def _property_form_action(self):
        """The request (or requests) just raised, to continue at the desk."""
        action = self._property_list_action()
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        return action

    def _property_list_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_ticket"
        )
        action["domain"] = [("id", "in", self.ids)]
        action["context"] = {}
        return action
