from datetime import date, timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from .common import BillingCommon

PIVOT_MEASURES = [
    "amount_billed:sum",
    "amount_collected:sum",
    "amount_outstanding:sum",
    "collection_rate:avg",
]
AGEING_MEASURES = [
    "amount_not_due:sum",
    "amount_1_30:sum",
    "amount_31_90:sum",
    "amount_91_180:sum",
    "amount_181_365:sum",
    "amount_over_365:sum",
    "amount_residual:sum",
    "days_overdue:max",
    "date_maturity:min",
]


class TestBillingReports(BillingCommon):
    """Posted property invoices of the three payers, as of today (T):

    ========  ====  =====================  ===========  ========  =========
    invoice   unit  lines                  due          paid      residual
    ========  ====  =====================  ===========  ========  =========
    zhang     A1    management 200,        T − 40       all       0
                    parking 300
    zhang_2   A1    paid service 80        T − 30       —         80
    zhang_3   A1    waste removal 40       T − 31       —         40
    li        A2    management 400,        T            250       250
                    water 100
    li_2      A2    parking 70             T − 365      —         70
    wang      B1    management 300         T − 100      credit    200
                                                        note 100
    refund    B1    management −100        T − 100      (matched  0
                                                        with wang)
    wang_2    B1    water 60               T − 366      —         60
    ========  ====  =====================  ===========  ========  =========

    Billed 1450, collected 750, outstanding 700.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        ref = cls.env.ref
        fee_service = ref("property_billing.product_fee_service")
        fee_waste = ref("property_billing.product_fee_waste")
        january = (date(2025, 1, 1), date(2025, 1, 31))
        december = (date(2024, 12, 1), date(2024, 12, 31))

        cls.zhang = cls.invoice(
            cls.unit_a1,
            cls.owner_zhang,
            [(cls.fee_management, 200.0, january), (cls.fee_parking, 300.0, january)],
            due_days=40,
        )
        cls.zhang_2 = cls.invoice(cls.unit_a1, cls.owner_zhang, [(fee_service, 80.0)], 30)
        cls.zhang_3 = cls.invoice(cls.unit_a1, cls.owner_zhang, [(fee_waste, 40.0)], 31)
        cls.li = cls.invoice(
            cls.unit_a2,
            cls.owner_li,
            [(cls.fee_management, 400.0, january), (cls.fee_water, 100.0, january)],
            due_days=0,
        )
        cls.li_2 = cls.invoice(cls.unit_a2, cls.owner_li, [(cls.fee_parking, 70.0)], 365)
        cls.wang = cls.invoice(
            cls.unit_b1, cls.tenant_wang, [(cls.fee_management, 300.0, january)], 100
        )
        cls.wang_2 = cls.invoice(
            cls.unit_b1, cls.tenant_wang, [(cls.fee_water, 60.0, december)], 366
        )
        # a credit note of 100 on Wang's management fee, matched with the invoice
        cls.refund = cls.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": cls.tenant_wang.id,
                "invoice_date": cls.wang.invoice_date,
                "invoice_date_due": cls.wang.invoice_date_due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.fee_management.id,
                            "quantity": 1.0,
                            "price_unit": 100.0,
                            "property_charge_id": cls.wang.invoice_line_ids.property_charge_id.id,
                        }
                    )
                ],
            }
        )
        cls.refund.action_post()
        (cls.wang | cls.refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()

        cls.pay(cls.zhang, 500.0)
        cls.pay(cls.li, 250.0)
        cls.moves = (
            cls.zhang
            | cls.zhang_2
            | cls.zhang_3
            | cls.li
            | cls.li_2
            | cls.wang
            | cls.wang_2
            | cls.refund
        )
        cls.domain = [("move_id", "in", cls.moves.ids)]

    @classmethod
    def invoice(cls, unit, payer, lines, due_days):
        """Post an invoice of `unit` due `due_days` ago; `lines` are (fee, amount) or
        (fee, amount, (period start, period end))."""
        charges = cls.env["property.charge"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": payer.id,
                    "product_id": fee.id,
                    "price_unit": amount,
                    "period_start": period[0][0] if period else False,
                    "period_end": period[0][1] if period else False,
                }
                for fee, amount, *period in lines
            ]
        )
        due = cls.today - timedelta(days=due_days)
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": payer.id,
                "invoice_date": due - timedelta(days=15),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": charge.product_id.id,
                            "quantity": 1.0,
                            "price_unit": charge.price_unit,
                            "property_charge_id": charge.id,
                        }
                    )
                    for charge in charges
                ],
            }
        )
        move.action_post()
        charges.state = "invoiced"
        return move

    @classmethod
    def pay(cls, move, amount):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": amount, "payment_date": cls.today})._create_payments()

    def pivot(self, model, groupby, measures, domain=()):
        """The figures as the pivot view asks for them (lazy=False), by group value."""
        groups = self.env[model].read_group([*self.domain, *domain], measures, groupby, lazy=False)
        return {
            tuple(
                group[name][0] if isinstance(group[name], tuple) else group[name]
                for name in groupby
            ): group
            for group in groups
        }

    # ------------------------------------------------------------ the data set

    def test_data_set(self):
        self.assertIn(self.zhang.payment_state, ("paid", "in_payment"))
        self.assertFalse(self.zhang.amount_residual)
        self.assertEqual(self.li.payment_state, "partial")
        self.assertEqual(self.li.amount_residual, 250.0)
        self.assertEqual(self.wang.amount_residual, 200.0)
        self.assertEqual(self.wang_2.invoice_date_due, self.today - timedelta(days=366))
        self.assertEqual(set(self.moves.mapped("property_estate_id")), {self.estate})

    # -------------------------------------------------------- collection rate

    def test_collection_by_estate(self):
        group = self.pivot("property.collection.report", ["estate_id"], PIVOT_MEASURES)[
            (self.estate.id,)
        ]
        self.assertAlmostEqual(group["amount_billed"], 1450.0)
        self.assertAlmostEqual(group["amount_collected"], 750.0)
        self.assertAlmostEqual(group["amount_outstanding"], 700.0)
        # collected / billed of the estate, not the mean of the lines' rates
        self.assertAlmostEqual(group["collection_rate"], 100 * 750 / 1450)
        rates = self.env["property.collection.report"].search(self.domain).mapped("collection_rate")
        self.assertNotAlmostEqual(sum(rates) / len(rates), 100 * 750 / 1450, places=1)

    def test_collection_by_fee_type(self):
        groups = self.pivot("property.collection.report", ["fee_kind"], PIVOT_MEASURES)
        figures = {
            kind: (g["amount_billed"], g["amount_collected"], g["collection_rate"])
            for (kind,), g in groups.items()
        }
        expected = {
            # Li paid half of her invoice: half of each of its fees
            "management": (200 + 400 + 300 - 100, 200 + 200 + 100 - 100, 50.0),
            "parking": (370.0, 300.0, 100 * 300 / 370),
            "water": (160.0, 50.0, 100 * 50 / 160),
            "service": (80.0, 0.0, 0.0),
            "waste": (40.0, 0.0, 0.0),
        }
        self.assertEqual(set(figures), set(expected))
        for kind, values in expected.items():
            for value, expected_value in zip(figures[kind], values, strict=True):
                self.assertAlmostEqual(value, expected_value, msg=kind)

    def test_collection_by_building_and_period(self):
        groups = self.pivot(
            "property.collection.report", ["building_id", "period_date:month"], PIVOT_MEASURES
        )
        january_a = groups[(self.building_a.id, "January 2025")]
        self.assertAlmostEqual(january_a["amount_billed"], 1000.0)
        self.assertAlmostEqual(january_a["collection_rate"], 75.0)
        january_b = groups[(self.building_b.id, "January 2025")]
        self.assertAlmostEqual(january_b["amount_billed"], 200.0)
        self.assertAlmostEqual(january_b["amount_outstanding"], 200.0)
        self.assertAlmostEqual(january_b["collection_rate"], 0.0)
        december_b = groups[(self.building_b.id, "December 2024")]
        self.assertAlmostEqual(december_b["amount_billed"], 60.0)

    def test_collection_groups_of_list_and_graph(self):
        """List group rows and the graph go through web_read_group (lazy)."""
        result = self.env["property.collection.report"].web_read_group(
            self.domain, ["amount_billed:sum", "collection_rate:avg"], ["partner_id"]
        )
        rates = {g["partner_id"][0]: g["collection_rate"] for g in result["groups"]}
        self.assertAlmostEqual(rates[self.owner_zhang.id], 100 * 500 / 620)
        self.assertAlmostEqual(rates[self.owner_li.id], 100 * 250 / 570)
        self.assertAlmostEqual(rates[self.tenant_wang.id], 0.0)

    def test_collection_by_unit_with_orm_read_group(self):
        Report = self.env["property.collection.report"]
        rows = Report._read_group(
            self.domain,
            ["unit_id"],
            ["amount_billed:sum", "amount_outstanding:sum", "collection_rate:avg"],
            order="collection_rate:avg desc",
        )
        self.assertEqual(
            [(unit, round(rate, 2)) for unit, __, __, rate in rows],
            [(self.unit_a1, 80.65), (self.unit_a2, 43.86), (self.unit_b1, 0.0)],
        )
        self.assertEqual([outstanding for __, __, outstanding, __ in rows], [120.0, 320.0, 260.0])

    # ----------------------------------------------------------------- ageing

    def test_ageing_by_payer(self):
        groups = self.pivot("property.arrears.report", ["partner_id"], AGEING_MEASURES)
        buckets = [
            "amount_not_due",
            "amount_1_30",
            "amount_31_90",
            "amount_91_180",
            "amount_181_365",
            "amount_over_365",
            "amount_residual",
        ]
        expected = {
            self.owner_zhang: ([0, 80, 40, 0, 0, 0, 120], 31),
            self.owner_li: ([250, 0, 0, 0, 70, 0, 320], 365),
            self.tenant_wang: ([0, 0, 0, 200, 0, 60, 260], 366),
        }
        self.assertEqual(len(groups), 3, "the paid invoice and the credit note are closed")
        for payer, (amounts, days) in expected.items():
            group = groups[(payer.id,)]
            self.assertEqual([group[name] for name in buckets], amounts, payer.name)
            self.assertEqual(group["days_overdue"], days, payer.name)
            self.assertEqual(group["date_maturity"], self.today - timedelta(days=days), payer.name)

    def test_ageing_by_unit_and_fee(self):
        Report = self.env["property.arrears.report"]
        rows = Report._read_group(
            [*self.domain, ("unit_id", "=", self.unit_a2.id)],
            ["fee_kind"],
            ["amount_residual:sum", "amount_not_due:sum"],
        )
        # Li's half-paid invoice: what is left is shared among its fees
        self.assertEqual(
            {kind: (residual, not_due) for kind, residual, not_due in rows},
            {"management": (200.0, 200.0), "water": (50.0, 50.0), "parking": (70.0, 0.0)},
        )
        overdue = Report.search([*self.domain, ("days_overdue", ">", 90)])
        self.assertEqual(overdue.move_id, self.li_2 | self.wang | self.wang_2)
        (estate,) = Report._read_group(self.domain, [], ["amount_residual:sum"])
        self.assertAlmostEqual(estate[0], 700.0, msg="the collection report's outstanding")

    # ----------------------------------------------------------------- income

    def test_income_by_fee_kind(self):
        Report = self.env["property.income.report"]
        rows = Report._read_group(self.domain, ["fee_kind"], ["amount:sum"])
        self.assertEqual(
            dict(rows),
            {"management": 800.0, "parking": 370.0, "water": 160.0, "service": 80.0, "waste": 40.0},
        )
        refund = Report.search([("move_id", "=", self.refund.id)])
        self.assertEqual(refund.amount, -100.0)
        self.assertEqual(refund.estate_id, self.estate)
        groups = self.pivot("property.income.report", ["product_id", "date:month"], ["amount"])
        month = self.zhang.date.strftime("%B %Y")
        self.assertEqual(groups[(self.fee_parking.id, month)]["amount"], 300.0)

    # ----------------------------------------------------------------- access

    def test_other_company_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        user = new_test_user(
            self.env,
            "pb_other_manager",
            groups="property_base.group_property_manager,account.group_account_invoice",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        for model in (
            "property.collection.report",
            "property.arrears.report",
            "property.income.report",
        ):
            Report = self.env[model].with_user(user).with_context(allowed_company_ids=other.ids)
            self.assertFalse(Report.search([]), model)
            self.assertFalse(Report.read_group([], ["__count"], ["estate_id"]), model)
            # the manager of the company itself sees its figures
            self.assertTrue(self.env[model].with_user(self.manager).search(self.domain), model)

    def test_reports_for_managers_and_accountants(self):
        accountant = new_test_user(
            self.env,
            "pb_accountant",
            groups="account.group_account_invoice,base.group_allow_export",
        )
        menus = self.env.ref("property_billing.menu_property_collection_report")
        menus |= self.env.ref("property_billing.menu_property_arrears_report")
        menus |= self.env.ref("property_billing.menu_property_income_report")
        menus |= menus.parent_id | menus.parent_id.parent_id
        self.assertEqual(len(menus), 5, "the reports, Reporting and the application")
        for user in (self.manager, accountant):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertLessEqual(set(menus.ids), visible, user.login)
            groups = self.pivot_as(user, ["estate_id"])
            self.assertEqual(groups[0]["estate_id"][1], self.estate.display_name)
            Report = self.env["property.arrears.report"].with_user(user)
            arrears = Report.search([*self.domain, ("estate_id", "ilike", "阳光")])
            self.assertEqual(len(arrears), 7, user.login)
        self.assertNotIn(
            self.env.ref("property_billing.menu_property_charge").id,
            self.env["ir.ui.menu"].with_user(accountant)._visible_menu_ids(),
        )
        staff_menus = self.env["ir.ui.menu"].with_user(self.staff)._visible_menu_ids()
        self.assertFalse(set(menus[:3].ids) & staff_menus, "staff do not see the figures")
        for model in (
            "property.collection.report",
            "property.arrears.report",
            "property.income.report",
        ):
            views = (
                self.env[model]
                .with_user(accountant)
                .get_views([(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")])
            )
            self.assertEqual(set(views["views"]), {"pivot", "graph", "list", "search"}, model)
        # the list export (XLSX) of an accountant, labels of related records included
        exported = arrears.export_data(["estate_id", "unit_id", "fee_kind", "amount_1_30"])
        self.assertIn(["阳光花园", "A1-1203", "Paid Service", 80.0], exported["datas"])

    def pivot_as(self, user, groupby):
        return (
            self.env["property.collection.report"]
            .with_user(user)
            .read_group(self.domain, PIVOT_MEASURES, groupby, lazy=False)
        )
