#!/usr/bin/env python3
"""The service-request list and the SLA cron at scale.

    python3 benchmarks/ticket_list.py TENANT [--tickets 10000] [--batch 500] [--config FILE]

Creates TICKETS open requests (repairs and complaints of as many units with an owner
each, four categories, two technicians, received over the last 30 days) in one
transaction, then:
- loads the list view's first page as the web client does (`web_search_read` with the
  list view's fields, 80 records) as a desk clerk, once to warm the caches, then
  measured: queries and ms;
- runs the SLA cron (`_cron_check_sla`) batch by batch, as the scheduler does while it
  reports work remaining, at a clock 30 days on (every request late): batches, seconds,
  queries per batch.
Everything is rolled back: any database with property_ticket installed will do
(`--config` names the Odoo configuration file; default: propctl's).
"""

import time
from datetime import datetime, timedelta

from bench_common import argument_parser, rolled_back_env


def set_up(env, count):
    tag = time.strftime("%Y%m%d%H%M%S")
    estate = env["property.estate"].create({"name": f"基准测试小区 {tag}", "code": f"T{tag}"})
    building = env["property.building"].create({"name": "1栋", "estate_id": estate.id})
    units = env["property.unit"].create(
        [
            {"code": f"T-{i:05d}", "estate_id": estate.id, "building_id": building.id}
            for i in range(count)
        ]
    )
    owners = env["res.partner"].create([{"name": f"业主{i:05d}"} for i in range(count)])
    env["property.occupancy"].create(
        [
            {"unit_id": u.id, "partner_id": o.id, "role": "owner"}
            for u, o in zip(units, owners, strict=True)
        ]
    )
    Users = env["res.users"].with_context(no_reset_password=True)
    technicians = Users.create(
        [
            {
                "name": f"维修工 {i}",
                "login": f"bench_tech_{tag}_{i}",
                "groups_id": [(6, 0, env.ref("property_ticket.group_ticket_technician").ids)],
            }
            for i in range(2)
        ]
    )
    desk = Users.create(
        {
            "name": "客服",
            "login": f"bench_desk_{tag}",
            "groups_id": [(6, 0, env.ref("property_ticket.group_ticket_desk").ids)],
        }
    )
    # the desk sees the requests of its estates only (property_hr derives them from the
    # employee; the benchmark gives them directly)
    desk.property_estate_ids = estate
    lead = Users.create(
        {
            "name": "主管",
            "login": f"bench_lead_{tag}",
            "groups_id": [(6, 0, env.ref("property_ticket.group_ticket_lead").ids)],
        }
    )
    estate.manager_id = env.user
    team = env["property.team"].create(
        {
            "name": "工程维修部",
            "leader_id": lead.id,
            "member_ids": [(6, 0, technicians.ids)],
            "estate_ids": [(6, 0, estate.ids)],
        }
    )
    categories = [
        env.ref(f"property_ticket.ticket_category_{name}")
        for name in ("water", "power", "elevator", "doors_windows")
    ]
    now = datetime.now().replace(microsecond=0)
    env["property.ticket"].create(
        [
            {
                "subject": f"报修 {i}",
                "unit_id": units[i].id,
                "category_id": categories[i % 4].id,
                "team_id": team.id,
                "user_id": technicians[i % 2].id,
                "ticket_type": "repair" if i % 5 else "complaint",
                "complaint_tier": False if i % 5 else "minor",
                "date_received": now - timedelta(minutes=(i * 30 * 24 * 60) // count),
            }
            for i in range(count)
        ]
    )
    env.flush_all()
    return estate, desk


def list_first_page(env, estate, desk):
    from lxml import etree

    Ticket = env["property.ticket"].with_user(desk)
    view = env.ref("property_ticket.property_ticket_view_list")
    arch = etree.fromstring(Ticket.get_views([(view.id, "list")])["views"]["list"]["arch"])
    specification = {
        field.get("name"): {"fields": {"display_name": {}}}
        if Ticket._fields[field.get("name")].type == "many2one"
        else {}
        for field in arch.iterfind("field")
    }
    specification["activity_ids"] = {"fields": {}}
    for name in ("activity_state", "activity_summary", "activity_type_id"):
        specification[name] = {}
    domain = [("estate_id", "=", estate.id)]
    Ticket.web_search_read(domain, specification, limit=80)  # warm the caches
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = Ticket.web_search_read(domain, specification, limit=80)
    ms = 1000 * (time.perf_counter() - started)
    return result["length"], len(result["records"]), env.cr.sql_log_count - queries, ms


def sla_cron(env, batch):
    """The cron as the scheduler runs it: again while it reports work remaining."""
    Ticket = env["property.ticket"]
    clock = datetime.now().replace(microsecond=0) + timedelta(days=30)
    progress = {}
    cron = env["ir.cron"]
    original = type(cron)._notify_progress

    def notify(self, *, done, remaining, deactivate=False):
        progress.update(done=done, remaining=remaining)

    type(cron)._notify_progress = notify
    batches, done, queries_per_batch = 0, 0, []
    started = time.perf_counter()
    try:
        while True:
            queries = env.cr.sql_log_count
            tickets = Ticket._cron_check_sla(batch_size=batch, now=clock)
            env.flush_all()
            env.invalidate_all()
            if not tickets:
                break
            batches += 1
            done += len(tickets)
            queries_per_batch.append(env.cr.sql_log_count - queries)
            if not progress.get("remaining"):
                break
    finally:
        type(cron)._notify_progress = original
    return batches, done, time.perf_counter() - started, queries_per_batch


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--tickets", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    with rolled_back_env(args, {"tracking_disable": True, "mail_notrack": True}) as env:
        started = time.perf_counter()
        estate, desk = set_up(env, args.tickets)
        seconds = time.perf_counter() - started
        print(f"set-up:      {args.tickets} open requests in {seconds:.1f} s")

        total, page, queries, ms = list_first_page(env, estate, desk)
        print(f"list view:   first page {page} of {total}: {queries} queries, {ms:.0f} ms")

        batches, done, seconds, per_batch = sla_cron(env, args.batch)
        print(
            f"SLA cron:    {done} requests in {batches} batches of <= {args.batch}, "
            f"{seconds:.1f} s ({seconds / max(batches, 1):.2f} s a batch)"
        )
        print(
            f"             queries per batch: min {min(per_batch, default=0)}, "
            f"max {max(per_batch, default=0)}"
        )


if __name__ == "__main__":
    main()
