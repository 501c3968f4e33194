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
        cls.occupy(cls.unit_a1, cls.owner_zhang, is_payer=True, date_from=date(2020, 1, 1))
        cls.occupy(cls.unit_a2, cls.owner_li, is_payer=True, date_from=date(2020, 1, 1))
        cls.occupy(cls.unit_b1, cls.tenant_wang, is_payer=True, date_from=date(2020, 1, 1))

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
