from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestPlannedWorks(OperationsCommon, HttpCase):
    """The half-monthly elevator plan (from 2 March 2026, orders 3 days before, the
    elevator kind's defaults) announces its works 2 days before, one announcement per
    building: 张伟 in A1 reads the one of A1's elevator, 陈静 in B1 only B1's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit_b2 = cls.env["property.unit"].create(
            {"code": "B1-0302", "estate_id": cls.estate.id, "building_id": cls.building_b.id}
        )
        cls.owner_chen = cls.env["res.partner"].create({"name": "陈静"})
        cls.occupy(unit_b2, cls.owner_chen, date_from=date(2020, 1, 1))
        cls.portal_zhang = new_test_user(
            cls.env,
            "pw_owner_zhang",
            password="pw_owner_zhang_1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.portal_chen = new_test_user(
            cls.env,
            "pw_owner_chen",
            password="pw_owner_chen_1",
            groups="base.group_portal",
            partner_id=cls.owner_chen.id,
        )
        cls.lift_plan = cls.plan()
        cls.Announcement = cls.env["property.announcement"]

    def announce(self, when):
        """Create the due orders and run the announcement job at `when` (UTC)."""
        with self.at(when):
            self.Plan._cron_generate_orders()
            self.Plan._cron_announce_works()

    def announcements(self):
        return self.Announcement.search(
            [("maintenance_plan_id", "=", self.lift_plan.id)], order="work_date, work_building_id"
        )

    def test_kind_defaults_and_form_as_engineer(self):
        self.assertTrue(self.kind_elevator.property_announce)
        self.assertTrue(
            self.env.ref("property_operations.equipment_category_pump").property_announce
        )
        self.assertFalse(self.kind_fire.property_announce)
        with Form(self.Plan.with_user(self.engineer)) as form:
            form.name = "电梯半月保养 2"
            form.category_id = self.kind_elevator
            form.estate_id = self.estate
            self.assertTrue(form.announce)
            self.assertEqual(form.announce_days, 2)
            self.assertIn("%(building)s", form.announce_template)
            form.announce_days = 1
            form.announce_hours = "08:00-10:00"
            form.announce_template = "%(building)s 电梯保养：%(date)s %(hours)s"
            form.announce_email = True
        plan = form.record
        self.assertEqual(
            (plan.announce, plan.announce_days, plan.announce_hours, plan.announce_email),
            (True, 1, "08:00-10:00", True),
        )
        self.assertEqual(plan.announce_template, "%(building)s 电梯保养：%(date)s %(hours)s")
        with Form(self.Plan.with_user(self.engineer)) as form:
            form.name = "消防月检"
            form.category_id = self.kind_fire
            self.assertFalse(form.announce)
            # ready if the plan comes to announce
            self.assertEqual(
                form.announce_template,
                "Maintenance of %(equipment)s in %(building)s on %(date)s, %(hours)s.",
            )
            form.announce = True
        fire_plan = form.record
        self.assertTrue(fire_plan.announce)
        with self.assertRaises(ValidationError):
            plan.with_user(self.engineer).announce_template = "%(flat)s 电梯保养"
        with self.assertRaises(ValidationError):
            plan.with_user(self.engineer).announce_template = "%(building) 电梯保养"

    def test_announced_at_lead_time_once_per_building_and_date(self):
        # 27 February (Shanghai): the orders of 2 March are made, too early to announce
        self.announce("2026-02-27 02:00")
        orders = self.orders_of(self.lift_plan)
        self.assertEqual(orders.equipment_id, self.lift_a | self.lift_b)
        self.assertFalse(self.announcements())
        # 28 February, 2 days before: one announcement per building, published
        self.announce("2026-02-28 02:00")
        self.announce("2026-02-28 09:00")
        to_a, to_b = self.announcements()
        self.assertEqual((to_a.work_date, to_b.work_date), (date(2026, 3, 2), date(2026, 3, 2)))
        self.assertEqual(to_a.building_ids, self.building_a)
        self.assertEqual(to_b.building_ids, self.building_b)
        self.assertEqual(to_a.estate_ids, self.estate)
        self.assertEqual((to_a.state, to_b.state), ("published", "published"))
        self.assertFalse(to_a.send_email)
        self.assertEqual(
            to_a.maintenance_request_ids, orders.filtered(lambda o: o.equipment_id == self.lift_a)
        )
        self.assertEqual(to_a.name, "Planned works: Elevators, A1, 03/02/2026")
        self.assertIn(
            "Elevator maintenance in A1 on 03/02/2026, 09:00-17:00: please use the other "
            "elevator or the stairs.",
            to_a.body,
        )
        self.assertEqual(to_a._recipients(), self.owner_zhang | self.owner_li | self.tenant_wang)
        self.assertEqual(to_b._recipients(), self.tenant_wang | self.owner_chen)
        self.assertEqual(self.lift_plan.announcement_count, 2)
        # the day after the works, the announcements leave the portal
        self.announce("2026-03-03 02:00")
        self.assertEqual(set((to_a | to_b).mapped("state")), {"archived"})
        # the next works (17 March) are announced on 15 March, not before
        self.assertEqual(len(self.announcements()), 2)
        self.announce("2026-03-15 02:00")
        self.assertEqual(len(self.announcements()), 4)
        self.assertEqual(self.announcements()[2:].mapped("work_date"), [date(2026, 3, 17)] * 2)

    def test_database_refuses_a_second_announcement(self):
        self.announce("2026-02-28 02:00")
        to_a = self.announcements()[0]
        with (
            self.assertRaises(IntegrityError) as caught,
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            to_a.copy(
                {
                    "maintenance_plan_id": to_a.maintenance_plan_id.id,
                    "work_date": to_a.work_date,
                    "work_estate_id": to_a.work_estate_id.id,
                    "work_building_id": to_a.work_building_id.id,
                }
            )
        self.assertIn("property_announcement_planned_work_uniq", str(caught.exception))

    def test_owner_of_the_building_sees_it_on_the_portal(self):
        self.announce("2026-02-28 02:00")
        to_a, to_b = self.announcements()
        self.authenticate("pw_owner_zhang", "pw_owner_zhang_1")
        page = self.url_open("/my/announcements")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Planned works: Elevators, A1, 03/02/2026", page.text)
        self.assertNotIn("Planned works: Elevators, B1", page.text)
        detail = self.url_open(f"/my/announcements/{to_a.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("please use the other elevator or the stairs", detail.text)
        # the owners read the text, not the staff's records
        self.assertNotIn(self.lift_plan.name, detail.text)
        self.assertNotIn(self.lift_a.name, detail.text)
        self.assertEqual(self.url_open(f"/my/announcements/{to_b.id}").status_code, 404)
        # 陈静, in B1, does not see A1's works
        self.authenticate("pw_owner_chen", "pw_owner_chen_1")
        page = self.url_open("/my/announcements")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Planned works: Elevators, B1, 03/02/2026", page.text)
        self.assertNotIn("Planned works: Elevators, A1", page.text)
        self.assertEqual(self.url_open(f"/my/announcements/{to_a.id}").status_code, 404)

    def test_cancelled_or_moved_order_withdraws_its_announcement(self):
        self.announce("2026-02-28 02:00")
        to_a, to_b = self.announcements()
        order_a, order_b = to_a.maintenance_request_ids, to_b.maintenance_request_ids
        with self.at("2026-02-28 03:00"):
            order_b.with_user(self.engineer).archive_equipment_request()
        self.assertEqual((to_a.state, to_b.state), ("published", "archived"))
        self.assertIn("Withdrawn", to_b.message_ids[0].body)
        self.assertIn(order_b.name, to_b.message_ids[0].body)
        self.assertFalse(order_b.property_announcement_id)
        # running again does not publish it again
        self.announce("2026-02-28 04:00")
        self.assertEqual(to_b.state, "archived")
        # back to the plan: announced again
        with self.at("2026-02-28 05:00"):
            order_b.with_user(self.engineer).reset_equipment_request()
        self.assertEqual(to_b.state, "published")
        # A1's works moved to 5 March (10:00 in Shanghai): withdrawn on 2 March, and
        # announced for 5 March on 3 March
        with self.at("2026-02-28 06:00"):
            order_a.with_user(self.engineer).schedule_date = datetime(2026, 3, 5, 2, 0)
        self.assertEqual(to_a.state, "archived")
        self.announce("2026-03-03 02:00")
        moved = self.announcements().filtered(lambda a: a.work_date == date(2026, 3, 5))
        self.assertEqual(moved.building_ids, self.building_a)
        self.assertEqual(moved.state, "published")
        self.assertEqual(order_a.property_announcement_id, moved)
        self.assertEqual(len(self.announcements()), 3)

    def test_plan_settings_change_the_announcements(self):
        self.announce("2026-02-28 02:00")
        to_a, to_b = self.announcements()
        with self.at("2026-02-28 03:00"):
            self.lift_plan.with_user(self.engineer).announce_hours = "08:00-10:00"
        self.assertIn("on 03/02/2026, 08:00-10:00: please use", to_a.body)
        self.assertEqual(to_a.state, "published")
        with self.at("2026-02-28 04:00"):
            self.lift_plan.with_user(self.engineer).announce = False
        self.assertEqual(set((to_a | to_b).mapped("state")), {"archived"})
        self.announce("2026-02-28 05:00")
        self.assertEqual(len(self.announcements()), 2)
        self.assertEqual(set((to_a | to_b).mapped("state")), {"archived"})

    def test_create_due_orders_announces_at_once(self):
        with self.at("2026-02-28 02:00"):
            self.lift_plan.with_user(self.engineer).action_generate_orders()
        self.assertEqual(self.announcements().mapped("state"), ["published", "published"])
        self.assertEqual(
            self.announcements().maintenance_request_ids, self.orders_of(self.lift_plan)
        )

    def test_each_company_announces_to_its_estate(self):
        """A second company's elevator in no building: its announcement addresses the
        whole estate, and stays the company's."""
        company_2, estate_2, unit_2 = self.second_company()
        self.env["maintenance.equipment"].create(
            {
                "name": "滨江府 电梯",
                "category_id": self.kind_elevator.id,
                "property_estate_id": estate_2.id,
                "company_id": company_2.id,
            }
        )
        plan_2 = self.Plan.create(
            {
                "name": "滨江府 电梯保养",
                "category_id": self.kind_elevator.id,
                "estate_id": estate_2.id,
                "date_start": "2026-03-02",
            }
        )
        self.assertEqual(plan_2.company_id, company_2)
        self.announce("2026-02-28 02:00")
        notice = plan_2.announcement_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual((notice.company_id, notice.estate_ids), (company_2, estate_2))
        self.assertFalse(notice.building_ids)
        self.assertIn("Elevator maintenance in 滨江府 on 03/02/2026", notice.body)
        owner_2 = self.env["res.partner"].create({"name": "周杰"})
        self.occupy(unit_2, owner_2)
        portal_2 = new_test_user(
            self.env,
            "pw_owner_2",
            groups="base.group_portal",
            partner_id=owner_2.id,
            company_id=company_2.id,
            company_ids=[(6, 0, company_2.ids)],
        )
        self.assertEqual(self.Announcement.with_user(portal_2).search([]), notice)
        office_2 = self.company_user(
            company_2, "pw_office_2", "property_base.group_property_office"
        )
        self.assertEqual(
            self.Announcement.with_user(office_2).search([("maintenance_plan_id", "!=", False)]),
            notice,
        )
        self.assertNotIn(
            notice,
            self.Announcement.with_user(self.engineer).search(
                [("maintenance_plan_id", "!=", False)]
            ),
        )

    def test_announcement_emailed_if_the_plan_says_so(self):
        self.lift_plan.announce_email = True
        self.announce("2026-02-28 02:00")
        to_a, to_b = self.announcements()
        self.assertTrue(to_a.send_email)
        mail = to_a.message_ids.filtered(lambda m: m.subject == to_a.name)
        self.assertEqual(mail.partner_ids, self.owner_zhang | self.owner_li | self.tenant_wang)
        self.assertNotIn(self.owner_chen, mail.partner_ids)
        self.assertIn("please use the other elevator", mail.body)

    def test_plan_not_announcing_makes_nothing(self):
        self.lift_plan.announce = False
        self.announce("2026-02-28 02:00")
        self.assertTrue(self.orders_of(self.lift_plan))
        self.assertFalse(self.announcements())


