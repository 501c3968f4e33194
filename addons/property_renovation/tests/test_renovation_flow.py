from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PNG, RenovationCommon


@tagged("post_install", "-at_install")
class TestRenovationFlow(RenovationCommon):
    def test_review_checklist_from_its_items(self):
        """The review starts with the active items of the checklist (every company's
        and the application's company's), in their order."""
        Item = self.env["property.renovation.check.item"]
        items = Item.search([])
        self.assertEqual(len(items), 7)
        items[:1].active = False
        other = self.env["res.company"].create({"name": "别家物业"})
        Item.create(
            [
                {"name": "空调外机位置符合规定", "sequence": 1},
                {"name": "别家的检查项", "company_id": other.id},
            ]
        )
        renovation = self.application()
        renovation.with_user(self.desk).action_submit()
        renovation.with_user(self.engineer).action_start_review()
        self.assertEqual(
            renovation.check_ids.sorted("sequence").mapped("name"),
            ["空调外机位置符合规定", *items[1:].mapped("name")],
        )
        self.assertEqual(len(renovation.check_ids.item_id), 7)

    def test_whole_flow_with_change_requests(self):
        renovation = self.application()
        self.assertTrue(renovation.name.startswith("RN/"))
        self.assertEqual(renovation.applicant_role, "owner")
        self.assertEqual(renovation.partner_id, self.owner_zhang)
        renovation.with_user(self.desk).action_submit()
        self.assertEqual(renovation.state, "submitted")
        renovation.with_user(self.engineer).action_start_review()
        self.assertEqual(renovation.state, "review")
        self.assertEqual(renovation.user_id, self.engineer)
        self.assertTrue(renovation.check_ids)
        # changes requested twice: back to the applicant, counted
        for round_ in (1, 2):
            renovation.with_user(self.engineer).action_request_changes(reason="补充吊顶图")
            self.assertEqual(renovation.state, "draft")
            self.assertEqual(renovation.change_request_count, round_)
            self.assertEqual(renovation.change_request_reason, "补充吊顶图")
            renovation.with_user(self.desk).action_submit()
            renovation.with_user(self.engineer).action_start_review()
        # the reason wizard
        action = renovation.with_user(self.engineer).action_request_changes()
        self.assertEqual(action["res_model"], "property.reason.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.engineer)
            .with_context(**action["context"])
            .create({"reason": "补充水电图"})
        )
        wizard.action_confirm()
        self.assertEqual(renovation.change_request_count, 3)
        renovation.with_user(self.desk).action_submit()
        renovation.with_user(self.engineer).action_start_review()
        renovation.with_user(self.engineer).action_approve()
        self.assertEqual(renovation.state, "approved")
        # the agreement waits for the owner's signature and the accepted prohibitions
        with self.assertRaises(UserError):
            renovation.with_user(self.desk).action_owner_sign()
        renovation.with_user(self.desk).write({"owner_signature": PNG, "owner_signed_by": "张伟"})
        renovation.with_user(self.desk).action_owner_sign()
        with self.assertRaises(UserError):
            renovation.with_user(self.desk).action_sign_agreement()
        renovation.with_user(self.desk).prohibited_items_accepted = True
        renovation.with_user(self.desk).action_sign_agreement()
        self.assertEqual(renovation.state, "agreement")
        self.assertTrue(renovation.date_agreement)
        # deposit 2000 (a flat) + waste removal 98.5 m² × 5
        invoice = renovation.fee_move_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.owner_zhang)
        self.assertAlmostEqual(invoice.amount_total, 2492.5)
        self.assertAlmostEqual(renovation.deposit_amount, 2000.0)
        self.assertEqual(set(renovation.charge_ids.mapped("state")), {"invoiced"})
        self.assertEqual(invoice.property_unit_id, self.unit_a1)
        self.pay(invoice)
        self.assertEqual(renovation.state, "fees_paid")
        self.assertTrue(renovation.fees_paid)
        renovation.with_user(self.engineer).action_issue_permit()
        self.assertEqual(renovation.state, "permit")
        self.assertEqual(self.unit_a1.status, "renovating")
        self.confirmed_entry(renovation)
        renovation.with_user(self.engineer).action_start_works()
        self.assertEqual(renovation.state, "in_progress")
        renovation.with_user(self.desk).action_request_inspection()
        self.assertEqual(renovation.state, "inspection")
        self.assertEqual(self.unit_a1.status, "renovating")
        renovation.with_user(self.engineer).action_refuse_acceptance(
            reason="卫生间防水未做闭水试验"
        )
        self.assertEqual(renovation.state, "in_progress")
        renovation.with_user(self.desk).action_request_inspection()
        renovation.with_user(self.engineer).action_accept()
        self.assertEqual(renovation.state, "accepted")
        self.assertNotEqual(self.unit_a1.status, "renovating")
        renovation.with_user(self.reno_manager).action_settle_deposit()
        self.assertEqual(renovation.state, "settled")
        with self.assertRaises(UserError):
            renovation.with_user(self.reno_manager).action_close()
        self.pay(renovation.settlement_move_id)
        renovation.with_user(self.reno_manager).action_close()
        self.assertEqual(renovation.state, "closed")

    def test_agent_with_power_of_attorney(self):
        renovation = self.application(unit=self.unit_a2, applicant=self.agent)
        self.assertEqual(renovation.applicant_role, "agent")
        # the agent applies; the owner pays and gets the deposit back
        self.assertEqual(renovation.partner_id, self.owner_li)

    def test_applicant_must_be_owner_or_authorised_agent(self):
        Renovation = self.env["property.renovation"]
        count = Renovation.search_count([])
        with self.assertRaisesText(ValidationError, "power of attorney"):
            self.application(applicant=self.owner_li)
        # an agent without the power of attorney on file
        self.occupy(self.unit_a1, self.agent, role="agent")
        with self.assertRaisesText(ValidationError, "power of attorney"):
            self.application(applicant=self.agent)
        self.assertEqual(Renovation.search_count([]), count)

    def test_end_before_start(self):
        renovation = self.application()
        with self.assertRaisesText(ValidationError, "cannot be before"):
            renovation.write({"date_end": date(2026, 2, 1)})
        renovation.invalidate_recordset()
        self.assertEqual(renovation.date_end, date(2026, 5, 31))
        with self.assertRaises(ValidationError):
            self.application(date_end=date(2026, 1, 1))

    def test_missing_documents_block_submission(self):
        renovation = self.application(
            contractor_licence_ids=[(5,)], drawings_stamped=False, commitment_signature=False
        )
        with self.assertRaises(UserError) as error:
            renovation.with_user(self.desk).action_submit()
        message = str(error.exception)
        for what in ("business licence", "stamp", "commitment letter"):
            self.assertIn(what, message)
        self.assertNotIn("qualification", message)
        self.assertEqual(renovation.state, "draft")
        self.assertFalse(renovation.date_submitted)

    def test_authority_approval_guard(self):
        renovation = self.application(scope_structure=True, scope_gas=True)
        self.assertTrue(renovation.needs_authority_approval)
        renovation.with_user(self.desk).action_submit()
        renovation.with_user(self.engineer).action_start_review()
        with self.assertRaisesText(UserError, "authority"):
            renovation.with_user(self.engineer).action_approve()
        self.assertEqual(renovation.state, "review")
        renovation.with_user(self.engineer).write(
            {"authority_approval_ids": [(6, 0, self.attachment("消防审批.pdf").ids)]}
        )
        renovation.with_user(self.engineer).action_approve()
        self.assertEqual(renovation.state, "approved")

    def test_permit_waits_for_the_fees(self):
        renovation = self.application()
        self.approve(renovation)
        renovation.with_user(self.desk).action_sign_agreement()
        invoice = renovation.fee_move_id
        # not in the "fees paid" state yet: the permit cannot be issued
        with self.assertRaises(UserError):
            renovation.with_user(self.engineer).action_issue_permit()
        with self.assertRaisesText(UserError, "not paid"):
            renovation.with_user(self.desk).action_check_fees_paid()
        # a partial payment is not enough
        self.pay(invoice, amount=1000.0)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(renovation.state, "agreement")
        self.assertFalse(renovation.fees_paid)
        # the guard itself, whatever the state
        with self.assertRaisesText(UserError, "must be paid"):
            renovation._check_permit_requirements()
        self.pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(renovation.state, "fees_paid")
        self.assertEqual(renovation.date_fees_paid, renovation.company_id._property_today())
        renovation.with_user(self.engineer).action_issue_permit()
        self.assertEqual(renovation.state, "permit")

    def test_shop_deposit_and_area_fee(self):
        self.unit_b1.use = "shop"
        self.occupy(self.unit_b1, self.owner_li, date_from=date(2020, 1, 1))
        renovation = self.application(unit=self.unit_b1, applicant=self.owner_li)
        self.approve(renovation)
        renovation.with_user(self.desk).action_sign_agreement()
        self.assertAlmostEqual(renovation.deposit_amount, 5000.0)
        self.assertAlmostEqual(renovation.fee_amount, 5000.0 + 75.0 * 5)

    def test_reject_and_withdraw(self):
        rejected = self.application()
        rejected.with_user(self.desk).action_submit()
        rejected.with_user(self.engineer).action_reject(reason="拆除承重墙")
        self.assertEqual(rejected.state, "rejected")
        self.assertEqual(rejected.reject_reason, "拆除承重墙")
        withdrawn = self.application()
        self.approve(withdrawn)
        withdrawn.with_user(self.desk).action_sign_agreement()
        invoice = withdrawn.fee_move_id
        withdrawn.with_user(self.desk).action_withdraw(reason="房屋出售")
        self.assertEqual(withdrawn.state, "withdrawn")
        self.assertEqual(invoice.payment_state, "reversed")
        # credited by billing, which records the credit note on the charges
        credit_note = withdrawn.charge_ids.refund_id
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        # works started: no withdrawal
        running = self.application(unit=self.unit_a2, applicant=self.agent)
        self.approve(running)
        running.with_user(self.desk).action_sign_agreement()
        self.pay(running.fee_move_id)
        with self.assertRaises(UserError):
            running.with_user(self.desk).action_withdraw(reason="不装了")

    def test_state_changes_only_through_actions(self):
        renovation = self.application()
        with self.assertRaises(UserError):
            renovation.with_user(self.desk).write({"state": "approved"})
        with self.assertRaises(UserError):
            renovation.with_user(self.desk).action_approve()
        self.assertEqual(renovation.state, "draft")

    def test_overdue_completion(self):
        renovation = self.application()
        self.approve(renovation)
        renovation.with_user(self.desk).action_sign_agreement()
        self.pay(renovation.fee_move_id)
        renovation.with_user(self.engineer).action_issue_permit()
        self.confirmed_entry(renovation)
        renovation.with_user(self.engineer).action_start_works()
        with freeze_time("2026-05-31"):
            renovation.invalidate_recordset(["is_overdue"])
            self.assertFalse(renovation.is_overdue)
        with freeze_time("2026-06-10"):
            renovation.invalidate_recordset(["is_overdue", "overdue_days"])
            self.assertTrue(renovation.is_overdue)
            self.assertEqual(renovation.overdue_days, 10)
            Renovation = self.env["property.renovation"]
            self.assertIn(renovation, Renovation.search([("is_overdue", "=", True)]))
            self.assertNotIn(renovation, Renovation.search([("is_overdue", "=", False)]))
