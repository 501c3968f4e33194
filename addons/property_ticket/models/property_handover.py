from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyHandover(models.Model):
    """Defects found at the joint inspection of a move-in become repair requests
    (DOMAIN §2: defects -> repair work orders -> re-inspection), at sign-off or by
    the button for the ones found later."""

    _inherit = "property.handover"

    ticket_ids = fields.One2many("property.ticket", "handover_id", string="Repair Requests")
    ticket_count = fields.Integer(string="Repairs", compute="_compute_ticket_count")

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        for handover in self:
            handover.ticket_count = len(handover.ticket_ids)

    def action_sign(self):
        result = super().action_sign()
        self._create_defect_tickets()
        return result

    def action_create_defect_tickets(self):
        if not self.check_line_ids.filtered(lambda line: line._needs_ticket()):
            raise UserError(self.env._("No defect without a repair request to raise."))
        self._create_defect_tickets()
        return self.action_view_tickets()

    def _create_defect_tickets(self):
        lines = self.check_line_ids.filtered(lambda line: line._needs_ticket())
        category = self.env.ref(
            "property_ticket.ticket_category_handover_defect", raise_if_not_found=False
        )
        tickets = self.env["property.ticket"].create(
            [
                {
                    "subject": self.env._(
                        "Move-in defect: %(check)s", check=line.name or line.area or ""
                    ),
                    "ticket_type": "repair",
                    "channel": "handover",
                    "category_id": category.id if category else False,
                    "unit_id": line.handover_id.unit_id.id,
                    "partner_id": line.handover_id.partner_id.id,
                    "description": line.defect_description,
                    "handover_id": line.handover_id.id,
                    "handover_check_id": line.id,
                }
                for line in lines
            ]
        )
        for ticket, line in zip(tickets, lines, strict=True):
            if line.photo:
                attachment = self.env["ir.attachment"].create(
                    {
                        "name": f"{ticket.name}.png",
                        "datas": line.photo,
                        "res_model": "property.ticket",
                        "res_id": ticket.id,
                    }
                )
                ticket.photo_ids = attachment
            line.ticket_id = ticket
        return tickets

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_ticket"
        )
        action["domain"] = [("handover_id", "=", self.id)]
        action["context"] = {"default_handover_id": self.id, "default_unit_id": self.unit_id.id}
        return action


class PropertyHandoverCheck(models.Model):
    _inherit = "property.handover.check"

    ticket_id = fields.Many2one(
        "property.ticket", string="Repair Request", readonly=True, copy=False
    )
    ticket_state = fields.Selection(related="ticket_id.state", string="Repair Status")

    def _needs_ticket(self):
        self.ensure_one()
        return self.result == "defect" and not self.repaired and not self.ticket_id
