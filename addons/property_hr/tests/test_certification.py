from datetime import date

from odoo.tests import freeze_time, tagged

from .staff_common import StaffCommon


@tagged("post_install", "-at_install")
class TestCertificationReminders(StaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_employee = cls.employee_with_user("ph_cert_boss")
        cls.electrician = cls.env["hr.employee"].create(
            {
                "name": "维修工 李师傅",
                "job_id": cls.job_technician.id,
                "parent_id": cls.manager_employee.id,
            }
        )
        cls.guard = cls.env["hr.employee"].create(
            {"name": "保安 赵", "job_id": cls.job_security.id}
        )
        cls.cert_type = cls.env["property.certification.type"].create(
            {
                "name": "低压电工作业证",
                "validity_months": 72,
                "reminder_days": 30,
                "responsible_id": cls.hr_officer.id,
            }
        )
        Certification = cls.env["property.certification"]
        cls.cert = Certification.create(
            {
                "employee_id": cls.electrician.id,
                "type_id": cls.cert_type.id,
                "number": "T-001",
                "issue_date": date(2020, 3, 31),
            }
        )
        cls.cert_guard = Certification.create(
            {
                "employee_id": cls.guard.id,
                "type_id": cls.cert_type.id,
                "number": "T-002",
                "issue_date": date(2020, 3, 20),
                "expiry_date": date(2026, 3, 20),
            }
        )

    def activities(self, certification):
        return self.env["mail.activity"].search(
            [("res_model", "=", "property.certification"), ("res_id", "=", certification.id)]
        )

    def remind(self, day):
        with freeze_time(day):
            self.env["property.certification"]._cron_remind_expiry()

    def test_expiry_from_validity_and_state(self):
        self.assertEqual(self.cert.expiry_date, date(2026, 3, 31))
        self.assertEqual(self.cert.reminder_date, date(2026, 3, 1))
        Certification = self.env["property.certification"]
        with freeze_time("2026-02-28"):
            self.cert.invalidate_recordset(["state"])
            self.assertEqual(self.cert.state, "valid")
        with freeze_time("2026-03-01"):
            self.cert.invalidate_recordset(["state"])
            self.assertEqual(self.cert.state, "expiring")
            found = Certification.search([("state", "=", "expiring"), ("id", "=", self.cert.id)])
            self.assertEqual(found, self.cert)
        with freeze_time("2026-04-01"):
            self.cert.invalidate_recordset(["state"])
            self.assertEqual(self.cert.state, "expired")
            self.assertFalse(
                Certification.search([("state", "=", "valid"), ("id", "=", self.cert.id)])
            )

    def test_reminders_fire_once_on_their_dates(self):
        self.remind("2026-02-17")
        self.assertFalse(self.activities(self.cert))
        self.assertFalse(self.activities(self.cert_guard))
        self.remind("2026-02-18")  # 30 days before 2026-03-20
        self.assertFalse(self.activities(self.cert))
        guard_activity = self.activities(self.cert_guard)
        self.assertEqual(len(guard_activity), 1)
        # no manager: the type's HR responsible
        self.assertEqual(guard_activity.user_id, self.hr_officer)
        self.remind("2026-03-01")
        activity = self.activities(self.cert)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_employee.user_id)
        self.assertEqual(activity.date_deadline, date(2026, 3, 31))
        self.assertIn("低压电工作业证", activity.summary)
        # the next days: nothing new
        self.remind("2026-03-01")
        self.remind("2026-03-15")
        self.assertEqual(len(self.activities(self.cert)), 1)
        self.assertEqual(len(self.activities(self.cert_guard)), 1)
        self.remind("2026-04-01")
        self.assertEqual(len(self.activities(self.cert)), 2)
        self.assertEqual(len(self.activities(self.cert_guard)), 2)
        self.assertEqual(self.cert.reminder_stage, "expired")
        self.remind("2026-04-02")
        self.assertEqual(len(self.activities(self.cert)), 2)

    def test_renewed_certificate_is_not_reported(self):
        self.env["property.certification"].create(
            {
                "employee_id": self.guard.id,
                "type_id": self.cert_type.id,
                "number": "T-003",
                "issue_date": date(2026, 3, 1),
            }
        )
        self.remind("2026-03-25")
        self.assertFalse(self.activities(self.cert_guard))
        self.assertEqual(self.cert_guard.reminder_stage, "expired")

    def test_new_expiry_date_reminds_again_and_batches(self):
        self.remind("2026-03-01")
        self.assertEqual(self.cert.reminder_stage, "expiring")
        self.cert.expiry_date = date(2026, 6, 30)
        self.assertEqual(self.cert.reminder_stage, "none")
        with freeze_time("2026-06-15"):
            first = self.env["property.certification"]._cron_remind_expiry(batch_size=1)
            second = self.env["property.certification"]._cron_remind_expiry(batch_size=1)
            third = self.env["property.certification"]._cron_remind_expiry(batch_size=1)
        self.assertEqual(len(first), 1)
        self.assertEqual(len(second), 1)
        self.assertFalse(third & (self.cert | self.cert_guard))
        self.assertEqual(len(self.activities(self.cert)), 2)
