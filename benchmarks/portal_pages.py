#!/usr/bin/env python3
"""The owners' portal pages against Odoo's own /my/invoices, on the same data.

    python3 benchmarks/portal_pages.py TENANT [--bills 36] [--requests 20] [--runs 7]

Gives an owner of a new estate 3 units, BILLS posted payment notices, REQUESTS repair
requests, a renovation application and 30 announcements, logs them in on the portal
and loads each page RUNS times over HTTP (after one warm-up load), as their phone would:
prints the median ms of each page and its ratio to /my/invoices, Odoo's own list of the
same notices. The target is a ratio of at most 1.2.

The pages are served by an Odoo HTTP server started in this process in Odoo's test
mode (one cursor for every request, as HttpCase does), so that everything is rolled
back at the end: any tenant with the property addons will do.
"""

import argparse
import sys
import time

from bench_common import load_odoo, median_ms, portal_session, serve_in_test_mode

PASSWORD = "bench-owner-pw"


def set_up(env, bills, requests_count):
    from datetime import date

    from dateutil.relativedelta import relativedelta

    tag = time.strftime("%Y%m%d%H%M%S")
    estate = env["property.estate"].create(
        {"name": f"基准测试小区 {tag}", "code": f"P{tag}", "service_phone": "0755-12345678"}
    )
    units = env["property.unit"].create(
        [{"code": f"P-{i}", "estate_id": estate.id, "building_area": 98.5 + i} for i in range(3)]
    )
    owner = env["res.partner"].create({"name": "业主 张伟", "email": f"bench{tag}@example.com"})
    env["property.occupancy"].create(
        [
            {"unit_id": unit.id, "partner_id": owner.id, "role": "owner", "is_payer": True}
            for unit in units
        ]
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": owner.name,
                "login": f"bench_owner_{tag}",
                "password": PASSWORD,
                "partner_id": owner.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
            }
        )
    )
    fee = env.ref("property_billing.product_fee_management")
    Charge = env["property.charge"]
    first = date.today().replace(day=1) - relativedelta(months=bills)
    notices = env["account.move"]
    for month in range(bills):
        start = first + relativedelta(months=month)
        charges = Charge.create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "product_id": fee.id,
                    "quantity": unit.building_area,
                    "price_unit": 2.5,
                    "period_start": start,
                    "period_end": start + relativedelta(months=1, days=-1),
                    "date": start,
                }
                for unit in units
            ]
        )
        notices |= charges._invoice_now(invoice_date=start)
    category = env.ref("property_ticket.ticket_category_water")
    tickets = env["property.ticket"].create(
        [
            {
                "subject": f"报修 {i}",
                "ticket_type": "repair",
                "unit_id": units[i % 3].id,
                "partner_id": owner.id,
                "category_id": category.id,
            }
            for i in range(requests_count)
        ]
    )
    renovation = env["property.renovation"].create(
        {"unit_id": units[0].id, "applicant_id": owner.id}
    )
    announcements = env["property.announcement"].create(
        [
            {"name": f"通知 {i}", "body": f"<p>第 {i} 号通知。</p>", "estate_ids": estate.ids}
            for i in range(30)
        ]
    )
    announcements.action_publish()
    env.flush_all()
    return user, {
        "Odoo's /my/invoices": "/my/invoices",
        "home": "/my",
        "one bill": f"/my/invoices/{notices[-1].id}",
        "units": "/my/units",
        "one unit": f"/my/units/{units[0].id}",
        "requests": "/my/tickets",
        "one request": f"/my/tickets/{tickets[0].id}",
        "new request": "/my/tickets/new",
        "renovations": "/my/renovations",
        "one renovation": f"/my/renovations/{renovation.id}",
        "announcements": "/my/announcements",
        "one announcement": f"/my/announcements/{announcements[0].id}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--bills", type=int, default=36)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    odoo = load_odoo()
    registry = odoo.modules.registry.Registry(args.tenant)
    cr = registry.cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
    try:
        started = time.perf_counter()
        user, pages = set_up(env, args.bills, args.requests)
        print(
            f"set-up: {args.bills} notices of 3 units, {args.requests} requests, "
            f"30 announcements in {time.perf_counter() - started:.1f} s"
        )
        base = serve_in_test_mode(odoo, registry, cr)
        session = portal_session(base, args.tenant, user.login, PASSWORD)
        timings = {}
        for label, url in pages.items():
            warm_up = session.get(base + url, allow_redirects=False)
            if warm_up.status_code != 200 or user.name not in warm_up.text:
                sys.exit(f"{url} answers {warm_up.status_code}, not the owner's page")
            timings[label] = median_ms(session, base + url, args.runs)
        reference = timings["Odoo's /my/invoices"]
        print(f"{'page':<22}{'median ms':>10}{'ratio':>8}")
        for label, ms in timings.items():
            print(f"{label:<22}{ms:>10.0f}{ms / reference:>8.2f}")
        slowest = max(timings, key=timings.get)
        print(f"slowest: {slowest}, {timings[slowest] / reference:.2f} × /my/invoices")
    finally:
        if registry.test_cr is not None:
            registry.leave_test_mode()
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
