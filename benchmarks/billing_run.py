#!/usr/bin/env python3
"""A monthly billing run at scale, against the floor of Odoo's own invoicing.

    python3 benchmarks/billing_run.py TENANT [--units 10000] [--chunk 200]

Use a throwaway tenant (`./propctl tenant create bench`): the set-up is committed in it.
Creates UNITS units with an owner each, a monthly management fee (per m²) and parking
fee (fixed), and commits them. Then, each in its own transaction rolled back and
followed by VACUUM ANALYZE, so that both start from the same database: as the floor,
the same two-line invoices created and posted with plain `account.move` batch create +
`action_post` in chunks of the same size; and one billing run for the month. Prints
both and their ratio (target: run ≤ 1.25 × floor).
"""

import argparse
import os
import sys
import time
from datetime import date

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))


def set_up(env, count):
    """Units with an owner each, paying a management fee (per m²) and a parking fee."""
    tag = time.strftime("%Y%m%d%H%M%S")
    estate = env["property.estate"].create({"name": f"基准测试小区 {tag}", "code": f"B{tag}"})
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
            for i in range(count)
        ]
    )
    owners = env["res.partner"].create([{"name": f"业主{i:05d}"} for i in range(count)])
    env["property.occupancy"].create(
        [
            {"unit_id": u.id, "partner_id": o.id, "role": "owner", "is_payer": True}
            for u, o in zip(units, owners, strict=True)
        ]
    )
    Plan = env["property.rate.plan"]
    plans = Plan.create(
        [
            {
                "name": "管理费",
                "estate_id": estate.id,
                "product_id": env.ref("property_billing.product_fee_management").id,
                "basis": "building_area",
                "price": 2.5,
                "date_from": date(2020, 1, 1),
            },
            {
                "name": "停车费",
                "estate_id": estate.id,
                "product_id": env.ref("property_billing.product_fee_parking").id,
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
    return estate.id, units.ids, owners.ids


def floor(env, unit_ids, owner_ids, chunk):
    """Odoo's own batch invoicing of the same lines: create + action_post per chunk, with
    the same cache handling as the billing run (fresh records, cache emptied)."""
    from odoo.fields import Command

    management = env.ref("property_billing.product_fee_management")
    parking = env.ref("property_billing.product_fee_parking")
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    count = 0
    for index in range(0, len(owner_ids), chunk):
        units = env["property.unit"].browse(unit_ids[index : index + chunk])
        owners = env["res.partner"].browse(owner_ids[index : index + chunk])
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
                for unit, owner in zip(units, owners, strict=True)
            ]
        )
        moves.action_post()
        count += len(moves)
        env.invalidate_all()
    env.flush_all()
    return count


def billing_run(env, estate_id, chunk):
    run = env["property.billing.run"].create(
        {
            "period_start": date(2026, 6, 1),
            "period_end": date(2026, 6, 30),
            "estate_ids": [estate_id],
            "chunk_size": chunk,
        }
    )
    run._process()
    env.flush_all()
    return run.invoice_count


def vacuum(odoo, tenant):
    """Clear what the previous, rolled-back transaction left in the tables."""
    connection = odoo.sql_db.db_connect(tenant).cursor()
    try:
        connection._cnx.autocommit = True
        connection.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--units", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=200)
    args = parser.parse_args()

    from propctl import odoo_env

    odoo = odoo_env.load()
    registry = odoo.modules.registry.Registry(args.tenant)

    def timed(step, *step_args):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            started = time.perf_counter()
            count = step(env, *step_args)
            seconds = time.perf_counter() - started
            cr.rollback()
        vacuum(odoo, args.tenant)
        return count, seconds

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        estate_id, unit_ids, owner_ids = set_up(env, args.units)
        cr.commit()
    print(f"set-up:              {args.units} units in {time.perf_counter() - started:.1f} s")
    vacuum(odoo, args.tenant)

    floor_count, floor_seconds = timed(floor, unit_ids, owner_ids, args.chunk)
    print(f"floor (plain Odoo):  {floor_count} invoices in {floor_seconds:.1f} s")
    run_count, run_seconds = timed(billing_run, estate_id, args.chunk)
    print(f"billing run:         {run_count} invoices in {run_seconds:.1f} s")

    run_ms = 1000 * run_seconds / run_count
    floor_ms = 1000 * floor_seconds / floor_count
    print(f"ms per invoice:      run {run_ms:.1f}, floor {floor_ms:.1f}")
    print(f"ratio run / floor:   {run_ms / floor_ms:.2f} (target <= 1.25)")


if __name__ == "__main__":
    main()