# the announcement job's queries: the plans, companies and time zones, the orders and
# what the texts name, the announcements made, then per announcement made: its insert
# and publication (tracking)
ANNOUNCE_QUERIES = 23


@tagged("post_install", "-at_install")
class TestPlannedWorksPerformance(OperationsCommon):
    def test_queries_do_not_grow_with_orders(self):
        """The works of 2 March in A1 and B1 (20 elevators each), then of 17 March (40
        each): two announcements each time, and the same queries."""
        Equipment = self.env["maintenance.equipment"]

        def lifts(count):
            return Equipment.create(
                [
                    {
                        "name": f"电梯 {building.name}-{i}",
                        "category_id": self.kind_elevator.id,
                        "property_estate_id": self.estate.id,
                        "property_building_id": building.id,
                    }
                    for building in (self.building_a, self.building_b)
                    for i in range(count)
                ]
            )

        plan = self.plan()
        lifts(19)
        self.run_cron("2026-02-27 02:00")
        for when, day, orders in (
            ("2026-02-28 02:00", date(2026, 3, 2), 40),
            ("2026-03-15 02:00", date(2026, 3, 17), 80),
        ):
            with self.at(when):
                self.env.invalidate_all()
                with self.assertQueryCount(ANNOUNCE_QUERIES):
                    self.Plan._cron_announce_works()
                    self.env.flush_all()
            announcements = plan.announcement_ids.filtered(lambda a, day=day: a.work_date == day)
            self.assertEqual(announcements.mapped("state"), ["published", "published"])
            self.assertEqual(len(announcements.maintenance_request_ids), orders)
            # the next works: 20 more elevators in each building; the works of 2 March
            # leave the portal on the 3rd
            lifts(20)
            self.run_cron("2026-03-14 02:00")
            with self.at("2026-03-03 02:00"):
                self.Plan._cron_announce_works()
