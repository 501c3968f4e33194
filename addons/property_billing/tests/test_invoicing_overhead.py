import re
from datetime import date
from unittest.mock import patch

from odoo import sql_db
from odoo.fields import Command
from odoo.tests import tagged

from .common import BillingCommon

# a statement reading or writing a table of the property addons
PROPERTY_TABLE = re.compile(r'\b(FROM|JOIN|UPDATE|INTO)\s+"?property_')


@tagged("post_install", "-at_install")
class TestInvoicingOverhead(BillingCommon):
    """The property addons cost Odoo's own invoicing nothing (Issue 20: 8 more queries
    per invoice, looking for the handovers and renovations each one bills): creating
    and posting invoices that bill no unit touches no property table, with every addon
    installed (the shared test database); and a billing run adds no query per invoice
    to Odoo's invoicing of the same lines (it read each payer, then each unit, on its
    own before), nor writes the lines more often."""

    def statements(self, action):
        """The SQL statements that `action` runs, its writes included."""
        statements = []
        execute = sql_db.Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(sql_db.Cursor, "execute", spy):
            action()
            self.env.flush_all()
        return statements

    def property_statements(self, action):
        statements = self.statements(action)
        return [query for query in statements if PROPERTY_TABLE.search(query)]

    def test_plain_invoices_touch_no_property_table(self):
        product = self.env["product.product"].create({"name": "咨询服务", "type": "service"})
        partners = self.env["res.partner"].create([{"name": f"客户{i}"} for i in range(5)])

        def invoice():
            moves = self.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": date(2026, 6, 30),
                        "invoice_line_ids": [
                            Command.create({"product_id": product.id, "price_unit": 100.0})
                        ],
                    }
                    for partner in partners
                ]
            )
            moves.action_post()

        self.env.invalidate_all()
        self.assertEqual(self.property_statements(invoice), [])

    def new_estate(self, count):
        """An estate of `count` units with a payer each, billed a management fee (per
        m²) and a parking fee: two lines per invoice."""
        estate = self.env["property.estate"].create(
            {"name": f"测试小区{count}", "code": f"T{count}"}
        )
        building = self.env["property.building"].create({"name": "1栋", "estate_id": estate.id})
        units = self.env["property.unit"].create(
            [
                {
                    "code": f"T{count}-{i:03d}",
                    "estate_id": estate.id,
                    "building_id": building.id,
                    "building_area": 80 + i,
                    "inner_area": 60,
                }
                for i in range(count)
            ]
        )
        payers = self.env["res.partner"].create([{"name": f"业主{i}"} for i in range(count)])
        for unit, payer in zip(units, payers, strict=True):
            self.occupy(unit, payer, is_payer=True, date_from=date(2020, 1, 1))
        fees = self.plan(self.fee_management, "building_area", 2.5, estate_id=estate.id)
        fees |= self.plan(self.fee_parking, "fixed", 300.0, estate_id=estate.id)
        for unit in units:
            self.schedule(unit, fees)
        return estate, units, payers

    def cold_statements(self, action):
        """The statements of `action` from an empty cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        return self.statements(action)

    def test_a_billing_run_adds_no_query_per_invoice_to_odoo_invoicing(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1
        )

        def odoo_invoicing(units, payers):
            """Odoo's invoicing of the same lines, called as the run calls it (its
            journal, due date and payers' fiscal positions read at once)."""
            payers.fetch(["property_account_position_id"])
            moves = self.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": payer.id,
                        "journal_id": journal.id,
                        "invoice_date": date(2026, 6, 30),
                        "invoice_date_due": date(2026, 6, 30),
                        "invoice_payment_term_id": False,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self.fee_management.id,
                                    "quantity": unit.building_area,
                                    "price_unit": 2.5,
                                }
                            ),
                            Command.create(
                                {"product_id": self.fee_parking.id, "price_unit": 300.0}
                            ),
                        ],
                    }
                    for unit, payer in zip(units, payers, strict=True)
                ]
            )
            moves.action_post()

        def line_updates(statements):
            return sum(
                query.lstrip().startswith('UPDATE "account_move_line"') for query in statements
            )

        overheads = []
        for count in (2, 3, 6):  # the first one warms the caches
            estate, units, payers = self.new_estate(count)
            run = self.env["property.billing.run"].create(
                {
                    "period_start": date(2026, 6, 1),
                    "period_end": date(2026, 6, 30),
                    "estate_ids": [Command.set(estate.ids)],
                }
            )
            # charging, then invoicing from an empty cache, as every chunk of a run
            # after its first one starts
            billing = self.cold_statements(lambda run=run: run._process(max_chunks=0))
            billing += self.cold_statements(run._process)
            self.assertEqual(run.invoice_count, count)
            floor = self.cold_statements(
                lambda units=units, payers=payers: odoo_invoicing(units, payers)
            )
            overheads.append(len(billing) - len(floor))
            # A search before the invoices are written writes the fields it reads on
            # their own: another version of each line and of its indexes.
            self.assertEqual(
                line_updates(billing), line_updates(floor), "invoice lines written more often"
            )
        self.assertEqual(overheads[2], overheads[1], "the run's queries beyond Odoo's")

    def test_no_property_field_follows_the_amounts_of_invoices(self):
        """Each time an invoice line's amounts change, Odoo walks the fields that depend
        on them, for every invoice. None of the property addons' is among them: the
        arrears a notice prints are other notices' (five fields of its own were, with
        their copies on bank statement lines), and the handovers, renovations and
        dunning letters that follow an invoice's payment are told by the invoice
        (`_property_payment_followers`; eight fields were, under 200 paths each)."""

        def fields_of(tree):
            yield from tree.root
            for subtree in tree.values():
                yield from fields_of(subtree)

        registry = self.env.registry
        residual = self.env["account.move.line"]._fields["amount_residual"]
        followers = {
            f"{field.model_name}.{field.name}"
            for field in fields_of(registry.get_field_trigger_tree(residual))
            if field.name.startswith("property_") or field.model_name.startswith("property.")
        }
        self.assertEqual(followers, set())
