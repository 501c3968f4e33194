#!/usr/bin/env python3
"""The monthly KPI assessments at scale.

    python3 benchmarks/kpi_assessments.py TENANT [--units 2000] [--employees 200]
        [--tickets 10000] [--config FILE]

Creates in one transaction an estate of UNITS units with an owner each, billed for last
month by a billing run (every other invoice paid); EMPLOYEES employees with their users
(three technicians in four, in maintenance teams of up to ten under a team leader, the
others desk clerks), all working for the estate; TICKETS requests received over last
month at fixed times, dispatched to the technicians in turn and received by the desk
clerks in turn (nine in ten closed with fixed response and resolution times, some
reworked or late), a follow-up visit of every other closed one, four inspection rounds
of last month per technician (one missed in two of them); and a target-responsibility
letter in force for each employee, made by an HR officer, with the computed metrics of
the role and a manual one (weights totalling 100). Then, as the HR officer, measured
(seconds and SQL queries):
- generating last month's assessments of all the letters in force (the monthly cron,
  `_cron_generate`);
- reading the live figures of all those draft assessments as their list view does
  (`web_search_read` with the list view's fields, `live_score` included), once to warm
  the caches, then measured;
- submitting them all in one batch (`action_freeze`), with queries per assessment.
Chatter tracking is disabled throughout, as in ticket_list.py. Everything is rolled
back: any database with property_hr installed will do (`--config` names the Odoo
configuration file; default: propctl's).
"""

import time
from datetime import date, datetime, timedelta

from bench_common import argument_parser, rolled_back_env

TEAM_SIZE = 10


def last_month():
    first = date.today().replace(day=1)
    start = (first - timedelta(days=1)).replace(day=1)
    return start, first - timedelta(days=1)


