from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestBreakdown(OperationsCommon):
    """A breakdown is a corrective order on the equipment and a service request on its
    facility and estate, linked both ways; its downtime and cost make the equipment's
    history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_progress = cls.env.ref("maintenance.stage_1")
        cls.stage_done = cls.env.ref("maintenance.stage_3")

    def test_staff_report_a_breakdown_from_the_equipment(self):
        """A butler reports the A1 elevator down: a corrective order from now, and a
        public-area request found on patrol, in the elevator category (its on-site
        deadline), on the facility, its team; each shows the other."""
        with self.at("2026-03-05 01:00:00"):
            action = self.lift_a.with_user(self.staff).action_property_report_breakdown()
        order = self.Order.search([("equipment_id", "=", self.lift_a.id)])
        self.assertEqual(order.maintenance_type, "corrective")
        self.assertEqual(str(order.property_breakdown_at), "2026-03-05 01:00:00")
        ticket = order.property_ticket_ids
        self.assertEqual(len(ticket), 1)
        # the butler is shown what they may open: the order, if Maintenance lets them
        # read their own report (as without property_hr), else the request's number
        if action["type"] == "ir.actions.client":
            self.assertEqual(
                action["params"]["message"], f"Breakdown reported: service request {ticket.name}."
            )
            self.assertFalse(order.with_user(self.staff).has_access("read"))
        else:
            shown = self.env[action["res_model"]].browse(action["res_id"])
            self.assertIn(shown, [order, ticket])
            self.assertTrue(shown.with_user(self.staff).has_access("read"))
        # an engineer is shown the order
        action = self.lift_b.with_user(self.engineer).action_property_report_breakdown()
        order_b = self.Order.search([("equipment_id", "=", self.lift_b.id)])
        self.assertEqual((action["res_model"], action["res_id"]), (self.Order._name, order_b.id))
        self.assertEqual(ticket.subject, "Breakdown: A1 1号电梯")
        self.assertEqual(ticket.ticket_type, "public_area")
        self.assertEqual(ticket.channel, "patrol")
        self.assertEqual(ticket.category_id, self.category_elevator)
        self.assertEqual(ticket.facility_id, self.elevator)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.building_id, self.building_a)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.receiver_id, self.staff)
        self.assertEqual(ticket.equipment_id, self.lift_a)
        self.assertEqual(ticket.maintenance_request_id, order)
        self.assertEqual(self.lift_a.with_user(self.staff).property_ticket_count, 1)
        self.assertEqual(order.with_user(self.engineer).property_ticket_count, 1)
        # the desk opens it from the equipment
        action = self.lift_a.with_user(self.desk).action_view_property_tickets()
        self.assertEqual(self.env["property.ticket"].search(action["domain"]), ticket)
        # the elevator SLA's on-site deadline runs
        self.assertIn(self.env.ref("property_ticket.sla_elevator"), ticket.sla_ids)

    def test_engineering_raises_a_request_from_a_breakdown_order(self):
        """From a corrective order, once; not from a preventive one, nor for equipment in
        no estate, nor by a user without a property role."""
        with Form(self.Order.with_user(self.engineer)) as form:
            form.name = "2号电梯异响"
            form.equipment_id = self.lift_b
            self.assertEqual(form.maintenance_type, "corrective")
        order = form.record
        with self.assertRaises(AccessError):
            order.with_user(self.env.ref("base.user_demo")).action_property_raise_ticket()
        with self.assertRaises(AccessError):  # the desk does not write maintenance orders
            order.with_user(self.desk).action_property_raise_ticket()
        engineer_desk = new_test_user(
            self.env,
            "po_engineer_desk",
            groups="property_operations.group_operations_engineer,"
            "property_ticket.group_ticket_desk",
        )
        self.work_for(engineer_desk, self.estate)
        action = order.with_user(engineer_desk).action_property_raise_ticket()
        ticket = order.property_ticket_ids
        self.assertEqual((action["res_model"], action["res_id"]), ("property.ticket", ticket.id))
        self.assertEqual(ticket.building_id, self.building_b)
        self.assertFalse(ticket.facility_id)
        with self.assertRaisesRegex(UserError, "already has service request"):
            order.with_user(self.engineer).action_property_raise_ticket()
        self.plan()
        preventive = self.run_cron("2026-02-28 01:00:00")[:1]
        with self.assertRaisesRegex(UserError, "preventive maintenance"):
            preventive.with_user(self.engineer).action_property_raise_ticket()
        office_pc = self.env["maintenance.equipment"].create({"name": "办公室电脑"})
        with self.assertRaisesRegex(UserError, "in no estate"):
            office_pc.with_user(self.engineer).action_property_report_breakdown()

    def test_downtime_and_cost_make_the_history(self):
        """Down at 08:00, repaired at 14:30: 6.5 hours; the repair's 800 and the
        maintenance's 200 are the equipment's cost; back in progress, it is down again
        until repaired."""
        with self.at("2026-03-05 00:00:00"):
            order = self.Order.with_user(self.engineer).create(
                {"name": "电梯困人", "equipment_id": self.lift_a.id}
            )
        with self.at("2026-03-05 06:30:00"):
            with Form(order.with_user(self.engineer)) as form:
                form.property_cost = 800
                form.stage_id = self.stage_done
        self.assertEqual(str(order.property_repaired_at), "2026-03-05 06:30:00")
        self.assertEqual(order.property_downtime_hours, 6.5)
        self.plan()
        preventive = self.run_cron("2026-02-28 01:00:00").filtered(
            lambda o: o.equipment_id == self.lift_a
        )
        preventive.with_user(self.engineer).property_cost = 200
        self.assertEqual(preventive.property_downtime_hours, 0)
        lift = self.lift_a.with_user(self.engineer)
        self.assertEqual(lift.property_downtime_hours, 6.5)
        self.assertEqual(lift.property_maintenance_cost, 1000)
        self.assertEqual(lift.property_breakdown_count, 1)
        self.assertEqual(self.lift_b.property_maintenance_cost, 0)
        # the pivot: per equipment
        action = lift.action_view_property_history()
        groups = self.Order.with_user(self.engineer).read_group(
            action["domain"], ["property_downtime_hours:sum", "property_cost:sum"], ["equipment_id"]
        )
        self.assertEqual(
            [(g["property_downtime_hours"], g["property_cost"]) for g in groups], [(6.5, 1000)]
        )
        order.with_user(self.engineer).stage_id = self.stage_progress
        self.assertFalse(order.property_repaired_at)
        self.assertEqual(order.property_downtime_hours, 0)
        # an order created repaired (the kanban's Repaired column) is dated too
        with self.at("2026-03-06 02:00:00"):
            repaired = self.Order.with_user(self.engineer).create(
                {
                    "name": "更换轿厢照明",
                    "equipment_id": self.lift_a.id,
                    "stage_id": self.stage_done.id,
                    "property_breakdown_at": "2026-03-06 01:00:00",
                }
            )
        self.assertEqual(str(repaired.property_repaired_at), "2026-03-06 02:00:00")
        self.assertEqual(repaired.property_downtime_hours, 1)
        with self.assertRaises(ValidationError):
            order.with_user(self.engineer).property_cost = -5
        with self.assertRaises(AccessError):
            order.with_user(self.staff).property_cost = 5

    def test_each_company_its_breakdowns(self):
        company_2, estate_2, _unit_2 = self.second_company()
        desk_2 = self.company_user(company_2, "pt_desk_2", "property_ticket.group_ticket_desk")
        lift_2 = self.env["maintenance.equipment"].create(
            {
                "name": "滨江府 1号电梯",
                "company_id": company_2.id,
                "category_id": self.kind_elevator.id,
                "property_estate_id": estate_2.id,
            }
        )
        lift_2.with_user(desk_2).action_property_report_breakdown()
        ticket_2 = lift_2.property_ticket_ids
        self.assertEqual(ticket_2.company_id, company_2)
        self.assertEqual(ticket_2.maintenance_request_id.company_id, company_2)
        with self.assertRaises(AccessError):
            self.lift_a.with_user(desk_2).action_property_report_breakdown()
