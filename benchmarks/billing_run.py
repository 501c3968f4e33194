#!/usr/bin/env python3
"""A monthly billing run at scale, against the floor of Odoo's own invoicing.

    python3 benchmarks/billing_run.py TENANT [--units 10000] [--chunk 200]

In the tenant's database (everything is rolled back at the end): creates UNITS units with
an owner each, a monthly management fee (per m²) and parking fee (fixed). Then, as the
floor, creates and posts the same two-line invoices with plain `account.move` batch
create + `action_post`, in chunks of the same size, and rolls them back; then runs one
billing run for the month from the same starting point. Prints both and their ratio
(target: run ≤ 1.25 × floor).
"""

import argparse
import os
import sys
import time
from datetime import date

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--units", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=200)
    args = parser.parse_args()

    from propctl import odoo_env

    odoo = odoo_env.load()
    from odoo.fields import Command

    registry = odoo.modules.registry.Registry(args.tenant)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        estate = env["property.estate"].create({"name": "基准测试小区", "code": "BENCH"})
        building = env["property.building"].create({"name": "1栋", "estate_id": estate.id})
        units = env["property.unit"].create(
            [
                {
                    "code": f"B-{i:05d}",
                    "estate_id": estate.id,
                    "building_id": building.id,
                    "building_area": 80 + i % 60,
                    "inner_area": 60,
                }
                for i in range(args.units)
            ]
        )
        owners = env["res.partner"].create([{"name": f"业主{i:05d}"} for i in range(args.units)])
        env["property.occupancy"].create(
            [
                {"unit_id": u.id, "partner_id": o.id, "role": "owner", "is_payer": True}
                for u, o in zip(units, owners, strict=True)
            ]
        )
        management = env.ref("property_billing.product_fee_management")
        parking = env.ref("property_billing.product_fee_parking")
        Plan = env["property.rate.plan"]
        plans = Plan.create(
            [
                {
                    "name": "管理费",
                    "estate_id": estate.id,
                    "product_id": management.id,
                    "basis": "building_area",
                    "price": 2.5,
                    "date_from": date(2020, 1, 1),
                },
                {
                    "name": "停车费",
                    "estate_id": estate.id,
                    "product_id": parking.id,
                    "basis": "fixed",
                    "price": 300,
                    "date_from": date(2020, 1, 1),
                },
            ]
        )
        env["property.billing.schedule"].create(
            [
                {"unit_id": u.id, "date_start": date(2020, 1, 1), "rate_plan_ids": plans.ids}
                for u in units
            ]
        )
        env.flush_all()
        print(f"set-up:              {args.units} units in {time.perf_counter() - started:.1f} s")

        # The floor first, then rolled back: both start from the same database.
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
        )
        cr.execute("SAVEPOINT floor")
        unit_ids, owner_ids = units.ids, owners.ids
        env.invalidate_all()
        started = time.perf_counter()
        floor_count = 0
        for index in range(0, len(owner_ids), args.chunk):
            # Same chunking and cache handling as the billing run: fresh records, cache
            # emptied after each chunk.
            chunk_units = env["property.unit"].browse(unit_ids[index : index + args.chunk])
            chunk_owners = env["res.partner"].browse(owner_ids[index : index + args.chunk])
            moves = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": owner.id,
                        "journal_id": journal.id,
                        "invoice_date": date(2026, 6, 30),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": management.id,
                                    "quantity": unit.building_area,
                                    "price_unit": 2.5,
                                }
                            ),
                            Command.create(
                                {"product_id": parking.id, "quantity": 1, "price_unit": 300}
                            ),
                        ],
                    }
                    for unit, owner in zip(chunk_units, chunk_owners, strict=True)
                ]
            )
            moves.action_post()
            floor_count += len(moves)
            env.invalidate_all()
        env.flush_all()
        floor_seconds = time.perf_counter() - started
        print(f"floor (plain Odoo):  {floor_count} invoices in {floor_seconds:.1f} s")
        cr.execute("ROLLBACK TO SAVEPOINT floor")
        env.invalidate_all()

        run = env["property.billing.run"].create(
            {
                "period_start": date(2026, 6, 1),
                "period_end": date(2026, 6, 30),
                "estate_ids": estate.ids,
                "chunk_size": args.chunk,
            }
        )
        started = time.perf_counter()
        run._process()
        env.flush_all()
        run_seconds = time.perf_counter() - started
        invoices = run.invoice_ids
        print(f"billing run:         {len(invoices)} invoices in {run_seconds:.1f} s")

        run_ms = 1000 * run_seconds / len(invoices)
        floor_ms = 1000 * floor_seconds / floor_count
        print(f"ms per invoice:      run {run_ms:.1f}, floor {floor_ms:.1f}")
        print(f"ratio run / floor:   {run_ms / floor_ms:.2f} (target <= 1.25)")
        cr.rollback()


if __name__ == "__main__":
    main()