def set_up_estate(env, tag, count, month):
    """The estate, its units with an owner each, billed for `month` (every other invoice
    paid)."""
    estate = env["property.estate"].create({"name": f"基准测试小区 {tag}", "code": f"K{tag}"})
    building = env["property.building"].create({"name": "1栋", "estate_id": estate.id})
    units = env["property.unit"].create(
        [
            {
                "code": f"K-{i:05d}",
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
    plan = env["property.rate.plan"].create(
        {
            "name": "管理费",
            "estate_id": estate.id,
            "product_id": env.ref("property_billing.product_fee_management").id,
            "basis": "building_area",
            "price": 2.5,
            "date_from": date(2020, 1, 1),
        }
    )
    env["property.billing.schedule"].create(
        [
            {"unit_id": u.id, "date_start": date(2020, 1, 1), "rate_plan_ids": plan.ids}
            for u in units
        ]
    )
    run = env["property.billing.run"].create(
        {
            "period_start": month[0],
            "period_end": month[1],
            "invoice_date": month[0],
            "estate_ids": estate.ids,
        }
    )
    run._process()
    invoices = run.invoice_ids.sorted("id")[::2]
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoices.ids
    ).create({"payment_date": month[1], "group_payment": False})._create_payments()
    env.flush_all()
    return estate, units, run.invoice_count


def set_up_staff(env, tag, count, estate):
    """Technicians in teams under a leader, desk clerks; an employee for each."""
    Users = env["res.users"].with_context(no_reset_password=True)
    ref = env.ref
    tech_count = max(1, count * 3 // 4)
    users = Users.create(
        [
            {
                "name": f"维修工 {i}" if i < tech_count else f"客服 {i}",
                "login": f"bench_kpi_{tag}_{i}",
                "groups_id": [(6, 0, ref("base.group_user").ids)],
            }
            for i in range(count)
        ]
    )
    technicians, desks = users[:tech_count], users[tech_count:]
    leaders = Users.create(
        [
            {
                "name": f"主管 {i}",
                "login": f"bench_kpi_lead_{tag}_{i}",
                "groups_id": [(6, 0, ref("property_ticket.group_ticket_lead").ids)],
            }
            for i in range(0, tech_count, TEAM_SIZE)
        ]
    )
    teams = env["property.team"].create(
        [
            {
                "name": f"工程维修{i + 1}组",
                "leader_id": leader.id,
                "member_ids": [(6, 0, technicians[i * TEAM_SIZE : (i + 1) * TEAM_SIZE].ids)],
                "estate_ids": [(6, 0, estate.ids)],
            }
            for i, leader in enumerate(leaders)
        ]
    )
    engineering, service = env["hr.department"].create(
        [{"name": f"工程部 {tag}"}, {"name": f"客服中心 {tag}"}]
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "job_id": (
                    ref("property_hr.job_technician")
                    if user in technicians
                    else ref("property_hr.job_customer_service")
                ).id,
                "department_id": (engineering if user in technicians else service).id,
                "property_estate_ids": [(6, 0, estate.ids)],
            }
            for user in users
        ]
    )
    env.flush_all()
    return employees, technicians, desks, teams


def set_up_work(env, count, month, estate, units, technicians, desks, teams):
    """Requests of the month, their follow-up visits, the technicians' inspection rounds."""
    start = datetime.combine(month[0], datetime.min.time())
    span = (month[1] - month[0]).days + 1
    team_of = {user: team for team in teams for user in team.member_ids}
    categories = [
        env.ref(f"property_ticket.ticket_category_{name}")
        for name in ("water", "power", "elevator", "doors_windows")
    ]
    values = []
    for i in range(count):
        technician = technicians[i % len(technicians)]
        received = start + timedelta(minutes=(i * span * 24 * 60) // count)
        respond = 1 + i % 6
        done = received + timedelta(hours=respond + 1 + i % 9)
        closed = i % 10 != 9
        values.append(
            {
                "subject": f"报修 {i}",
                "ticket_type": "repair",
                "unit_id": units[i % len(units)].id,
                "category_id": categories[i % 4].id,
                "team_id": team_of[technician].id,
                "user_id": technician.id,
                "receiver_id": desks[i % len(desks)].id if desks else False,
                "date_received": received,
                "state": "closed" if closed else "in_progress",
                "date_dispatched": received + timedelta(minutes=5),
                "date_replied": received + timedelta(minutes=10),
                "date_first_response": received + timedelta(hours=respond),
                "date_on_site": received + timedelta(hours=respond),
                "date_done": closed and done,
                "date_accepted": closed and done + timedelta(hours=1),
                "date_closed": closed and done + timedelta(hours=2),
                "rework_count": 1 if i % 17 == 0 else 0,
            }
        )
    tickets = env["property.ticket"].with_context(property_workflow=True).create(values)
    env.flush_all()
    # the service levels' outcome, fixed: one resolution deadline, one in eight missed
    env.cr.execute(
        """
        UPDATE property_ticket
           SET deadline_reply = NULL, deadline_response = NULL, deadline_onsite = NULL,
               deadline_resolve = date_received + INTERVAL '1 day', sla_failed = id %% 8 = 0
         WHERE id = ANY(%s)
        """,
        (tickets.ids,),
    )
    env.invalidate_all()
    visited = [t for i, t in enumerate(tickets) if i % 2 == 0 and i % 10 != 9]
    env["property.ticket.followup"].create(
        [
            {
                "ticket_id": ticket.id,
                "date_due": ticket.date_received.date() + timedelta(days=2),
                "user_id": ticket.receiver_id.id or env.uid,
                "method": "phone",
                "state": "todo" if i % 6 == 5 else "done",
                "date_done": False
                if i % 6 == 5
                else ticket.date_received + timedelta(days=2 + i % 12),
                "satisfaction": False if i % 6 == 5 else str(1 + i % 5),
            }
            for i, ticket in enumerate(visited)
        ]
    )
    templates = env["property.inspection.template"].create(
        [
            {
                "name": f"设备房巡查 {technician.name}",
                "estate_id": estate.id,
                "team_id": team_of[technician].id,
                "user_id": technician.id,
                "date_start": month[0],
            }
            for technician in technicians
        ]
    )
    env["property.inspection.round"].with_context(property_workflow=True).create(
        [
            {
                "template_id": template.id,
                "estate_id": estate.id,
                "team_id": template.team_id.id,
                "user_id": template.user_id.id,
                "date": month[0] + timedelta(days=2 + 7 * week),
                "state": "missed" if week == 3 and i % 2 else "done",
            }
            for i, template in enumerate(templates)
            for week in range(4)
        ]
    )
    env.flush_all()
    return tickets


def set_up_letters(env, tag, month, employees, technicians):
    """A letter in force for each employee, made and signed by an HR officer."""
    hr = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "人事",
                "login": f"bench_kpi_hr_{tag}",
                "groups_id": [
                    (6, 0, (env.ref("hr.group_hr_user") | env.ref("base.group_user")).ids)
                ],
            }
        )
    )
    safety = env["property.kpi.metric"].create(
        {"name": "安全", "code": f"bench_safety_{tag}", "source": "manual", "unit": "score"}
    )

    def metric(code):
        return env.ref(f"property_hr.kpi_metric_{code}")

    roles = {
        "technician": [
            (metric("sla_met"), 90, 25),
            (metric("response_time"), 4, 15),
            (metric("resolution_time"), 12, 10),
            (metric("satisfaction"), 4.5, 15),
            (metric("rework_rate"), 5, 10),
            (metric("inspection_done"), 100, 15),
            (safety, 100, 10),
        ],
        "desk": [
            (metric("followup_on_time"), 95, 30),
            (metric("satisfaction"), 4.5, 20),
            (metric("sla_met"), 90, 20),
            (metric("collection_rate"), 95, 20),
            (safety, 100, 10),
        ],
    }
    letters = (
        env["property.kpi.letter"]
        .with_user(hr)
        .create(
            [
                {
                    "employee_id": employee.id,
                    "year": month[0].year,
                    "period": "h1" if month[0].month <= 6 else "h2",
                    "line_ids": [
                        (0, 0, {"metric_id": m.id, "target": target, "weight": weight})
                        for m, target, weight in roles[
                            "technician" if employee.user_id in technicians else "desk"
                        ]
                    ],
                }
                for employee in employees
            ]
        )
    )
    letters.action_sign()
    letters.action_activate()
    env.flush_all()
    return hr, letters


