from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestTicketSecurity(TicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2, cls.estate_2, cls.unit_2 = cls.second_company()
        cls.desk_2 = cls.company_user(
            cls.company_2, "pt_desk_2", "property_ticket.group_ticket_desk"
        )
        cls.work_for(cls.desk_2, cls.estate_2)
        cls.ticket_1 = cls.ticket()
        cls.ticket_2 = cls.env["property.ticket"].create(
            {"subject": "滨江府 报修", "unit_id": cls.unit_2.id}
        )
        cls.portal_zhang = new_test_user(
            cls.env, "pt_portal_zhang", groups="base.group_portal", partner_id=cls.owner_zhang.id
        )
        cls.portal_li = new_test_user(
            cls.env, "pt_portal_li", groups="base.group_portal", partner_id=cls.owner_li.id
        )

    def test_each_company_sees_its_own_requests(self):
        Ticket = self.env["property.ticket"]
        self.assertEqual(
            Ticket.with_user(self.desk_2).search([("subject", "like", "报修")]), self.ticket_2
        )
        self.assertNotIn(self.ticket_2, Ticket.with_user(self.desk).search([]))
        with self.assertRaises(AccessError):
            self.ticket_1.with_user(self.desk_2).read(["subject"])
        self.assertEqual(self.ticket_2.company_id, self.company_2)
        self.assertTrue(self.ticket_2.name.startswith("WO/"))

    def test_sequence_is_per_company(self):
        sequence = self.env["ir.sequence"].create(
            {
                "name": "第二物业公司 工单",
                "code": "property.ticket",
                "prefix": "BJ/",
                "padding": 4,
                "company_id": self.company_2.id,
            }
        )
        ticket = self.env["property.ticket"].create(
            {"subject": "门禁故障", "unit_id": self.unit_2.id}
        )
        self.assertEqual(ticket.name, f"BJ/{sequence.number_next_actual - 1:04d}")
        self.assertTrue(self.ticket().name.startswith("WO/"))

    def test_portal_users_see_their_own_and_their_units_requests(self):
        Ticket = self.env["property.ticket"]
        # owner Zhang's unit A1 (the tenant asked): Zhang sees it, owner Li does not
        self.assertEqual(self.ticket_1.partner_id, self.tenant_wang)
        self.assertIn(self.ticket_1, Ticket.with_user(self.portal_zhang).search([]))
        self.assertNotIn(self.ticket_1, Ticket.with_user(self.portal_li).search([]))
        with self.assertRaises(AccessError):
            self.ticket_1.with_user(self.portal_li).read(["subject"])
        # Li's own request about a public area
        public = self.ticket(
            ticket_type="public_area",
            unit_id=False,
            estate_id=self.estate.id,
            partner_id=self.owner_li.id,
        )
        self.assertEqual(Ticket.with_user(self.portal_li).search([]), public)
        # read only
        with self.assertRaises(AccessError):
            public.with_user(self.portal_li).write({"subject": "改"})
        with self.assertRaises(AccessError):
            Ticket.with_user(self.portal_li).create({"subject": "x", "estate_id": self.estate.id})

    def test_technicians_cannot_delete_or_configure(self):
        with self.assertRaises(AccessError):
            self.ticket_1.with_user(self.technician).unlink()
        with self.assertRaises(AccessError):
            self.env["property.ticket.sla"].with_user(self.lead).create({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["property.ticket.followup"].with_user(self.technician).create(
                {"ticket_id": self.ticket_1.id, "date_due": "2026-03-03"}
            )
        self.env["property.ticket.sla"].with_user(self.ticket_manager).create({"name": "x"})

    def test_property_managers_manage_requests(self):
        self.assertTrue(self.manager.has_group("property_ticket.group_ticket_manager"))
        self.assertFalse(self.staff.has_group("property_ticket.group_ticket_technician"))
        self.assertTrue(self.desk.has_group("property_ticket.group_ticket_technician"))
        self.assertFalse(self.desk.has_group("property_ticket.group_ticket_lead"))

    def test_views_open_for_every_role(self):
        views = [(False, kind) for kind in ("kanban", "list", "form", "search", "calendar")]
        views += [(False, kind) for kind in ("pivot", "graph", "activity")]
        for user in (self.technician, self.desk, self.lead, self.ticket_manager):
            result = self.env["property.ticket"].with_user(user).get_views(views)
            self.assertEqual(set(result["views"]), {kind for _id, kind in views})
            self.env["property.ticket.followup"].with_user(user).get_views([(False, "list")])
