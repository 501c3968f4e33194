from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .staff_common import StaffCommon


@tagged("post_install", "-at_install")
class TestTraining(StaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["property.training.course"].create(
            {"name": "电梯困人应急处置", "kind": "safety", "duration": 2, "validity_months": 12}
        )
        cls.course_once = cls.env["property.training.course"].create(
            {"name": "企业文化", "kind": "induction", "duration": 4}
        )
        cls.cert_type = cls.env["property.certification.type"].create(
            {"name": "电梯安全管理员证", "validity_months": 48}
        )
        cls.job = cls.env["hr.job"].create(
            {
                "name": "电梯维保员",
                "property_course_ids": [(6, 0, (cls.course | cls.course_once).ids)],
                "property_certification_type_ids": [(6, 0, cls.cert_type.ids)],
            }
        )
        cls.wang = cls.employee_with_user(
            "ph_train_wang", job_id=cls.job.id, property_estate_ids=[(6, 0, cls.estate.ids)]
        )
        cls.chen = cls.employee_with_user(
            "ph_train_chen", job_id=cls.job.id, property_estate_ids=[(6, 0, cls.estate_2.ids)]
        )
        cls.now = datetime.now().replace(microsecond=0)

    def session(self, course, when, employees):
        session = self.env["property.training.session"].create(
            {"course_id": course.id, "date_start": when, "place": "管理处会议室"}
        )
        session.action_add_required_attendees()
        session.attendance_ids.filtered(lambda a: a.employee_id not in employees).unlink()
        return session

    def matrix(self, employee, **domain):
        self.env.flush_all()
        return self.env["property.training.matrix"].search(
            [("employee_id", "=", employee.id)]
            + [(field, "=", value) for field, value in domain.items()]
        )

    def test_session_flow_writes_the_record_and_resume(self):
        session = self.session(self.course, self.now, self.wang | self.chen)
        self.assertEqual(session.attendance_ids.employee_id, self.wang | self.chen)
        self.assertEqual(session.date_end, self.now + relativedelta(hours=2))
        self.assertIn("电梯困人应急处置", session.name)
        session.with_user(self.hr_officer).action_confirm()
        with self.assertRaises(UserError):
            session.with_user(self.hr_officer).action_done()  # results missing
        wang_line, chen_line = session.attendance_ids.sorted(lambda a: a.employee_id.name)[::-1]
        self.assertEqual(wang_line.employee_id, self.wang)
        wang_line.write({"result": "pass", "score": 90})
        chen_line.attended = False
        with self.assertRaises(UserError):
            session.with_user(self.wang.user_id).action_done()
        session.with_user(self.hr_officer).action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(chen_line.result, "absent")
        self.assertEqual(session.passed_count, 1)
        line = wang_line.resume_line_id
        self.assertEqual(line.employee_id, self.wang)
        self.assertEqual(line.line_type_id, self.env.ref("property_hr.resume_type_training"))
        self.assertEqual(line.name, "电梯困人应急处置")
        self.assertFalse(chen_line.resume_line_id)
        self.assertEqual(self.wang.property_training_count, 1)
        with self.assertRaises(UserError):
            session.with_user(self.hr_officer).action_cancel()

    def test_matrix_shows_done_missing_expired(self):
        for employee in self.wang | self.chen:
            self.assertEqual(
                set(self.matrix(employee).filtered("course_id").mapped("status")), {"missing"}
            )
            self.assertEqual(
                self.matrix(employee, certification_type_id=self.cert_type.id).status, "missing"
            )
        # Wang passed the yearly course two years ago, and the one-off course
        for course in self.course | self.course_once:
            old = self.session(course, self.now - relativedelta(years=2), self.wang)
            old.attendance_ids.result = "pass"
            old.action_confirm()
            old.action_done()
        self.assertEqual(self.matrix(self.wang, course_id=self.course.id).status, "expired")
        self.assertEqual(self.matrix(self.wang, course_id=self.course_once.id).status, "done")
        # then again last month
        recent = self.session(self.course, self.now - relativedelta(months=1), self.wang)
        self.assertFalse(
            recent.attendance_ids
            - recent.attendance_ids.filtered(lambda a: a.employee_id == self.wang)
        )
        recent.attendance_ids.result = "pass"
        recent.action_confirm()
        recent.action_done()
        self.assertEqual(self.matrix(self.wang, course_id=self.course.id).status, "done")
        # certificates: Chen's has expired, Wang's is valid
        today = self.now.date()
        Certification = self.env["property.certification"]
        Certification.create(
            {
                "employee_id": self.chen.id,
                "type_id": self.cert_type.id,
                "issue_date": today - relativedelta(years=5),
            }
        )
        Certification.create(
            {
                "employee_id": self.wang.id,
                "type_id": self.cert_type.id,
                "issue_date": today - relativedelta(years=1),
            }
        )
        cert_row = self.matrix(self.chen, certification_type_id=self.cert_type.id)
        self.assertEqual(cert_row.status, "expired")
        self.assertEqual(cert_row.valid_until, today - relativedelta(years=1))
        self.assertEqual(
            self.matrix(self.wang, certification_type_id=self.cert_type.id).status, "done"
        )
        # filters by estate and position; who is missing the course gets invited
        Matrix = self.env["property.training.matrix"]
        self.env.flush_all()
        by_estate = Matrix.search(
            [("estate_ids", "in", self.estate_2.ids), ("job_id", "=", self.job.id)]
        )
        self.assertEqual(by_estate.employee_id, self.chen)
        groups = Matrix._read_group(
            [("job_id", "=", self.job.id)], ["status"], ["missing_count:sum", "__count"]
        )
        self.assertEqual({s: m for s, m, __ in groups}["missing"], 2)
        invite = self.session(self.course, self.now + relativedelta(days=7), self.chen)
        self.assertEqual(invite.attendance_ids.employee_id, self.chen)

    def test_employees_read_only_their_own(self):
        Certification = self.env["property.certification"]
        mine, theirs = Certification.create(
            [
                {"employee_id": self.wang.id, "type_id": self.cert_type.id, "number": "W-1"},
                {"employee_id": self.chen.id, "type_id": self.cert_type.id, "number": "C-1"},
            ]
        )
        wang = self.wang.user_id
        self.assertEqual(Certification.with_user(wang).search([]), mine)
        self.assertEqual(mine.with_user(wang).read(["number"])[0]["number"], "W-1")
        own = mine.with_user(wang).read(["employee_id", "type_id", "state", "expiry_date"])
        self.assertEqual(own[0]["employee_id"][0], self.wang.id)
        with self.assertRaises(AccessError):
            theirs.with_user(wang).read(["number"])
        with self.assertRaises(AccessError):
            mine.with_user(wang).write({"number": "W-2"})
        session = self.session(self.course, self.now, self.chen)
        with self.assertRaises(AccessError):
            session.with_user(wang).read(["name"])
        self.assertEqual(
            self.env["property.training.session"]
            .with_user(self.chen.user_id)
            .search([("id", "=", session.id)]),
            session,
        )
        with self.assertRaises(AccessError):
            self.env["property.training.matrix"].with_user(wang).search([])
        self.assertEqual(
            Certification.with_user(self.hr_officer).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "第二物业公司"})
        officer_2 = new_test_user(
            self.env,
            "ph_hr_officer_2",
            groups="hr.group_hr_user",
            company_id=company_2.id,
            company_ids=[(6, 0, company_2.ids)],
        )
        employee_2 = self.env["hr.employee"].create(
            {"name": "保安 钱", "company_id": company_2.id, "job_id": self.job_security.id}
        )
        Certification = self.env["property.certification"]
        cert_1 = Certification.create({"employee_id": self.wang.id, "type_id": self.cert_type.id})
        cert_2 = Certification.create({"employee_id": employee_2.id, "type_id": self.cert_type.id})
        self.assertEqual(cert_2.company_id, company_2)
        found = Certification.with_user(officer_2).search([("id", "in", (cert_1 | cert_2).ids)])
        self.assertEqual(found, cert_2)
        with self.assertRaises(AccessError):
            cert_1.with_user(officer_2).read(["number"])
        self.env.flush_all()
        matrix = self.env["property.training.matrix"].with_user(officer_2).search([])
        self.assertEqual(matrix.company_id, company_2)
        self.assertIn(employee_2, matrix.employee_id)
        # a session of the second company: only its employees
        session = (
            self.env["property.training.session"]
            .with_user(officer_2)
            .create({"course_id": self.course.id, "date_start": self.now})
        )
        self.assertEqual(session.company_id, company_2)
