from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import EstateAccessCommon


@tagged("post_install", "-at_install")
class TestEstateAccess(EstateAccessCommon):
    def test_butler_sees_the_requests_of_their_estates(self):
        butler = self.butler
        # the request they received themselves stays visible, whatever the estate
        self.assert_sees_estate_a_and_what_they_received(butler)
        Ticket = self.env["property.ticket"].with_user(butler)
        self.assertFalse(Ticket.name_search(self.ticket_b.name))
        self.assertEqual([r[0] for r in Ticket.name_search(self.ticket_a.name)], self.ticket_a.ids)

        # a second estate: at once, although the rules are cached per user
        butler.property_estate_ids = [Command.link(self.estate_b.id)]
        self.assertEqual(self.visible(butler, "property.ticket", self.tickets), self.tickets)
        self.ticket_b.with_user(butler).read(["subject"])
        self.assertEqual(
            self.visible(butler, "property.inspection.round", self.rounds), self.rounds
        )
        # none: only what they handle
        butler.property_estate_ids = [Command.clear()]
        self.assertEqual(
            self.visible(butler, "property.ticket", self.tickets), self.ticket_b_received
        )

    def test_staff_without_estates_see_none_and_leads_see_all(self):
        desk = new_test_user(self.env, "pt_desk_none", groups="property_ticket.group_ticket_desk")
        technician = new_test_user(
            self.env, "pt_technician_none", groups="property_ticket.group_ticket_technician"
        )
        self.assertFalse(self.visible(desk, "property.ticket", self.tickets))
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(desk).read(["subject"])
        self.assertFalse(self.visible(technician, "property.ticket.followup", self.followups))
        self.assertFalse(self.visible(technician, "property.inspection.round", self.rounds))
        # a team lead of estate A: the technicians' rule and the leads' are OR-ed
        self.work_for(self.lead, self.estate)
        self.assertEqual(self.visible(self.lead, "property.ticket", self.tickets), self.tickets)
        self.assertEqual(
            self.visible(self.lead, "property.ticket.followup", self.followups), self.followups
        )
        self.ticket_b.with_user(self.ticket_manager).read(["subject"])
