from datetime import date

from odoo.addons.property_base.tests.common import PropertyCommon


class BillingCommon(PropertyCommon):
    """Two units of building A1 (98.5 and 120 m²) and one of B1 (75 m²) with payers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fee_management = cls.env.ref("property_billing.product_fee_management")
        cls.fee_parking = cls.env.ref("property_billing.product_fee_parking")
        cls.fee_water = cls.env.ref("property_billing.product_fee_water")
        cls.without_bank_account(cls.env.company)
        cls.occupy(cls.unit_a1, cls.owner_zhang, is_payer=True, date_from=date(2020, 1, 1))
        cls.occupy(cls.unit_a2, cls.owner_li, is_payer=True, date_from=date(2020, 1, 1))
        cls.occupy(cls.unit_b1, cls.tenant_wang, is_payer=True, date_from=date(2020, 1, 1))

    @classmethod
    def without_bank_account(cls, company):
        """The company has no bank account, as a new tenant until its accountant sets
        one on a bank journal (the test database's Chinese chart has none; Odoo's generic
        chart, which a fresh database gets, has one in its demo data)."""
        cls.env["account.journal"].search(
            [
                ("company_id", "=", company.id),
                ("type", "=", "bank"),
                ("bank_account_id", "!=", False),
            ]
        ).bank_account_id = False
        company.partner_id.bank_ids.active = False

    @classmethod
    def plan(cls, product, basis, price, **values):
        return cls.env["property.rate.plan"].create(
            {
                "name": f"{product.name} {basis}",
                "estate_id": cls.estate.id,
                "product_id": product.id,
                "basis": basis,
                "price": price,
                "date_from": date(2020, 1, 1),
                **values,
            }
        )

    @classmethod
    def tiered_water(cls, unit):
        """A tiered water rate (3.00 up to 20 m³, then 4.50) and a water meter of `unit`
        reading 30 m³ in June 2026: a consumption across both tiers."""
        meter = cls.env["property.meter"].create(
            {"name": f"W-{unit.code}", "meter_type": "water", "unit_id": unit.id}
        )
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "value": 100, "date": date(2026, 5, 31)},
                {"meter_id": meter.id, "value": 130, "date": date(2026, 6, 30)},
            ]
        )
        return cls.plan(
            cls.fee_water,
            "metered",
            3.0,
            meter_type="water",
            tier_ids=[
                (0, 0, {"quantity_from": 0, "price": 3.0}),
                (0, 0, {"quantity_from": 20, "price": 4.5}),
            ],
        )

    @classmethod
    def schedule(cls, unit, plans, **values):
        return cls.env["property.billing.schedule"].create(
            {
                "unit_id": unit.id,
                "date_start": date(2020, 1, 1),
                "rate_plan_ids": [(6, 0, plans.ids)],
                **values,
            }
        )

    @classmethod
    def bill(cls, period_start, period_end, **values):
        """Run the billing of a period; return the invoices it posted."""
        run = cls.env["property.billing.run"].create(
            {
                "period_start": period_start,
                "period_end": period_end,
                "invoice_date": period_start,
                "estate_ids": [(6, 0, cls.estate.ids)],
                **values,
            }
        )
        run.action_start()
        run._process()  # what the cron does in the background
        return run.invoice_ids
