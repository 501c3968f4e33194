from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.property_base.tests.pdf_text import pdf_text
from odoo.addons.property_billing.tests.common import BillingCommon


class MaintenanceFundCommon(BillingCommon):
    """Fund balances: A1-1203 10 000, A1-1204 10 000 (building A1), B1-0301 5 000 (B1),
    all paid on 15 Dec 2025."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate.manager_id = cls.manager
        cls.supplier = cls.env["res.partner"].create({"name": "迅达电梯维保有限公司"})
        cls.journal, cls.fund_account = cls.env.company._get_maintenance_fund_accounting()
        cls.contributions = cls.contribute(
            (cls.unit_a1, 10000.0), (cls.unit_a2, 10000.0), (cls.unit_b1, 5000.0)
        )
        cls.contributions.action_post()

    @classmethod
    def contribute(cls, *unit_amounts, when=date(2025, 12, 15)):
        return cls.env["property.maintenance.fund.contribution"].create(
            [{"unit_id": unit.id, "amount": amount, "date": when} for unit, amount in unit_amounts]
        )

    @classmethod
    def expense(cls, amount, buildings=None, **values):
        consent = cls.env["ir.attachment"].create(
            {"name": "业主大会决议.pdf", "raw": b"%PDF-1.4 consent"}
        )
        return cls.env["property.maintenance.fund.expense"].create(
            {
                "estate_id": cls.estate.id,
                "building_ids": [(6, 0, (buildings or cls.building_a).ids)],
                "common_part": "A1 2号电梯曳引机",
                "supplier_id": cls.supplier.id,
                "amount": amount,
                "date": date(2026, 3, 10),
                "consent_attachment_ids": [(6, 0, consent.ids)],
                **values,
            }
        )

    def balances(self, records):
        records.invalidate_recordset(["maintenance_fund_balance"])
        return records.mapped("maintenance_fund_balance")

    def fund_moves(self):
        return self.env["account.move"].search([("journal_id", "=", self.journal.id)])


# After install: a test loads a chart of accounts, which Odoo does only once its
# registry is loaded (at install, it warns).
@tagged("post_install", "-at_install")
class TestMaintenanceFund(MaintenanceFundCommon):
    def test_fund_accounting_created_once(self):
        self.assertEqual(self.journal.type, "bank")
        self.assertEqual(self.journal.code, "MFND")
        self.assertEqual(self.fund_account.account_type, "liability_current")
        self.assertTrue(self.fund_account.code.startswith("2241"), self.fund_account.code)
        self.assertEqual(len(self.fund_account.code), 6, "as long as the chart's codes")
        self.assertEqual(
            self.env.company._get_maintenance_fund_accounting(),
            (self.journal, self.fund_account),
        )

    def test_settings_create_the_fund_accounting_of_a_new_company(self):
        company = self.env["res.company"].create({"name": "新物业公司"})
        self.env["account.chart.template"].try_loading("cn", company, install_demo=False)
        settings = self.env["res.config.settings"].with_company(company).create({})
        settings.action_maintenance_fund_setup()
        self.assertEqual(company.maintenance_fund_journal_id.company_id, company)
        self.assertIn(company, company.maintenance_fund_account_id.company_ids)

    def test_company_without_chart_is_refused(self):
        company = self.env["res.company"].create({"name": "无科目公司"})
        with self.assertRaisesRegex(UserError, "no chart of accounts"):
            company._get_maintenance_fund_accounting()

    def test_contribution_posts_the_fund_entry(self):
        """The desk (no accounting rights) records a payment: bank debit, fund credit,
        both on the unit and its payer."""
        contribution = (
            self.env["property.maintenance.fund.contribution"]
            .with_user(self.office)
            .create(
                {
                    "unit_id": self.unit_a1.id,
                    "amount": 3000.0,
                    "date": date(2026, 5, 20),
                    "payment_reference": "TRF-20260520-01",
                    "contribution_type": "top_up",
                }
            )
        )
        self.assertEqual(contribution.partner_id, self.owner_zhang, "the owner pays")
        self.assertTrue(contribution.name.startswith("MFC/"))
        contribution.action_post()
        self.assertEqual(contribution.state, "posted")
        move = contribution.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        self.assertEqual(move.date, date(2026, 5, 20))
        self.assertIn("TRF-20260520-01", move.ref)
        bank = move.line_ids.filtered(lambda line: line.debit)
        fund = move.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(bank.account_id, self.journal.default_account_id)
        self.assertEqual(bank.debit, 3000.0)
        self.assertEqual(fund.account_id, self.fund_account)
        self.assertEqual(fund.credit, 3000.0)
        self.assertEqual(move.line_ids.partner_id, self.owner_zhang)
        self.assertEqual(move.line_ids.property_unit_id, self.unit_a1)
        self.assertEqual(self.balances(self.unit_a1), [13000.0])
        self.assertEqual(self.balances(self.building_a | self.building_b), [23000.0, 5000.0])

    def test_contribution_by_rate_per_area(self):
        self.env.company.maintenance_fund_rate = 50.0
        with Form(self.env["property.maintenance.fund.contribution"]) as form:
            form.unit_id = self.unit_a1
            self.assertEqual(form.rate, 50.0)
            self.assertEqual(form.amount, 4925.0)  # 98.5 m² × 50
            form.rate = 40.0
            self.assertEqual(form.amount, 3940.0)
        self.assertEqual(form.save().amount, 3940.0)

    def test_amount_must_be_positive(self):
        moves_before = self.fund_moves()
        for amount in (-100.0, 0.0):
            with self.assertRaisesRegex(ValidationError, "must be a positive amount"):
                self.contribute((self.unit_a1, amount))
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.expense(-500.0)
        self.assertEqual(self.fund_moves(), moves_before, "nothing posted")

    def test_cancel_reverses_the_contribution(self):
        contribution = self.contributions[2]
        contribution.action_cancel()
        self.assertEqual(contribution.state, "cancelled")
        reversal = contribution.reversal_move_id
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(reversal.reversed_entry_id, contribution.move_id)
        self.assertEqual(reversal.date, self.env.company._property_today())
        fund = reversal.line_ids.filtered(lambda line: line.account_id == self.fund_account)
        self.assertEqual((fund.debit, fund.property_unit_id), (5000.0, self.unit_b1))
        self.assertEqual(self.balances(self.unit_b1), [0.0])
        self.assertEqual(self.balances(self.building_b), [0.0])
        with self.assertRaisesRegex(UserError, "not possible now"):
            contribution.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            contribution.unlink()

    def test_posted_contribution_stays_as_booked(self):
        contribution = self.contributions[0]
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            contribution.amount = 1.0
        with self.assertRaisesRegex(UserError, "Only a property manager"):
            contribution.with_user(self.staff).action_cancel()
        by_rate = self.env["property.maintenance.fund.contribution"].create(
            {"unit_id": self.unit_b1.id, "rate": 20.0}
        )
        by_rate.action_post()
        self.unit_b1.building_area = 80.0
        self.assertEqual(by_rate.amount, 1500.0, "75 m² × 20 as posted")
        self.assertEqual(by_rate.move_id.amount_total, 1500.0)

    def test_posted_contribution_is_cancelled_by_reversal_only(self):
        """Writing the state of a posted contribution (any role, any context) would
        cancel it without the reversal entry: only its Cancel button does it."""
        contribution = self.contributions[0]
        for user in (self.staff, self.manager):
            client = contribution.with_user(user).with_context(property_workflow=True)
            with self.assertRaisesRegex(UserError, "buttons only"):
                client.write({"state": "cancelled"})
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                client.write({"amount": 1.0, "date": "2020-01-01"})
        self.assertEqual(contribution.state, "posted")
        self.assertFalse(contribution.reversal_move_id)
        contribution.with_user(self.manager).action_cancel()
        self.assertEqual(contribution.state, "cancelled")
        self.assertEqual(contribution.reversal_move_id.state, "posted")

    def test_balance_queries_do_not_grow_with_buildings(self):
        buildings = self.building_a | self.building_b

        def count(records):
            records.invalidate_recordset(["maintenance_fund_balance"])
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records.mapped("maintenance_fund_balance")
            return self.cr.sql_log_count - before

        self.assertEqual(count(self.building_a), count(buildings))


class TestMaintenanceFundUse(MaintenanceFundCommon):
    def test_approved_use_lowers_the_units_balances_by_area(self):
        expense = self.expense(2185.0).with_user(self.office)
        expense.action_submit()
        self.assertEqual(expense.state, "submitted")
        with self.assertRaisesRegex(UserError, "Amount can no longer be changed"):
            expense.amount = 3000.0
        # 2185 over 98.5 + 120 m²: 10 per m²
        self.assertEqual(
            [(s.unit_id, s.amount) for s in expense.share_ids],
            [(self.unit_a1, 985.0), (self.unit_a2, 1200.0)],
        )
        self.assertEqual(expense.activity_ids.user_id, self.manager)
        with self.assertRaisesRegex(UserError, "Only a property manager"):
            expense.action_approve()
        expense = expense.with_user(self.manager)
        expense.action_approve()
        self.assertEqual(expense.approved_by_id, self.manager)
        self.assertFalse(expense.activity_ids)
        with self.assertRaisesRegex(UserError, "Only a property manager"):
            expense.with_user(self.office).action_post()
        expense.action_post()
        self.assertEqual(expense.state, "posted")
        move = expense.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        fund = move.line_ids.filtered(lambda line: line.account_id == self.fund_account)
        self.assertEqual(
            sorted((line.property_unit_id.code, line.debit) for line in fund),
            [("A1-1203", 985.0), ("A1-1204", 1200.0)],
        )
        self.assertEqual(fund.partner_id, self.owner_zhang | self.owner_li)
        bank = move.line_ids - fund
        self.assertEqual(bank.account_id, self.journal.default_account_id)
        self.assertEqual((bank.credit, bank.partner_id), (2185.0, self.supplier))
        self.assertEqual(
            self.balances(self.unit_a1 | self.unit_a2 | self.unit_b1),
            [9015.0, 8800.0, 5000.0],
        )
        self.assertEqual(self.balances(self.building_a | self.building_b), [17815.0, 5000.0])

    def test_use_shared_by_two_buildings_booked_to_the_supplier(self):
        expense = self.expense(
            2935.0, buildings=self.building_a | self.building_b, payment_mode="payable"
        )
        expense.action_submit()
        # 293.5 m² in all: 10 per m²
        self.assertEqual(expense.share_ids.mapped("amount"), [985.0, 1200.0, 750.0])
        expense.action_approve()
        expense.action_post()
        payable = expense.move_id.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(payable.account_id, self.supplier.property_account_payable_id)
        self.assertEqual((payable.credit, payable.partner_id), (2935.0, self.supplier))
        self.assertEqual(self.balances(self.building_b), [4250.0])

    def test_insufficient_balance_is_refused(self):
        expense = self.expense(25000.0)
        expense.action_submit()
        moves_before = self.fund_moves()
        with self.assertRaisesRegex(UserError, "A1 holds .*20,000.00.*not enough"):
            expense.action_approve()
        self.assertEqual(expense.state, "submitted")
        # approved earlier, and the fund was used since: posting is refused too
        expense.state = "approved"
        with self.assertRaisesRegex(UserError, "not enough"):
            expense.action_post()
        self.assertEqual(expense.state, "approved")
        self.assertFalse(expense.move_id)
        self.assertEqual(self.fund_moves(), moves_before, "nothing posted")
        self.assertEqual(self.balances(self.building_a), [20000.0])

    def test_consent_required_unless_emergency(self):
        expense = self.expense(1000.0, consent_attachment_ids=[])
        expense.action_submit()
        with self.assertRaisesRegex(UserError, "owners' consent"):
            expense.action_approve()
        expense.action_draft()
        expense.is_emergency = True
        expense.action_submit()
        expense.action_approve()
        self.assertEqual(expense.state, "approved")

    def test_cancel_reverses_the_use(self):
        expense = self.expense(2185.0)
        expense.action_submit()
        expense.action_approve()
        expense.action_post()
        with self.assertRaisesRegex(UserError, "Only a property manager"):
            expense.with_user(self.office).action_cancel()
        expense.action_cancel()
        self.assertEqual(expense.state, "cancelled")
        self.assertEqual(expense.reversal_move_id.reversed_entry_id, expense.move_id)
        self.assertEqual(self.balances(self.unit_a1 | self.unit_a2), [10000.0, 10000.0])

    def test_spent_contribution_cannot_be_cancelled(self):
        expense = self.expense(15000.0)
        expense.action_submit()
        expense.action_approve()
        expense.action_post()
        with self.assertRaisesRegex(UserError, "part of it has been used"):
            self.contributions[0].action_cancel()
        self.assertEqual(self.contributions[0].state, "posted")


class TestMaintenanceFundDisclosure(MaintenanceFundCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # in the period: a top-up of A1-1203 and a repair of building A1
        cls.contribute((cls.unit_a1, 1500.0), when=date(2026, 2, 1)).action_post()
        cls.repair = cls.expense(2185.0)
        cls.repair.action_submit()
        cls.repair.action_approve()
        cls.repair.action_post()
        cls.wizard = cls.env["property.maintenance.fund.disclosure.wizard"].create(
            {
                "estate_id": cls.estate.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 6, 30),
            }
        )

    def test_figures_per_building(self):
        building_a, building_b = self.wizard._disclosure()
        self.assertEqual(building_a["building"], self.building_a)
        self.assertEqual(building_a["opening"], 20000.0)
        self.assertEqual(building_a["contributions"], 1500.0)
        self.assertEqual(building_a["used"], 2185.0)
        self.assertEqual(building_a["closing"], 19315.0)
        [use] = building_a["uses"]
        self.assertEqual(use["date"], date(2026, 3, 10))
        self.assertEqual(use["reference"], self.repair.name)
        self.assertEqual(use["amount"], 2185.0)
        self.assertEqual(
            (building_b["opening"], building_b["contributions"], building_b["used"]),
            (5000.0, 0.0, 0.0),
        )
        self.assertEqual(building_b["closing"], 5000.0)
        self.assertEqual(self.balances(self.building_a), [building_a["closing"]])

    def test_period_before_the_use(self):
        self.wizard.date_to = date(2026, 2, 28)
        building_a = self.wizard._disclosure()[0]
        self.assertFalse(building_a["uses"])
        self.assertEqual(building_a["closing"], 21500.0)

    def test_report_renders_the_figures(self):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "property_fund.action_report_maintenance_fund_disclosure", self.wizard.ids
        )
        html = html.decode()
        self.assertIn("Maintenance Fund Disclosure", html)
        self.assertIn(self.estate.name, html)
        for figure in ("20,000.00", "1,500.00", "2,185.00", "19,315.00", "5,000.00"):
            self.assertIn(figure, html)
        self.assertIn(self.repair.name, html)
        self.assertIn("A1 2号电梯曳引机", html)

    def test_wizard_prints_the_report(self):
        action = self.wizard.with_user(self.staff).action_print()
        self.assertEqual(action["report_name"], "property_fund.report_maintenance_fund_disclosure")

    def test_ledger_lists_the_journal_items(self):
        Ledger = self.env["property.maintenance.fund.ledger"].with_user(self.staff)
        groups = dict(Ledger._read_group([], ["kind"], ["amount:sum"]))
        self.assertEqual(groups, {"contribution": 26500.0, "use": -2185.0})
        action = self.building_a.action_view_maintenance_fund()
        self.assertEqual(Ledger.search(action["domain"]).unit_id, self.unit_a1 | self.unit_a2)


@tagged("post_install", "-at_install")
class TestMaintenanceFundDisclosurePdf(MaintenanceFundCommon, HttpCase):
    """The printed disclosure, through wkhtmltopdf: the page whole, Chinese text shown
    (pdftotext reads the CJK font; the Latin web font's glyphs carry no text)."""

    def test_disclosure_pdf(self):
        repair = self.expense(2185.0)
        repair.action_submit()
        repair.action_approve()
        repair.action_post()
        wizard = self.env["property.maintenance.fund.disclosure.wizard"].create(
            {
                "estate_id": self.estate.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2026, 6, 30),
            }
        )
        report = self.env.ref(
            "property_fund.action_report_maintenance_fund_disclosure"
        ).with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf(report.report_name, wizard.ids)
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf, "-layout")
        self.assertIn("阳光花园", text)
        self.assertIn("号电梯曳引机", text)  # posted in this transaction
