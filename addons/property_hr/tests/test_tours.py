from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase):
    """Each staff role's main path in a real browser, as the holder of its position
    (static/tests/tours/property_hr_role_tours.js): the desk at a desk, the technician
    on a phone, finance and the manager at a desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.estate = env["property.estate"].create({"name": "Tour Gardens", "code": "TG"})
        building = env["property.building"].create({"name": "TG1", "estate_id": cls.estate.id})
        cls.unit_1, cls.unit_2 = env["property.unit"].create(
            [
                {
                    "code": f"TG-010{i}",
                    "estate_id": cls.estate.id,
                    "building_id": building.id,
                    "building_area": 100.0,
                }
                for i in (1, 2)
            ]
        )
        cls.owner_1, cls.owner_2 = env["res.partner"].create(
            [{"name": "Tour Owner 1"}, {"name": "Tour Owner 2"}]
        )
        for unit, owner in ((cls.unit_1, cls.owner_1), (cls.unit_2, cls.owner_2)):
            env["property.occupancy"].create(
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "role": "owner",
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
            )
        cls.desk = cls.holder("pr_tour_desk", "property_hr.job_customer_service")
        cls.technician = cls.holder("pr_tour_tech", "property_hr.job_technician")
        cls.cashier = cls.holder("pr_tour_cashier", "property_hr.job_cashier")
        cls.manager = cls.holder("pr_tour_manager", "property_hr.job_project_manager")
        cls.team = env["property.team"].create(
            {
                "name": "Tour Maintenance",
                "leader_id": cls.manager.id,
                "member_ids": [(6, 0, cls.technician.ids)],
                "estate_ids": [(6, 0, cls.estate.ids)],
            }
        )

    @classmethod
    def holder(cls, login, job):
        """A user holding the position `job` on the tour's estate, through HR."""
        user = new_test_user(cls.env, login, groups="base.group_user", name=login)
        cls.env["hr.employee"].create(
            {
                "name": login,
                "user_id": user.id,
                "job_id": cls.env.ref(job).id,
                "property_estate_ids": [(6, 0, cls.estate.ids)],
            }
        )
        return user

    def test_desk_logs_a_phone_request_and_dispatches_it(self):
        self.start_tour("/odoo", "property_desk_phone_request", login=self.desk.login)
        ticket = self.env["property.ticket"].search(
            [("subject", "=", "Tour: living-room light out")]
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "state": "dispatched",
                    "estate_id": self.estate.id,
                    "unit_id": self.unit_1.id,
                    "team_id": self.team.id,
                    "receiver_id": self.desk.id,
                }
            ],
        )

    def test_technician_works_an_order_on_a_phone(self):
        ticket = self.env["property.ticket"].create(
            {
                "subject": "Tour: tap dripping",
                "unit_id": self.unit_2.id,
                "team_id": self.team.id,
                "user_id": self.technician.id,
            }
        )
        ticket.with_user(self.desk).action_dispatch()
        self.patch(self, "browser_size", "390x844")
        self.patch(self, "touch_enabled", True)
        self.start_tour("/odoo", "property_technician_phone", login=self.technician.login)
        self.assertEqual(ticket.state, "done")
        self.assertTrue(ticket.date_first_response and ticket.date_on_site and ticket.date_done)

    def test_finance_bills_a_period_in_the_background(self):
        """Finance starts a run (a tiered water meter among the fees), leaves, comes back
        to its progress while the cron bills, then to its result."""
        env = self.env
        management = env["property.rate.plan"].create(
            {
                "name": "Tour management fee",
                "estate_id": self.estate.id,
                "product_id": env.ref("property_billing.product_fee_management").id,
                "basis": "building_area",
                "price": 2.5,
                "date_from": date(2020, 1, 1),
            }
        )
        water = env["property.rate.plan"].create(
            {
                "name": "Tour water",
                "estate_id": self.estate.id,
                "product_id": env.ref("property_billing.product_fee_water").id,
                "basis": "metered",
                "meter_type": "water",
                "price": 3.0,
                "date_from": date(2020, 1, 1),
                "tier_ids": [
                    (0, 0, {"quantity_from": 0, "price": 3.0}),
                    (0, 0, {"quantity_from": 20, "price": 4.5}),
                ],
            }
        )
        for unit in self.unit_1 | self.unit_2:
            env["property.billing.schedule"].create(
                {
                    "unit_id": unit.id,
                    "date_start": date(2020, 1, 1),
                    "rate_plan_ids": [(6, 0, (management | water).ids)],
                }
            )
        meter = env["property.meter"].create(
            {"name": "TG-0102-W", "meter_type": "water", "unit_id": self.unit_2.id}
        )
        env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "value": 100, "date": date(2026, 5, 31)},
                {"meter_id": meter.id, "value": 130, "date": date(2026, 6, 30)},
            ]
        )
        self.start_tour("/odoo", "property_finance_start_billing_run", login=self.cashier.login)
        run = env["property.billing.run"].search([("estate_ids", "=", self.estate.id)])
        self.assertEqual(run.state, "queued", "the button only queues the run")
        self.assertFalse(run.invoice_ids)
        # the cron's first call: the charges and the first payer
        run._process(max_chunks=1)
        self.assertEqual(run.state, "running")
        self.start_tour("/odoo", "property_finance_billing_run_progress", login=self.cashier.login)
        run._process()
        self.start_tour("/odoo", "property_finance_billing_run_done", login=self.cashier.login)
        self.assertEqual(run.state, "done")
        by_payer = {move.partner_id: move.amount_total for move in run.invoice_ids}
        # 100 m² × 2.50; the water: 20 m³ × 3.00 + 10 m³ × 4.50
        self.assertEqual(by_payer, {self.owner_1: 250.0, self.owner_2: 355.0})

    def test_manager_escalates_an_overdue_request(self):
        ticket = self.env["property.ticket"].create(
            {
                "subject": "Tour: lift stuck",
                "unit_id": self.unit_1.id,
                "team_id": self.team.id,
                "date_received": fields.Datetime.now() - timedelta(days=15),
            }
        )
        self.assertTrue(ticket.overdue)
        self.start_tour(
            "/odoo/action-property_ticket.action_property_ticket?view_type=list",
            "property_manager_overdue",
            login=self.manager.login,
        )
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertEqual(ticket.escalated_to_id, self.manager, "the team's leader")
