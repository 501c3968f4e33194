#!/usr/bin/env python3
"""A monthly billing run at scale, against the floor of Odoo's own invoicing.

    python3 benchmarks/billing_run.py TENANT [--units 2000 10000] [--chunk 200] [--rounds 4]

Use a throwaway tenant (`./propctl tenant create bench`): the set-up is committed in it.
For each number of units: that many units with an owner each, a monthly management fee
(per m²) and parking fee (fixed), committed in the tenant; the same owners and two
untaxed service products in *plain Odoo*, a database with the Odoo modules under the
addons and none of ours (`propctl_bench_plain`, built once: `tenants.odoo_modules()`).
Then, on the same data:

- plain floor: the same two-line invoices created and posted with `account.move`
  batch create + `action_post`, chunk by chunk, in plain Odoo;
- tenant floor: the same, in the tenant;
- billing run, 1 worker, then 2 workers: the run as the product does it, *Run* then the
  billing crons run by that many runner processes (as `propctl cron --processes`),
  timed from *Run* to done.

Each on a fresh copy of the database (vacuumed), committing chunk by chunk.

The four are measured in turn, round after round, every other round in reverse, so
that the machine's drift hits them all alike. Prints the median time and the queries
per invoice of each, and (the median of each round's ratio) the ratios the issue set
as targets: tenant floor ≤ 1.03 × plain floor, run (1 worker) ≤ 1.05 ×
plain floor, 2 workers ≤ 0.7 × 1 worker.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))

PLAIN = "propctl_bench_plain"
COPY = "propctl_bench_copy"
PERIOD = date(2026, 6, 1), date(2026, 6, 30)


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
    return {
        "estate_id": estate.id,
        "owner_ids": owners.ids,
        "areas": units.mapped("building_area"),
        "products": [
            env.ref("property_billing.product_fee_management").id,
            env.ref("property_billing.product_fee_parking").id,
        ],
    }


def set_up_plain(env, count):
    """The same owners and two untaxed service products (the fees have no tax)."""
    from odoo.fields import Command

    owners = env["res.partner"].create([{"name": f"业主{i:05d}"} for i in range(count)])
    products = env["product.product"].create(
        [
            {"name": name, "type": "service", "taxes_id": [Command.clear()]}
            for name in ("管理费", "停车费")
        ]
    )
    env.flush_all()
    return {
        "owner_ids": owners.ids,
        "areas": [80 + i % 60 for i in range(count)],
        "products": products.ids,
    }


def floor(env, data, chunk):
    """Odoo's own batch invoicing of the same lines: create + action_post per chunk,
    committed and the cache emptied after each, as the billing run does."""
    from odoo.fields import Command

    management, parking = data["products"]
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    count = 0
    for index in range(0, len(data["owner_ids"]), chunk):
        owner_ids = data["owner_ids"][index : index + chunk]
        areas = data["areas"][index : index + chunk]
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": owner_id,
                    "journal_id": journal.id,
                    "invoice_date": PERIOD[1],
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": management, "quantity": area, "price_unit": 2.5}
                        ),
                        Command.create({"product_id": parking, "quantity": 1, "price_unit": 300}),
                    ],
                }
                for owner_id, area in zip(owner_ids, areas, strict=True)
            ]
        )
        moves.action_post()
        count += len(moves)
        env.cr.commit()
        env.invalidate_all()
    return count


def timed_floor(odoo, dbname, data, chunk):
    """(invoices, seconds, queries) of the floor on a copy of `dbname`."""
    registry = fresh_copy(odoo, dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        queries = odoo.sql_db.sql_counter
        started = time.perf_counter()
        count = floor(env, data, chunk)
        seconds = time.perf_counter() - started
        queries = odoo.sql_db.sql_counter - queries
    drop_copy(odoo)
    return count, seconds, queries


def fresh_copy(odoo, dbname):
    """The registry of a new copy of `dbname` (COPY), vacuumed as `dbname` is: each
    measure starts from the same database and commits as it goes, as a billing run does.

    PostgreSQL copies it file by file, with a checkpoint before and after: nothing of the
    copy is left to write while the measure runs (its default copy logs every page and
    writes them back later, more of them for the larger tenant), and every measure
    starts as far from the next timed checkpoint."""
    from odoo.tools import SQL

    from propctl import tenants

    odoo.sql_db.close_db(dbname)
    odoo.modules.registry.Registry.delete(dbname)
    if database_exists(odoo, COPY):
        tenants.drop_database(COPY)
    cursor = odoo.sql_db.db_connect("postgres").cursor()
    try:
        cursor._cnx.autocommit = True
        cursor.execute(
            SQL(
                "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY",
                SQL.identifier(COPY),
                SQL.identifier(dbname),
            )
        )
    finally:
        cursor.close()
    return odoo.modules.registry.Registry(COPY)


def drop_copy(odoo):
    from propctl import tenants

    odoo.sql_db.close_db(COPY)
    odoo.modules.registry.Registry.delete(COPY)
    tenants.drop_database(COPY)


def vacuum(odoo, dbname):
    """Clear what the previous, rolled-back transaction left in the tables."""
    cursor = odoo.sql_db.db_connect(dbname).cursor()
    try:
        cursor._cnx.autocommit = True
        cursor.execute("VACUUM ANALYZE")
    finally:
        cursor.close()


def database_exists(odoo, dbname):
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        return bool(cr.fetchone())


def billing_run(odoo, tenant, data, chunk, workers):
    """Bill the period on a copy of `tenant` with `workers` runner processes, each
    running the billing crons as `propctl cron` does: (invoices, seconds from *Run* to
    done, queries of the workers)."""
    registry = fresh_copy(odoo, tenant)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        from odoo.addons.property_billing.models.property_billing_run import SHARE_CRONS

        billing = env["ir.cron"].browse(env.ref(xmlid).id for xmlid in SHARE_CRONS)
        # nothing else runs meanwhile: only the billing jobs are measured
        (env["ir.cron"].search([]) - billing).active = False
        run = env["property.billing.run"].create(
            {
                "period_start": PERIOD[0],
                "period_end": PERIOD[1],
                "invoice_date": PERIOD[1],
                "estate_ids": [data["estate_id"]],
                "chunk_size": chunk,
            }
        )
    vacuum(odoo, COPY)
    script = os.path.abspath(__file__)
    runners = [
        subprocess.Popen(
            [sys.executable, script, "--runner", COPY, str(run.id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for runner in runners:  # each has loaded the registry
        runner.stdout.readline()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        env["property.billing.run"].browse(run.id).action_start()
    for runner in runners:  # the run is queued: go
        runner.stdin.write("go\n")
        runner.stdin.flush()
    while True:
        with registry.cursor() as cr:
            cr.execute("SELECT state FROM property_billing_run WHERE id = %s", [run.id])
            if cr.fetchone()[0] in ("done", "draft"):
                break
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    queries = sum(int(runner.communicate()[0].split()[-1]) for runner in runners)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        invoices = env["property.billing.run"].browse(run.id).invoice_count
    drop_copy(odoo)
    return invoices, seconds, queries


def runner(dbname, run_id):
    """A runner process: run the due jobs of `dbname` until billing run `run_id` is
    done (as `propctl cron` does, without waiting between walks); print the queries."""
    import odoo

    from odoo.addons.base.models.ir_cron import ir_cron

    registry = odoo.modules.registry.Registry(dbname)
    print("ready", flush=True)
    sys.stdin.readline()
    queries = odoo.sql_db.sql_counter
    while True:
        ir_cron._process_jobs(dbname)
        with registry.cursor() as cr:
            cr.execute("SELECT state FROM property_billing_run WHERE id = %s", [run_id])
            if cr.fetchone()[0] in ("done", "draft"):
                break
        time.sleep(0.05)
    print(odoo.sql_db.sql_counter - queries, flush=True)


def build_plain(odoo):
    from propctl import tenants

    print(f"building {PLAIN}: {', '.join(tenants.odoo_modules())}")
    tenants._build_template(PLAIN, "zh_CN", False, modules=tenants.odoo_modules())
    odoo.modules.registry.Registry.delete(PLAIN)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant", nargs="?")
    parser.add_argument("--units", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--chunk", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runner", nargs=2, metavar=("DB", "RUN"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    from propctl import odoo_env

    odoo = odoo_env.load()
    odoo.tools.config["log_level"] = "warn"
    odoo.netsvc.init_logger()
    if args.runner:
        return runner(args.runner[0], int(args.runner[1]))
    if not database_exists(odoo, PLAIN):
        build_plain(odoo)

    measures = {
        "plain floor": lambda data, plain: timed_floor(odoo, PLAIN, plain, args.chunk),
        "tenant floor": lambda data, plain: timed_floor(odoo, args.tenant, data, args.chunk),
        "billing run, 1 worker": lambda data, plain: billing_run(
            odoo, args.tenant, data, args.chunk, 1
        ),
        "billing run, 2 workers": lambda data, plain: billing_run(
            odoo, args.tenant, data, args.chunk, 2
        ),
    }
    for count in args.units:
        print(f"{count} units, chunks of {args.chunk} payers, {args.rounds} round(s)")
        data = {}
        for dbname, make in ((args.tenant, set_up), (PLAIN, set_up_plain)):
            registry = odoo.modules.registry.Registry(dbname)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
                data[dbname] = make(env, count)
            vacuum(odoo, dbname)
        results = {label: [] for label in measures}
        for number in range(args.rounds):
            # Interleaved, and every other round in reverse order: a drift of the
            # machine (seen: the same measure 25 % slower ten minutes later) hits every
            # measure alike instead of those measured last in each round.
            labels = list(measures) if number % 2 == 0 else list(reversed(measures))
            for label in labels:
                invoices, seconds, queries = measures[label](data[args.tenant], data[PLAIN])
                results[label].append((1000 * seconds / invoices, queries / invoices))
                print(
                    f"  round {number + 1} {label:<22} {invoices:>6} invoices {seconds:7.1f} s",
                    flush=True,
                )
        ms = {label: statistics.median(ms for ms, _ in runs) for label, runs in results.items()}
        for label, runs in results.items():
            print(
                f"  {label:<22} {ms[label]:6.1f} ms/invoice (median) "
                f"{statistics.median(q for _, q in runs):5.1f} queries/invoice"
            )

        def ratio(label, base, results=results):
            """The median of the rounds' ratios: each compares measures minutes apart."""
            return statistics.median(
                mine[0] / theirs[0]
                for mine, theirs in zip(results[label], results[base], strict=True)
            )

        print(
            f"  ratios (median of the rounds'): tenant floor / plain floor "
            f"{ratio('tenant floor', 'plain floor'):.2f} (target <= 1.03), "
            f"run / plain floor {ratio('billing run, 1 worker', 'plain floor'):.2f} (<= 1.05), "
            f"2 workers / 1 worker "
            f"{ratio('billing run, 2 workers', 'billing run, 1 worker'):.2f} (<= 0.7)",
            flush=True,
        )


if __name__ == "__main__":
    main()
