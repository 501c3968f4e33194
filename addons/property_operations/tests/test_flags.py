from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestFlags(OperationsCommon):
    """The daily jobs put an activity on engineering for what is overdue or coming to
    its end, once: run twice, they make nothing twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lift_a.technician_user_id = cls.engineer
        cls.overdue_type = cls.env.ref("property_operations.mail_activity_maintenance_overdue")
        cls.inspection_type = cls.env.ref("property_operations.mail_activity_inspection_due")
        cls.contract_type = cls.env.ref("property_operations.mail_activity_contract_ending")

    def activities(self, records, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def flag_overdue(self, when):
        with self.at(when):
            return self.Order._cron_flag_overdue()

    def flag_expiring(self, when):
        """The test's equipment flagged at `when` (not the demo data's, if any)."""
        with self.at(when):
            flagged = self.env["maintenance.equipment"]._cron_flag_expiring()
        return flagged.filtered(lambda e: e.property_estate_id.code in ("T-YG", "T-BJ"))

    def test_orders_past_their_due_date(self):
        """The 2 March orders not done on the 3rd (Beijing time): an activity each, for
        the equipment's technician (A1) or the estate's project manager (B1); not the
        verified ones, not again the next day, nor after the activity is done."""
        self.plan()
        orders = self.run_cron("2026-02-28 01:00:00")
        order_a = orders.filtered(lambda o: o.equipment_id == self.lift_a)
        order_b = orders - order_a
        self.assertFalse(self.flag_overdue("2026-03-02 12:00:00"), "due today is not late")
        flagged = self.flag_overdue("2026-03-02 16:30:00")  # 3 March 00:30 in Shanghai
        self.assertEqual(flagged, orders)
        activity_a = self.activities(order_a, self.overdue_type)
        self.assertEqual(activity_a.user_id, self.engineer)
        self.assertEqual(activity_a.date_deadline, date(2026, 3, 3))
        self.assertEqual(activity_a.summary, "Maintenance due on 2026-03-02 not done: A1 1号电梯")
        self.assertEqual(
            self.activities(order_b, self.overdue_type).user_id, self.estate.manager_id
        )
        # twice the same day, the next day: nothing more
        self.assertFalse(self.flag_overdue("2026-03-02 17:00:00"))
        self.assertFalse(self.flag_overdue("2026-03-04 01:00:00"))
        self.assertEqual(len(self.activities(orders, self.overdue_type)), 2)
        activity_a.with_user(self.engineer).action_feedback(feedback="已催维保单位")
        self.assertFalse(self.flag_overdue("2026-03-05 01:00:00"))
        self.assertFalse(self.activities(order_a, self.overdue_type))
        # the 17 March orders, done in time, are never flagged
        later = self.run_cron("2026-03-14 01:00:00")
        later.with_context(tracking_disable=True).sudo().write(
            {"stage_id": self.env.ref("maintenance.stage_3").id}
        )
        self.assertFalse(self.flag_overdue("2026-03-20 01:00:00"))

    def test_an_open_activity_is_not_duplicated(self):
        self.plan()
        order = self.run_cron("2026-02-28 01:00:00").filtered(
            lambda o: o.equipment_id == self.lift_a
        )
        order.activity_schedule(
            "property_operations.mail_activity_maintenance_overdue", user_id=self.engineer.id
        )
        self.flag_overdue("2026-03-04 01:00:00")
        self.assertEqual(len(self.activities(order, self.overdue_type)), 1)
        self.assertTrue(order.property_overdue_flagged)

    def test_inspections_and_contracts_coming_to_their_end(self):
        """30 days' notice by default: the inspection due on 31 March is flagged on 1
        March, the contract ending on 30 April not yet; with 60 days, it is; twice,
        nothing twice; a renewed certificate is flagged again when its new date comes
        near."""
        self.lift_a.write(
            {"property_inspection_due": "2026-03-31", "property_contract_end": "2026-04-30"}
        )
        self.assertEqual(self.env.company.property_equipment_notice_days, 30)
        self.assertFalse(self.flag_expiring("2026-02-27 01:00:00"))
        self.assertEqual(self.flag_expiring("2026-03-01 01:00:00"), self.lift_a)
        inspection = self.activities(self.lift_a, self.inspection_type)
        self.assertEqual(inspection.user_id, self.engineer)
        self.assertEqual(inspection.date_deadline, date(2026, 3, 31))
        self.assertEqual(inspection.summary, "Statutory inspection due on 2026-03-31: A1 1号电梯")
        self.assertFalse(self.activities(self.lift_a, self.contract_type))
        self.assertFalse(self.flag_expiring("2026-03-01 02:00:00"))
        # the setting, as the property administrator changes it
        admin = self.env.ref("base.user_admin")
        with Form(self.env["res.config.settings"].with_user(admin)) as settings:
            settings.property_equipment_notice_days = 60
        settings.record.execute()
        self.assertEqual(self.env.company.property_equipment_notice_days, 60)
        self.assertEqual(self.flag_expiring("2026-03-02 01:00:00"), self.lift_a)
        contract = self.activities(self.lift_a, self.contract_type)
        self.assertEqual(contract.date_deadline, date(2026, 4, 30))
        self.assertFalse(self.flag_expiring("2026-03-03 01:00:00"))
        self.assertEqual(len(self.activities(self.lift_a, self.inspection_type)), 1)
        # inspected: the new certificate runs to next March, flagged 60 days before
        inspection.action_feedback(feedback="年检合格")
        self.lift_a.with_user(self.engineer).property_inspection_due = "2027-03-31"
        self.assertFalse(self.flag_expiring("2026-04-01 01:00:00"))
        self.assertEqual(self.flag_expiring("2027-01-30 01:00:00"), self.lift_a)
        self.assertEqual(len(self.activities(self.lift_a, self.inspection_type)), 1)
        with self.assertRaises(ValidationError):
            self.env.company.property_equipment_notice_days = -1

    def test_each_company_its_notice(self):
        company_2, estate_2, _unit_2 = self.second_company()
        company_2.partner_id.tz = "Asia/Shanghai"
        company_2.property_equipment_notice_days = 10
        lift_2 = self.env["maintenance.equipment"].create(
            {
                "name": "滨江府 1号电梯",
                "company_id": company_2.id,
                "category_id": self.kind_elevator.id,
                "property_estate_id": estate_2.id,
                "technician_user_id": self.company_user(
                    company_2, "po_engineer_2", "property_operations.group_operations_engineer"
                ).id,
                "property_inspection_due": "2026-03-31",
            }
        )
        self.lift_a.property_inspection_due = "2026-03-31"
        self.assertEqual(self.flag_expiring("2026-03-10 01:00:00"), self.lift_a)
        self.assertEqual(self.flag_expiring("2026-03-21 01:00:00"), lift_2)
        self.assertEqual(
            self.activities(lift_2, self.inspection_type).user_id, lift_2.technician_user_id
        )
