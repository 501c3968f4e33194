#!/usr/bin/env python3
"""A month of preventive maintenance orders for a large equipment register.

    python3 benchmarks/preventive_orders.py TENANT [--equipment 2000] [--estates 10]
        [--days 30] [--batch 500] [--config FILE]

Creates EQUIPMENT pieces of equipment of the six kinds of property_operations
(elevators, fire systems, pumps, power distribution, access control, CCTV) spread over
ESTATES estates, with two technicians, in one transaction. Then, twice from the same
start, once with one plan per kind for every estate (6 plans) and once with one plan
per kind and estate (6 × ESTATES plans), the kinds' default rhythm and lead time: runs
the scheduler (`_cron_generate_orders`) once a day for DAYS days, batch after batch
while it reports work remaining, as ir.cron does, then the job announcing the works
to the owners. Prints the orders made, seconds, the queries per scheduler call
(min / max), and the announcements made with the queries per daily run of their job:
they do not grow with the plans.
A plan for every estate also takes the tenant's own equipment of its kind (the demo's,
in a demo tenant). Everything is rolled back: any database with property_operations
installed will do (`--config` names the Odoo configuration file; default: propctl's).
"""

import time
from datetime import date, datetime, timedelta
from datetime import time as day_time

from bench_common import argument_parser, rolled_back_env

KINDS = ["elevator", "fire_system", "pump", "power_supply", "access_control", "cctv"]


def set_up(env, count, estate_count):
    tag = time.strftime("%Y%m%d%H%M%S")
    estates = env["property.estate"].create(
        [{"name": f"基准测试小区 {tag}-{i}", "code": f"T{tag}{i}"} for i in range(estate_count)]
    )
    kinds = [env.ref(f"property_operations.equipment_category_{kind}") for kind in KINDS]
    Users = env["res.users"].with_context(no_reset_password=True)
    technicians = Users.create(
        [
            {
                "name": f"维保技术员 {i}",
                "login": f"bench_ops_{tag}_{i}",
                "groups_id": [(6, 0, env.ref("property_operations.group_operations_engineer").ids)],
            }
            for i in range(2)
        ]
    )
    env["maintenance.equipment"].create(
        [
            {
                "name": f"设备 {i:05d}",
                "category_id": kinds[i % len(kinds)].id,
                "property_estate_id": estates[i % estate_count].id,
                "technician_user_id": technicians[i % 2].id,
            }
            for i in range(count)
        ]
    )
    env.flush_all()
    return estates, kinds


def make_plans(env, estates, kinds, per_estate, start):
    vals = []
    for kind in kinds:
        for estate in estates if per_estate else [env["property.estate"]]:
            vals.append(
                {
                    "name": f"{kind.name} {estate.name or ''}",
                    "category_id": kind.id,
                    "estate_id": estate.id,
                    "date_start": start,
                }
            )
    plans = env["property.maintenance.plan"].create(vals)
    env.flush_all()
    return plans


def run_month(env, start, days, batch):
    """The scheduler once a day, at 07:00 in the company's time zone, batch after batch
    while it reports work remaining."""
    from freezegun import freeze_time
    from freezegun.api import real_perf_counter  # the clock freeze_time leaves running

    Plan = env["property.maintenance.plan"]
    cron = env["ir.cron"]
    original = type(cron)._notify_progress
    progress = {}

    def notify(self, *, done, remaining, deactivate=False):
        progress.update(done=done, remaining=remaining)

    type(cron)._notify_progress = notify
    orders, calls, queries_per_call, seconds = 0, 0, [], 0.0
    announce_queries = []
    try:
        for offset in range(days):
            # 07:00 in Beijing is 23:00 UTC the day before
            clock = datetime.combine(start + timedelta(days=offset), day_time(23)) - timedelta(
                days=1
            )
            with freeze_time(clock):
                while True:
                    env.invalidate_all()
                    queries = env.cr.sql_log_count
                    started = real_perf_counter()
                    made = Plan._cron_generate_orders(batch_size=batch)
                    env.flush_all()
                    seconds += real_perf_counter() - started
                    calls += 1
                    queries_per_call.append(env.cr.sql_log_count - queries)
                    orders += len(made)
                    if not progress.get("remaining"):
                        break
                # then the day's announcements of the works to the owners
                queries = env.cr.sql_log_count
                Plan._cron_announce_works()
                env.flush_all()
                announce_queries.append(env.cr.sql_log_count - queries)
    finally:
        type(cron)._notify_progress = original
    return orders, calls, seconds, queries_per_call, announce_queries


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--equipment", type=int, default=2000)
    parser.add_argument("--estates", type=int, default=10)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    with rolled_back_env(args) as env:
        # the company's day is Beijing's; other plans of the tenant stay as they are
        env.company.partner_id.tz = "Asia/Shanghai"
        start = date.today() + timedelta(days=400)  # after any plan of the tenant's own
        started = time.perf_counter()
        estates, kinds = set_up(env, args.equipment, args.estates)
        seconds = time.perf_counter() - started
        print(
            f"set-up:      {args.equipment} pieces of equipment, {len(KINDS)} kinds, "
            f"{args.estates} estates, in {seconds:.1f} s"
        )
        for per_estate in (False, True):
            env.cr.execute("SAVEPOINT preventive_orders")
            plans = make_plans(env, estates, kinds, per_estate, start)
            orders, calls, seconds, per_call, per_announce = run_month(
                env, start, args.days, args.batch
            )
            print(
                f"{len(plans):>4} plans:   {orders} orders over {args.days} days in "
                f"{calls} scheduler calls (batches of <= {args.batch}), {seconds:.1f} s "
                f"({1000 * seconds / max(orders, 1):.1f} ms an order)"
            )
            print(
                f"             queries per call: min {min(per_call)}, max {max(per_call)}, "
                f"total {sum(per_call)}"
            )
            announcements = env["property.announcement"].search_count(
                [("maintenance_plan_id", "in", plans.ids)]
            )
            print(
                f"             announcements to the owners: {announcements}, queries per "
                f"daily run: min {min(per_announce)}, max {max(per_announce)}"
            )
            env.cr.execute("ROLLBACK TO SAVEPOINT preventive_orders")
            env.invalidate_all()


if __name__ == "__main__":
    main()
