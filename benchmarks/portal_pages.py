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
import os
import socket
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))

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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--bills", type=int, default=36)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import requests

    from propctl import odoo_env

    odoo = odoo_env.load()
    odoo.tools.config["http_interface"] = "127.0.0.1"
    odoo.tools.config["http_port"] = port = free_port()
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
        registry.enter_test_mode(cr)
        server = odoo.service.server.ThreadedServer(odoo.http.root)
        server.http_spawn()
        base = f"http://127.0.0.1:{port}"
        session = requests.Session()
        session.headers["Host"] = f"{args.tenant}.localhost"
        response = session.post(
            f"{base}/web/session/authenticate",
            json={"params": {"db": args.tenant, "login": user.login, "password": PASSWORD}},
        )
        if "error" in response.json():
            sys.exit(f"cannot log the owner in: {response.json()['error']['data']['message']}")
        # the cookie is the tenant's host's, which the jar does not match to 127.0.0.1
        session.headers["Cookie"] = f"session_id={response.cookies['session_id']}"
        timings = {}
        for label, url in pages.items():
            warm_up = session.get(base + url, allow_redirects=False)
            if warm_up.status_code != 200 or user.name not in warm_up.text:
                sys.exit(f"{url} answers {warm_up.status_code}, not the owner's page")
            runs = []
            for _run in range(args.runs):
                started = time.perf_counter()
                session.get(base + url, allow_redirects=False)
                runs.append(1000 * (time.perf_counter() - started))
            timings[label] = statistics.median(runs)
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
