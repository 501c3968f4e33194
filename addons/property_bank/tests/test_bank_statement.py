import ast
import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.property_billing.tests.common import BillingCommon

DATA = "property_bank/tests/data/"


class TestBankStatement(BillingCommon):
    """A month's bank statement of the estate's account, imported from the bank's CSV or
    OFX export, paying the June invoices of the three payers."""

    @classmethod
    def setup_main_company(cls, currency_code="CNY"):
        # Chinese banks' statements, in yuan (OFX files say so)
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # account_reconcile_oca reconciles at import outside tests only, unless told so
        cls.env = cls.env(context=dict(cls.env.context, _test_account_reconcile_oca=True))
        cls.finance = new_test_user(
            cls.env,
            "pb_finance",
            groups="property_billing.group_property_finance",
            name="财务 陈",
        )
        cls.mapping = cls.env.ref("property_bank.sheet_mapping_cn_bank_utf8")
        bank_account = cls.env["res.partner.bank"].create(
            {"acc_number": "6222020200001234567", "partner_id": cls.env.company.partner_id.id}
        )
        cls.journal = cls.env["account.journal"].create(
            {
                "name": "工商银行 基本户",
                "code": "ICBC",
                "type": "bank",
                "bank_account_id": bank_account.id,
                "default_sheet_mapping_id": cls.mapping.id,
            }
        )
        cls.env.company.property_late_fee_rate = 0.0  # tested elsewhere
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        for unit in cls.unit_a1 | cls.unit_a2 | cls.unit_b1:
            cls.schedule(unit, management)
        invoices = cls.bill(date(2026, 6, 1), date(2026, 6, 30))
        cls.invoice_zhang = invoices.filtered(lambda m: m.partner_id == cls.owner_zhang)
        cls.invoice_li = invoices.filtered(lambda m: m.partner_id == cls.owner_li)
        cls.invoice_wang = invoices.filtered(lambda m: m.partner_id == cls.tenant_wang)
        # A structured creditor reference, which payers type without spaces
        cls.invoice_wang.payment_reference = "RF18 5390 0754 7034"
        cls.references = {
            "ref_zhang": cls.invoice_zhang.payment_reference,
            "ref_li": cls.invoice_li.payment_reference,
            "ref_wang": "rf18539007547034",
        }

    @classmethod
    def file(cls, name, encoding="utf-8"):
        with file_open(DATA + name, "rb") as handle:
            text = handle.read().decode("utf-8")
        if encoding != "utf-8":
            text = text.lstrip("\ufeff")  # the byte order mark of UTF-8 files
        if "{" in text:
            text = text.format(**cls.references)
        return text.encode(encoding)

    def import_file(self, name, content=None, mapping=None, journal=None):
        """Import as finance staff do, from the Billing menu; return the statements."""
        wizard = Form(self.env["account.statement.import"].with_user(self.finance))
        wizard.journal_id = journal or self.journal
        if mapping is not None:
            wizard.sheet_mapping_id = mapping
        wizard.statement_file = base64.b64encode(content or self.file(name))
        wizard = wizard.save()
        wizard.statement_filename = name  # set by the upload widget
        action = wizard.import_file_button()
        return self.env["account.bank.statement"].search(action["domain"])

    def receivable(self, invoice):
        return invoice.line_ids.filtered(lambda line: line.display_type == "payment_term")

    def statement_count(self):
        return self.env["account.bank.statement"].search_count(
            [("journal_id", "=", self.journal.id)]
        )

    def test_invoices_carry_their_payment_reference(self):
        self.assertEqual(self.invoice_zhang.amount_total, 246.25)
        self.assertEqual(self.invoice_li.amount_total, 300.0)
        self.assertEqual(self.invoice_wang.amount_total, 187.5)
        self.assertTrue(self.references["ref_zhang"].startswith("RF"))

    def test_csv_import_reconciles_sure_matches_only(self):
        statement = self.import_file("bank_statement_cn.csv")
        self.assertEqual(len(statement), 1)
        lines = statement.line_ids
        self.assertEqual(len(lines), 5)
        self.assertEqual(sorted(lines.mapped("amount")), [-5.0, 100.0, 200.0, 246.25, 1000.0])
        self.assertEqual(statement.balance_start, 10000.0)
        self.assertEqual(statement.balance_end_real, 11541.25)
        exact, partial, over, unknown, fee = lines.sorted("sequence")
        self.assertEqual(exact.partner_name, "刘洋")
        self.assertEqual(exact.account_number, "6217000010001234567")

        # Reference found, amount equal: reconciled at import. The spouse paid: the
        # partner is the invoice's.
        self.assertTrue(exact.is_reconciled)
        self.assertEqual(exact.partner_id, self.owner_zhang)
        self.assertEqual(self.invoice_zhang.payment_state, "paid")
        self.assertEqual(self.invoice_zhang.amount_residual, 0.0)

        # Reference found, amount different: proposed, left to finance staff
        for line, invoice, partner in (
            (partial, self.invoice_li, self.owner_li),
            (over, self.invoice_wang, self.tenant_wang),
        ):
            self.assertFalse(line.is_reconciled)
            self.assertEqual(line.partner_id, partner)
            self.assertEqual(invoice.payment_state, "not_paid")
            proposed = {
                aml_id
                for data in line.reconcile_data_info["data"]
                for aml_id in data.get("counterpart_line_ids", [])
            }
            self.assertEqual(proposed, set(self.receivable(invoice).ids))

        # No reference, unknown payer; the bank fee: in the suspense account, to reconcile
        suspense = self.journal.suspense_account_id
        for line in unknown | fee:
            self.assertFalse(line.is_reconciled)
            self.assertFalse(line.partner_id)
            self.assertEqual(
                line.move_id.line_ids.filtered(lambda aml: aml.account_id == suspense).balance,
                -line.amount,
            )
        action = self.env.ref("property_bank.action_property_bank_reconcile")
        to_reconcile = self.env["account.bank.statement.line"].search(
            [*ast.literal_eval(action.domain), ("is_reconciled", "=", False)]
        )
        self.assertEqual(lines - exact, to_reconcile & lines)

    def test_partial_payment_validated_leaves_the_rest_owed(self):
        statement = self.import_file("bank_statement_cn.csv")
        partial = statement.line_ids.filtered(lambda line: line.amount == 100.0)
        partial.with_user(self.finance).reconcile_bank_line()
        self.assertTrue(partial.is_reconciled)
        self.assertEqual(self.invoice_li.payment_state, "partial")
        self.assertEqual(self.invoice_li.amount_residual, 200.0)

    def test_over_payment_remains_as_credit_for_the_next_invoice(self):
        statement = self.import_file("bank_statement_cn.csv")
        over = statement.line_ids.filtered(lambda line: line.amount == 200.0)
        over.with_user(self.finance).reconcile_bank_line()
        self.assertTrue(over.is_reconciled)
        self.assertEqual(self.invoice_wang.payment_state, "paid")
        credit = over.move_id.line_ids.filtered(
            lambda aml: (
                aml.account_id == self.tenant_wang.property_account_receivable_id
                and not aml.reconciled
            )
        )
        self.assertEqual(credit.partner_id, self.tenant_wang)
        self.assertEqual(credit.amount_residual, -12.5)
        # July's billing run sets the credit against the new invoice
        july = self.bill(date(2026, 7, 1), date(2026, 7, 31)).filtered(
            lambda m: m.partner_id == self.tenant_wang
        )
        self.assertTrue(credit.reconciled)
        self.assertEqual(july.amount_residual, 187.5 - 12.5)
        self.assertEqual(july.payment_state, "partial")

    def test_payment_without_reference_is_matched_by_hand(self):
        header = self.file("bank_statement_cn.csv").decode("utf-8-sig").splitlines()[0]
        rows = [
            # The amount of 李娜's invoice, in her name, without reference
            "2026061800001,2026-06-18,300.00,,,李娜,6217000010002345678,转账,物业费",
            # The amount of 王芳's invoice, no reference, from an account nobody knows
            "2026061800002,2026-06-18,187.50,,,陌生人,6217000010008888888,转账,物业费",
        ]
        statement = self.import_file("no_reference.csv", "\n".join([header, *rows]).encode())
        named, unknown = statement.line_ids.sorted("sequence")
        # Not sure enough to reconcile at import (account_reconcile_oca alone would, on
        # Odoo's "Invoices/Bills Perfect Match": the partner's only open amount)
        self.assertFalse(named.is_reconciled)
        self.assertFalse(unknown.is_reconciled)
        # ...but proposed in the reconciliation screen: finance staff validate
        self.assertTrue(named.can_reconcile)
        named.with_user(self.finance).reconcile_bank_line()
        self.assertEqual(self.invoice_li.payment_state, "paid")
        # The unknown payer's line: matched by hand
        with Form(
            unknown.with_user(self.finance),
            view="account_reconcile_oca.bank_statement_line_form_reconcile_view",
        ) as form:
            self.assertFalse(form.can_reconcile)
            form.add_account_move_line_id = self.receivable(self.invoice_wang)
            self.assertTrue(form.can_reconcile)
        unknown.with_user(self.finance).reconcile_bank_line()
        self.assertTrue(unknown.is_reconciled)
        self.assertEqual(self.invoice_wang.payment_state, "paid")

    def test_one_transfer_for_two_months(self):
        july = self.bill(date(2026, 7, 1), date(2026, 7, 31)).filtered(
            lambda m: m.partner_id == self.owner_zhang
        )
        header = self.file("bank_statement_cn.csv").decode("utf-8-sig").splitlines()[0]
        # July's reference typed in full-width characters (ＩＮＶ／２０２６／…)
        full_width = july.payment_reference.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        memo = f"6-7月物业费 {self.invoice_zhang.payment_reference}、{full_width}"
        row = f"2026070100001,2026-07-01,492.50,,,张伟,6217000010001234567,转账,{memo}"
        line = self.import_file("two_months.csv", f"{header}\n{row}".encode()).line_ids
        self.assertTrue(line.is_reconciled)
        self.assertEqual((self.invoice_zhang | july).mapped("payment_state"), ["paid", "paid"])

    def test_reference_inside_another_is_not_a_match(self):
        """Notice references RF25 10 and RF25 107 (of notices 10 and 107): the exact
        payment of the second is not taken for a payment of both."""
        self.invoice_zhang.payment_reference = "RF25 10"
        self.invoice_li.payment_reference = "RF25 107"
        header = self.file("bank_statement_cn.csv").decode("utf-8-sig").splitlines()[0]
        row = "2026061800001,2026-06-18,300.00,,,李娜,6217000010002345678,转账,RF25 107物业费"
        line = self.import_file("one_payment.csv", f"{header}\n{row}".encode()).line_ids
        self.assertTrue(line.is_reconciled)
        self.assertEqual(line.partner_id, self.owner_li)
        self.assertEqual(self.invoice_li.payment_state, "paid")
        self.assertEqual(self.invoice_zhang.payment_state, "not_paid")

    def test_gbk_file_with_the_gbk_mapping(self):
        statement = self.import_file(
            "bank_statement_cn.csv",
            content=self.file("bank_statement_cn.csv", encoding="gb18030"),
            mapping=self.env.ref("property_bank.sheet_mapping_cn_bank_gbk"),
        )
        self.assertEqual(len(statement.line_ids), 5)
        self.assertIn("赵六", statement.line_ids.mapped("partner_name"))
        self.assertEqual(self.invoice_zhang.payment_state, "paid")

    def test_ofx_file_into_a_journal_with_a_csv_mapping(self):
        statement = self.import_file("bank_statement_cn.ofx")
        self.assertEqual(len(statement.line_ids), 2)
        self.assertEqual(statement.balance_end_real, 10241.25)
        payment = statement.line_ids.filtered(lambda line: line.amount > 0)
        self.assertTrue(payment.is_reconciled)
        self.assertEqual(payment.partner_id, self.owner_zhang)
        self.assertEqual(self.invoice_zhang.payment_state, "paid")

    def test_ofx2_file_with_a_chinese_payee(self):
        """OFX 2 (XML, UTF-8, the payee in Chinese) into a journal with a CSV mapping."""
        statement = self.import_file("bank_statement_cn_ofx2.ofx")
        self.assertEqual(statement.balance_end_real, 10300.0)
        self.assertIn("李娜的丈夫 王强", statement.line_ids.payment_ref)
        self.assertTrue(statement.line_ids.is_reconciled)
        self.assertEqual(statement.line_ids.partner_id, self.owner_li)
        self.assertEqual(self.invoice_li.payment_state, "paid")
        # An amount misread: refused as an OFX file, not as a CSV file with wrong columns
        bad = self.file("bank_statement_cn_ofx2.ofx").replace(b">300.00<", b">3OO.00<")
        with self.assertRaisesRegex(UserError, "This OFX file cannot be read"):
            self.import_file("bad_amount.ofx", bad)

    def test_malformed_files_are_refused_with_the_reason(self):
        before = self.statement_count()
        for name, message in (
            ("bank_statement_cn_wrong_columns.csv", "has no column 交易日期, 收入金额"),
            ("bank_statement_cn_bad_amount.csv", "Line 3: “1OO.00” in the column 收入金额"),
            ("bank_statement_cn_bad_date.csv", "Line 3: the date “2026/06/15”"),
        ):
            with self.subTest(name), self.assertRaisesRegex(UserError, message):
                self.import_file(name)
        self.assertEqual(self.statement_count(), before)

    def test_wizard_takes_the_mapping_of_the_journal(self):
        wizard = self.env["account.statement.import"].create(
            {"journal_id": self.journal.id, "statement_file": base64.b64encode(b"x")}
        )
        self.assertEqual(wizard.sheet_mapping_id, self.mapping)
        from_journal = self.env["account.statement.import"].with_context(journal_id=self.journal.id)
        self.assertEqual(from_journal.new({}).journal_id, self.journal)

    def test_csv_needs_a_journal(self):
        wizard = self.env["account.statement.import"].create(
            {
                "statement_file": base64.b64encode(self.file("bank_statement_cn.csv")),
                "statement_filename": "bank_statement_cn.csv",
                "sheet_mapping_id": self.mapping.id,
                "journal_id": False,
            }
        )
        with self.assertRaisesRegex(UserError, "Choose the bank journal"):
            wizard.import_file_button()

    def test_same_file_twice_adds_nothing(self):
        self.import_file("bank_statement_cn.csv")
        before = self.statement_count()
        line_count = self.env["account.bank.statement.line"].search_count(
            [("journal_id", "=", self.journal.id)]
        )
        with self.assertRaisesRegex(UserError, "already imported"):
            self.import_file("bank_statement_cn.csv")
        self.assertEqual(self.statement_count(), before)
        self.assertEqual(
            self.env["account.bank.statement.line"].search_count(
                [("journal_id", "=", self.journal.id)]
            ),
            line_count,
        )

    def test_finance_menus(self):
        billing = self.env.ref("property_billing.menu_property_billing")
        visible = self.env["ir.ui.menu"].with_user(self.finance)._visible_menu_ids()
        for xmlid in (
            "property_bank.menu_property_bank_statement_import",
            "property_bank.menu_property_bank_statement",
            "property_bank.menu_property_bank_reconcile",
        ):
            menu = self.env.ref(xmlid)
            self.assertEqual(menu.parent_id, billing)
            self.assertIn(menu.id, visible)
        action = self.env.ref("property_bank.action_property_bank_reconcile")
        views = (
            self.env["account.bank.statement.line"]
            .with_user(self.finance)
            .get_views([(view.view_id.id, view.view_mode) for view in action.view_ids])
        )
        self.assertEqual(set(views["views"]), {"kanban", "list"})


