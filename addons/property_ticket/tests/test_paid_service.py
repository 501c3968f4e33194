from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestPaidService(TicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.service_ac = Product.create(
            {
                "name": "空调清洗",
                "type": "service",
                "property_fee_kind": "service",
                "taxes_id": [(5, 0, 0)],
            }
        )
        cls.material_filter = Product.create(
            {"name": "空调滤网", "type": "consu", "list_price": 25.0, "taxes_id": [(5, 0, 0)]}
        )
        Price = cls.env["property.service.price"]
        cls.price_company = Price.create({"product_id": cls.service_ac.id, "price": 80.0})
        cls.price_estate = Price.create(
            {"product_id": cls.service_ac.id, "price": 70.0, "estate_id": cls.estate.id}
        )

    def paid_ticket(self, **values):
        values.setdefault("subject", "客厅空调清洗")
        return self.ticket(
            ticket_type="paid_service",
            category_id=self.category_appliance.id,
            user_id=self.technician.id,
            **values,
        )

    def test_estate_price_wins_over_the_company_price(self):
        Price = self.env["property.service.price"]
        self.assertEqual(Price._price_for(self.service_ac, self.estate), self.price_estate)
        other = self.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        self.assertEqual(Price._price_for(self.service_ac, other), self.price_company)
        self.assertIn("70.00", self.price_estate.display_name)

    def test_price_agreed_before_the_work(self):
        ticket = self.paid_ticket()
        ticket.with_user(self.desk).action_dispatch()
        with self.assertRaisesRegex(UserError, "agree the price with the customer"):
            ticket.with_user(self.technician).action_start()
        with self.assertRaisesRegex(UserError, "choose the service from the price list"):
            ticket.with_user(self.technician).action_confirm_price()
        with Form(ticket.with_user(self.technician)) as form:
            form.service_price_id = self.price_estate
            self.assertEqual(form.price_agreed, 70.0)
        ticket.with_user(self.technician).action_confirm_price()
        self.assertTrue(ticket.price_confirmed)
        ticket.with_user(self.technician).action_start()
        self.assertEqual(ticket.state, "in_progress")
        with self.assertRaisesRegex(UserError, "not a paid service"):
            self.ticket().with_user(self.desk).action_confirm_price()

    def test_accepted_paid_service_is_billed_on_the_next_notice(self):
        """Pending charge for the unit's payer citing the work order, then the billing
        run's invoice line citing it too."""
        ticket = self.paid_ticket(service_price_id=self.price_estate.id)
        self.env["property.ticket.material"].create(
            {
                "ticket_id": ticket.id,
                "product_id": self.material_filter.id,
                "quantity": 2,
                "chargeable": True,
            }
        )
        self.assertEqual(ticket.amount_total, 120.0)
        ticket.with_user(self.desk).action_dispatch()
        ticket.with_user(self.technician).action_confirm_price()
        ticket.with_user(self.technician).action_start()
        ticket.with_user(self.technician).action_done()
        self.sign(ticket)
        with self.at("2026-06-10 02:00:00"):
            ticket.with_user(self.desk).action_accept()
        charges = ticket.charge_ids
        self.assertEqual(len(charges), 2)
        self.assertEqual(set(charges.mapped("state")), {"pending"})
        self.assertEqual(charges.partner_id, self.owner_zhang, "the unit's payer")
        self.assertEqual(set(charges.mapped("origin")), {ticket.name})
        self.assertEqual(sorted(charges.mapped("amount")), [50.0, 70.0])
        self.assertEqual(charges.mapped("date"), [date(2026, 6, 10)] * 2)

        invoice = self.bill(date(2026, 7, 1), date(2026, 7, 31))
        self.assertEqual(len(invoice), 1)
        lines = invoice.invoice_line_ids.filtered(lambda line: line.property_charge_id in charges)
        self.assertEqual(len(lines), 2)
        for line in lines:
            self.assertIn(ticket.name, line.name)
            self.assertIn(self.unit_a1.code, line.name)
        self.assertEqual(sum(lines.mapped("price_subtotal")), 120.0)
        self.assertEqual(set(charges.mapped("state")), {"invoiced"})
        self.assertEqual(invoice.partner_id, self.owner_zhang)

    def test_paid_on_the_spot(self):
        ticket = self.paid_ticket(service_price_id=self.price_estate.id, payment_mode="on_spot")
        ticket.with_user(self.desk).action_dispatch()
        ticket.with_user(self.technician).action_confirm_price()
        ticket.with_user(self.technician).action_start()
        ticket.with_user(self.technician).action_done()
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        invoice = ticket.invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_total, 70.0)
        self.assertEqual(invoice.partner_id, self.tenant_wang, "the requester pays")
        self.assertEqual(invoice.invoice_origin, ticket.name)
        self.assertEqual(ticket.charge_ids.state, "invoiced")
        self.assertEqual(invoice.property_unit_id, self.unit_a1)
        # the next billing run does not bill it again
        self.assertFalse(self.bill(date(2026, 7, 1), date(2026, 7, 31)))

    def test_declined_request_counted_as_demand(self):
        ticket = self.paid_ticket(subject="代购吊灯并安装")
        with self.assertRaisesRegex(AccessError, "Only the service desk declines"):
            ticket.with_user(self.technician).action_decline(reason="不提供")
        ticket.with_user(self.desk).action_decline(reason="本公司不提供代购灯具服务")
        self.assertEqual(ticket.state, "cancelled")
        self.assertTrue(ticket.is_declined)
        self.assertEqual(ticket.decline_reason, "本公司不提供代购灯具服务")
        demand = self.env["property.ticket"].search([("is_declined", "=", True)])
        self.assertIn(ticket, demand)
        with self.assertRaisesRegex(UserError, "Only paid-service requests"):
            self.ticket().with_user(self.desk).action_decline(reason="x")

    def test_paid_service_needs_a_payer(self):
        ticket = self.paid_ticket(
            service_price_id=self.price_estate.id, unit_id=False, estate_id=self.estate.id
        )
        ticket.with_user(self.desk).action_confirm_price()
        self.run_to_done(ticket)
        with self.assertRaisesRegex(UserError, "the unit and its payer are needed"):
            ticket.with_user(self.desk).action_accept()
