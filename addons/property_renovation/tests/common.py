import base64
from contextlib import contextmanager
from datetime import date

from odoo.tests import new_test_user

from odoo.addons.property_billing.tests.common import BillingCommon

# a 1×1 PNG: a signature and a scanned document
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944"
        "4154789c6360000002000001e221bc330000000049454e44ae426082"
    )
)


class RenovationCommon(BillingCommon):
    """The estate of BillingCommon with an owner (张伟, A1-1203), an agent with a power
    of attorney (李娜's agent on A1-1204), a decoration company, the fee table (deposit
    2000 for flats, 5000 otherwise; waste removal 5 per m²) and one user per
    renovation role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.contractor = Partner.create({"name": "美家装饰工程有限公司", "is_company": True})
        cls.agent = Partner.create({"name": "代理人 陈明", "phone": "13900000001"})
        cls.poa = cls.attachment("委托书.pdf")
        cls.occupy(
            cls.unit_a2,
            cls.agent,
            role="agent",
            date_from=date(2024, 1, 1),
            document_ids=[(6, 0, cls.poa.ids)],
        )
        cls.deposit_product = cls.env.ref("property_billing.product_fee_deposit")
        cls.waste_product = cls.env.ref("property_renovation.product_fee_renovation_waste")
        cls.deduction_product = cls.env.ref("property_renovation.product_fee_renovation_deduction")
        Fee = cls.env["property.renovation.fee"]
        Fee.search([]).active = False
        cls.fees = Fee.create(
            [
                {
                    "product_id": cls.deposit_product.id,
                    "unit_use": "residential",
                    "basis": "fixed",
                    "amount": 2000.0,
                },
                {"product_id": cls.deposit_product.id, "basis": "fixed", "amount": 5000.0},
                {"product_id": cls.waste_product.id, "basis": "area", "amount": 5.0},
            ]
        )
        cls.security = new_test_user(
            cls.env,
            "pr_security",
            groups="property_renovation.group_renovation_security",
            name="保安 刘",
        )
        cls.desk = new_test_user(
            cls.env, "pr_desk", groups="property_renovation.group_renovation_desk", name="客服 小陈"
        )
        cls.engineer = new_test_user(
            cls.env,
            "pr_engineer",
            groups="property_renovation.group_renovation_engineering",
            name="工程部 周工",
        )
        cls.reno_manager = new_test_user(
            cls.env,
            "pr_manager",
            groups="property_renovation.group_renovation_manager,account.group_account_invoice",
            name="项目经理 吴",
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.deposit_account = cls.deposit_product.with_company(
            cls.env.company
        ).property_account_income_id

    @classmethod
    def attachment(cls, name):
        return cls.env["ir.attachment"].create({"name": name, "datas": PNG})

    @classmethod
    def application(cls, unit=None, applicant=None, **values):
        """A complete draft application of the owner 张伟 for A1-1203 (walls, floors,
        kitchen / bath), ready to submit."""
        return cls.env["property.renovation"].create(
            {
                "unit_id": (unit or cls.unit_a1).id,
                "applicant_id": (applicant or cls.owner_zhang).id,
                "contractor_id": cls.contractor.id,
                "contractor_licence_ids": [(6, 0, cls.attachment("营业执照.pdf").ids)],
                "contractor_qualification_ids": [(6, 0, cls.attachment("资质证书.pdf").ids)],
                "contractor_id_copy_ids": [(6, 0, cls.attachment("身份证.jpg").ids)],
                "drawing_ids": [(6, 0, cls.attachment("平面图.pdf").ids)],
                "drawings_stamped": True,
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 5, 31),
                "scope_walls": True,
                "scope_floors": True,
                "scope_kitchen_bath": True,
                "commitment_signature": PNG,
                "commitment_signed_by": "张伟",
                "commitment_signed_on": date(2026, 2, 20),
                **values,
            }
        )

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls back what failed) checking the message too."""
        with self.assertRaises(exception) as error:
            yield
        self.assertIn(text, str(error.exception))

    @classmethod
    def pay(cls, move, amount=None):
        """Register a payment of the whole (or part of the) move, as the cashier does."""
        values = {"journal_id": cls.bank_journal.id, "payment_date": date(2026, 2, 25)}
        if amount is not None:
            values["amount"] = amount
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(values)
            ._create_payments()
        )

    @classmethod
    def approve(cls, renovation):
        """Submit, review and approve; the owner signs and the prohibitions are accepted."""
        renovation.with_user(cls.desk).action_submit()
        renovation.with_user(cls.engineer).action_start_review()
        renovation.with_user(cls.engineer).action_approve()
        renovation.with_user(cls.desk).write(
            {
                "owner_signature": PNG,
                "owner_signed_by": "张伟",
                "prohibited_items_accepted": True,
            }
        )
        renovation.with_user(cls.desk).action_owner_sign()

    @classmethod
    def permit_issued(cls, renovation):
        """From the draft to the permit: approved, agreement signed, fees paid."""
        cls.approve(renovation)
        renovation.with_user(cls.desk).action_sign_agreement()
        cls.pay(renovation.fee_move_id)
        renovation.with_user(cls.engineer).action_issue_permit()

    @classmethod
    def confirmed_entry(cls, renovation):
        """The entry inspection (进场装修确认表) done and signed by both parties."""
        entry = cls.env["property.renovation.entry"].create({"renovation_id": renovation.id})
        entry.line_ids.write({"result": "ok"})
        entry.write(
            {
                "applicant_signature": PNG,
                "applicant_signed_by": "张伟",
                "meter_water": 12.5,
                "meter_electricity": 340.0,
            }
        )
        entry.action_confirm()
        return entry

    def works_done(self, renovation):
        """From the draft to the accepted works, the fees paid."""
        self.permit_issued(renovation)
        self.confirmed_entry(renovation)
        renovation.with_user(self.engineer).action_start_works()
        renovation.with_user(self.desk).action_request_inspection()
        renovation.with_user(self.engineer).action_accept()