@tagged("post_install", "-at_install")
class TestReconcileScreen(HttpCase):
    def test_reconcile_screen_of_all_bank_journals(self):
        """The OCA screen opens from the Billing menu, without a journal, on a waiting line."""
        journal = self.env["account.journal"].create(
            {"name": "建设银行 一般户", "code": "CCB", "type": "bank"}
        )
        self.env["account.bank.statement.line"].create(
            {"journal_id": journal.id, "amount": 88.0, "payment_ref": "无附言转账"}
        )
        self.browser_js(
            "/odoo/action-property_bank.action_property_bank_reconcile",
            "console.log('test successful')",
            ready="!!document.querySelector('.o_account_reconcile_oca_selector .o_kanban_record')"
            " && !!document.querySelector('.o_form_view button[name=reconcile_bank_line]')",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestNewCompany(BillingCommon):
    def test_a_new_company_gets_the_reference_matching_model(self):
        company = self.env["res.company"].create(
            {"name": "翠湖物业", "country_id": self.env.ref("base.cn").id}
        )
        self.env["account.chart.template"].try_loading("cn", company, install_demo=False)
        models = self.env["account.reconcile.model"].search(
            [("company_id", "=", company.id), ("property_match_reference", "=", True)]
        )
        self.assertEqual(len(models), 1)
        self.assertTrue(models.auto_reconcile)
        # installing the addon again (its hook) adds none
        company._property_create_reconcile_model()
        self.assertEqual(
            self.env["account.reconcile.model"].search_count(
                [("company_id", "=", company.id), ("property_match_reference", "=", True)]
            ),
            1,
        )