def counted(env, step):
    """Run `step`, flush; return its result, seconds and SQL queries."""
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = step()
    env.flush_all()
    return result, time.perf_counter() - started, env.cr.sql_log_count - queries


def list_specification(Assessment):
    from lxml import etree

    view = Assessment.env.ref("property_hr.property_kpi_assessment_view_list")
    views = Assessment.get_views([(view.id, "list")])
    arch = etree.fromstring(views["views"]["list"]["arch"])
    return {
        field.get("name"): {"fields": {"display_name": {}}}
        if Assessment._fields[field.get("name")].type == "many2one"
        else {}
        for field in arch.iterfind("field")
    }


def measure(env, hr, letters):
    Assessment = env["property.kpi.assessment"].with_user(hr)
    env.invalidate_all()
    created, seconds, queries = counted(env, Assessment._cron_generate)
    ours = created.filtered(lambda a: a.letter_id in letters)
    lines = len(ours.line_ids)
    print(
        f"generate:    {len(created)} assessments ({len(ours)} benchmarked, {lines} KPI lines) "
        f"in {seconds:.2f} s, {queries} queries"
    )

    specification = list_specification(Assessment)
    domain = [("id", "in", ours.ids), ("state", "=", "draft")]
    Assessment.web_search_read(domain, specification)  # warm the caches
    env.invalidate_all()
    result, seconds, queries = counted(
        env, lambda: Assessment.web_search_read(domain, specification)
    )
    scores = [row["live_score"] for row in result["records"]]
    print(
        f"live list:   {len(scores)} draft assessments in {seconds:.2f} s, {queries} queries "
        f"({queries / max(len(scores), 1):.1f} per assessment); "
        f"mean score {sum(scores) / max(len(scores), 1):.1f}"
    )

    env.invalidate_all()
    ours = Assessment.browse(ours.ids)
    _result, seconds, queries = counted(env, ours.action_freeze)
    print(
        f"submit:      {len(ours)} assessments in {seconds:.2f} s, {queries} queries "
        f"({queries / max(len(ours), 1):.1f} per assessment, "
        f"{queries / max(lines, 1):.2f} per KPI line)"
    )
    frozen = ours.filtered(lambda a: a.state == "frozen")
    scores = frozen.mapped("total_score") or [0.0]
    print(f"             {len(frozen)} submitted, scores {min(scores):.1f} - {max(scores):.1f}")


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--employees", type=int, default=200)
    parser.add_argument("--tickets", type=int, default=10000)
    args = parser.parse_args()

    with rolled_back_env(args, {"tracking_disable": True, "mail_notrack": True}) as env:
        tag = time.strftime("%Y%m%d%H%M%S")
        month = last_month()
        started = time.perf_counter()
        estate, units, invoices = set_up_estate(env, tag, args.units, month)
        employees, technicians, desks, teams = set_up_staff(env, tag, args.employees, estate)
        set_up_work(env, args.tickets, month, estate, units, technicians, desks, teams)
        hr, letters = set_up_letters(env, tag, month, employees, technicians)
        print(
            f"set-up:      {args.units} units ({invoices} invoices of {month[0]:%Y-%m}), "
            f"{len(employees)} employees in {len(teams)} teams, {args.tickets} requests, "
            f"{len(letters)} letters in {time.perf_counter() - started:.1f} s"
        )
        measure(env, hr, letters)


if __name__ == "__main__":
    main()
