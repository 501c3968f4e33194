from odoo import models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    def _ticket_requester(self):
        """Who a request about the unit comes from by default: a resident tenant,
        else a resident owner, else the owner, else any current occupant."""
        self.ensure_one()
        current = self.current_occupancy_ids
        for matches in (
            lambda o: o.role == "tenant" and o.is_resident,
            lambda o: o.role == "owner" and o.is_resident,
            lambda o: o.role == "owner",
            lambda o: True,
        ):
            found = current.filtered(matches)
            if found:
                return found[0].partner_id
        return self.env["res.partner"]
