#!/usr/bin/env python3
"""An owners' meeting of a large estate, counted live.

    python3 benchmarks/meeting_count.py TENANT [--owners 5000] [--runs 7] [--config FILE]

Creates an estate of OWNERS units, each with its owner, and a meeting with three
matters (ordinary and weighty); then prints, each with seconds and SQL queries:
- listing the voters from the owners (`action_prepare_voters`);
- four in five owners voting (ballots created in one batch: the count is measured,
  not the casting);
- the live count of the meeting and its matters (turnout and each matter's figures by
  area and headcount: `_vote_figures`, as the form and the portal compute them);
and, over HTTP as an owner on the portal (median of RUNS loads after a warm-up), the
meeting's page while the voting is open and its result page once counted. The target
is the result page under one second.

The pages are served by an Odoo HTTP server started in this process in Odoo's test
mode, so that everything is rolled back at the end: any tenant with property_community
will do (`--config` names the Odoo configuration file; default: propctl's).
"""

import sys
import time
from datetime import timedelta

from bench_common import (
    argument_parser,
    load_odoo,
    median_ms,
    portal_session,
    serve_in_test_mode,
)

PASSWORD = "bench-owner-pw"


def counted(env, step):
    """Run `step`, flush; its result, seconds and SQL queries."""
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = step()
    env.flush_all()
    return result, time.perf_counter() - started, env.cr.sql_log_count - queries


def set_up(env, owners_count):
    from odoo import Command, fields

    tag = time.strftime("%Y%m%d%H%M%S")
    estate = env["property.estate"].create({"name": f"基准测试小区 {tag}", "code": f"M{tag}"})
    units = env["property.unit"].create(
        [
            {"code": f"M-{i:05d}", "estate_id": estate.id, "building_area": 60 + (i % 90) * 1.25}
            for i in range(owners_count)
        ]
    )
    owners = env["res.partner"].create([{"name": f"业主{i:05d}"} for i in range(owners_count)])
    env["property.occupancy"].create(
        [
            {"unit_id": unit.id, "partner_id": owner.id, "role": "owner"}
            for unit, owner in zip(units, owners, strict=True)
        ]
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": owners[0].name,
                "login": f"bench_voter_{tag}",
                "password": PASSWORD,
                "partner_id": owners[0].id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
            }
        )
    )
    now = fields.Datetime.now()
    meeting = env["property.owners.meeting"].create(
        {
            "name": f"基准测试业主大会 {tag}",
            "estate_id": estate.id,
            "date_start": now - timedelta(days=1),
            "date_end": now + timedelta(days=30),
            "matter_ids": [
                Command.create({"name": "修订管理规约", "category": "covenant"}),
                Command.create({"name": "选聘物业服务企业", "category": "property_company"}),
                Command.create({"name": "筹集维修资金", "category": "fund_raising"}),
            ],
        }
    )
    env.flush_all()
    return meeting, user


def cast(env, meeting):
    """Four in five voters vote, the owner of the benchmark's user among them."""
    from odoo import Command

    voters = meeting.voter_ids.sorted("id")
    voting = voters[: len(voters) * 4 // 5]
    choices = ("agree", "agree", "against", "abstain")
    env["property.owners.meeting.ballot"].create(
        [
            {
                "meeting_id": meeting.id,
                "voter_id": voter.id,
                "cast_by_id": voter.partner_id.id,
                "line_ids": [
                    Command.create({"matter_id": matter.id, "choice": choices[(i + j) % 4]})
                    for j, matter in enumerate(meeting.matter_ids)
                ],
            }
            for i, voter in enumerate(voting)
        ]
    )
    return len(voting)


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--owners", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    odoo = load_odoo(args.config)
    registry = odoo.modules.registry.Registry(args.tenant)
    cr = registry.cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
    try:
        started = time.perf_counter()
        meeting, user = set_up(env, args.owners)
        print(f"set-up: {args.owners} units and owners in {time.perf_counter() - started:.1f} s")
        _, seconds, queries = counted(env, meeting.action_prepare_voters)
        print(f"voters listed: {len(meeting.voter_ids)} in {seconds:.2f} s, {queries} queries")
        meeting.action_open()
        voted, seconds, queries = counted(env, lambda: cast(env, meeting))
        print(f"ballots: {voted} cast in one batch in {seconds:.2f} s, {queries} queries")

        def count():
            env.invalidate_all()
            return meeting._vote_figures()

        count()
        _, seconds, queries = counted(env, count)
        print(
            f"live count: turnout and {len(meeting.matter_ids)} matters in "
            f"{1000 * seconds:.0f} ms, {queries} queries"
        )

        base = serve_in_test_mode(odoo, registry, cr)
        session = portal_session(base, args.tenant, user.login, PASSWORD)
        page = f"{base}/my/meetings/{meeting.id}"
        timings = {}
        for label, prepare in (
            ("meeting page, voting open", None),
            ("result page, counted", meeting.action_close),
        ):
            if prepare:
                prepare()
                env.flush_all()
            warm_up = session.get(page, allow_redirects=False)
            if warm_up.status_code != 200 or user.name not in warm_up.text:
                sys.exit(f"{page} answers {warm_up.status_code}, not the owner's page")
            timings[label] = median_ms(session, page, args.runs)
        for label, ms in timings.items():
            print(f"{label:<28}{ms:>8.0f} ms (median of {args.runs})")
    finally:
        if registry.test_cr is not None:
            registry.leave_test_mode()
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
