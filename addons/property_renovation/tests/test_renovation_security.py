from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RenovationCommon


@tagged("post_install", "-at_install")
class TestRenovationSecurity(RenovationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2, cls.estate_2, cls.unit_2 = cls.second_company(building_area=90.0)
        cls.owner_2 = cls.env["res.partner"].create({"name": "赵磊"})
        cls.occupy(cls.unit_2, cls.owner_2)
        cls.desk_2 = cls.company_user(
            cls.company_2, "pr_desk_2", "property_renovation.group_renovation_desk"
        )
        cls.renovation = cls.application()
        cls.renovation_2 = cls.application(unit=cls.unit_2, applicant=cls.owner_2)

    def test_each_company_sees_its_own_applications(self):
        Renovation = self.env["property.renovation"]
        self.assertEqual(self.renovation_2.company_id, self.company_2)
        self.assertEqual(
            Renovation.with_user(self.desk_2).search([("id", "in", self.renovation.ids)]),
            Renovation,
        )
        self.assertEqual(Renovation.with_user(self.desk_2).search([]), self.renovation_2)
        with self.assertRaises(AccessError):
            self.renovation.with_user(self.desk_2).read(["name"])
        self.assertNotIn(self.renovation_2, Renovation.with_user(self.desk).search([]))

    def test_roles(self):
        renovation = self.renovation
        # security guards only read
        renovation.with_user(self.security).read(["name", "state"])
        with self.assertRaises(AccessError):
            renovation.with_user(self.security).write({"contractor_contact": "王工"})
        with self.assertRaises(UserError):
            renovation.with_user(self.security).action_submit()
        renovation.with_user(self.desk).action_submit()
        # the desk does not review, approve nor reject
        for action in ("action_start_review", "action_approve", "action_reject"):
            with self.assertRaises(UserError):
                getattr(renovation.with_user(self.desk), action)()
        renovation.with_user(self.engineer).action_start_review()
        with self.assertRaises(UserError):
            renovation.with_user(self.desk).action_approve()
        renovation.with_user(self.engineer).action_approve()
        self.assertEqual(renovation.state, "approved")
        # deductions are the engineers'
        with self.assertRaises(AccessError):
            self.env["property.renovation.deduction"].with_user(self.desk).create(
                {"renovation_id": renovation.id, "name": "x", "amount": 1.0}
            )
        # the fee table is the managers'
        with self.assertRaises(AccessError):
            self.fees[0].with_user(self.engineer).amount = 1.0

    def test_settlement_is_for_managers(self):
        self.works_done(self.renovation)
        with self.assertRaises(UserError):
            self.renovation.with_user(self.engineer).action_settle_deposit()
        self.assertEqual(self.renovation.state, "accepted")

    def test_property_managers_manage_renovations(self):
        self.assertTrue(self.manager.has_group("property_renovation.group_renovation_manager"))
        self.assertFalse(self.staff.has_group("property_renovation.group_renovation_security"))

    def test_staff_without_accounting_open_the_form(self):
        """The desk and the guards see the fees (number, payment) without reading the
        invoices themselves."""
        self.approve(self.renovation)
        self.renovation.with_user(self.desk).action_sign_agreement()
        for user in (self.desk, self.security, self.engineer):
            form = Form(self.renovation.with_user(user))
            self.assertEqual(form.fee_move_name, self.renovation.sudo().fee_move_id.name)
            self.assertEqual(form.fee_payment_state, "not_paid")

    def test_desk_cannot_approve_by_writing_the_state(self):
        """The engineering review and the authority's check are not skipped by a client
        writing the state, whatever its context."""
        self.renovation.with_user(self.desk).action_submit()
        desk = self.renovation.with_user(self.desk).with_context(property_workflow=True)
        with self.assertRaisesText(UserError, "buttons only"):
            desk.write({"state": "approved"})
        self.assertEqual(self.renovation.state, "submitted")
