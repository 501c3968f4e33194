#!/usr/bin/env python3
"""Dunning and printing at scale: queries per notice flat, PDFs made by the batch.

    python3 benchmarks/dunning_letters.py TENANT [--notices 200 2000] [--pdfs 10 100]

In a throwaway tenant, rolled back: for each number of notices, that many units with a
payer each, billed for June 2026 and left unpaid; then the dunning job of 1 July
generates the reminders (one letter per payer: queries per letter). Then the payment
notices are printed as PDFs, for each number of `--pdfs`: in one wkhtmltopdf call cut
by notice (`tools/pdf_batch.py`, what sending a billing run's notices does), against
Odoo's one call per notice (what its templates do, measured on 5 notices); and a
batch of 20 letters e-mailed as the background job does (PDFs printed at once).
"""

import argparse
import os
import sys
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_common import load_odoo
from billing_run import set_up


def counted(odoo, action):
    """(result, seconds, queries) of `action()`."""
    queries = odoo.sql_db.sql_counter
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started, odoo.sql_db.sql_counter - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--notices", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--pdfs", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--config", help="Odoo configuration file (default: propctl's)")
    args = parser.parse_args()
    odoo = load_odoo(args.config)
    from odoo.addons.property_billing.tools.pdf_batch import render_pdfs

    registry = odoo.modules.registry.Registry(args.tenant)
    report = "account.account_invoices"
    for count in args.notices:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            data = set_up(env, count)
            run = env["property.billing.run"].create(
                {
                    "period_start": date(2026, 6, 1),
                    "period_end": date(2026, 6, 30),
                    "invoice_date": date(2026, 5, 25),
                    "estate_ids": [data["estate_id"]],
                }
            )
            run._process()
            notices = run.invoice_ids
            env.flush_all()
            env.invalidate_all()
            Dunning = env["property.dunning"]
            letters, seconds, queries = counted(
                odoo,
                lambda Dunning=Dunning: Dunning._generate(Dunning.env.company, date(2026, 7, 1)),
            )
            env.flush_all()
            print(
                f"{count} overdue notices: {len(letters)} reminders generated in {seconds:.1f} s, "
                f"{queries / len(letters):.2f} queries per letter",
                flush=True,
            )
            if count == args.notices[-1]:
                for size in args.pdfs:
                    batch = notices[:size]
                    env.invalidate_all()
                    pdfs, seconds, queries = counted(
                        odoo, lambda env=env, batch=batch: render_pdfs(env, report, batch)
                    )
                    print(
                        f"  PDF of {size} notices in one call: {seconds:.1f} s, "
                        f"{1000 * seconds / size:.0f} ms and {queries / size:.2f} queries per "
                        f"notice ({len(pdfs or {})} cut)",
                        flush=True,
                    )
                Report = env["ir.actions.report"]
                sample = notices[:5]
                env.invalidate_all()
                _pdfs, seconds, queries = counted(
                    odoo,
                    lambda Report=Report, sample=sample: [
                        Report._render_qweb_pdf(report, notice.ids) for notice in sample
                    ],
                )
                print(
                    f"  Odoo, one call per notice: {1000 * seconds / len(sample):.0f} ms and "
                    f"{queries / len(sample):.1f} queries per notice",
                    flush=True,
                )
                queued = letters[:20]
                queued.partner_id.write({"email": "payer@example.com"})
                queued.action_send()
                env.invalidate_all()
                size = len(queued)
                _sent, seconds, queries = counted(
                    odoo, lambda Dunning=Dunning, size=size: Dunning._cron_send(size)
                )
                print(
                    f"  {len(queued)} letters e-mailed by the background job: {seconds:.1f} s, "
                    f"{1000 * seconds / len(queued):.0f} ms and {queries / len(queued):.1f} "
                    "queries per letter",
                    flush=True,
                )
            cr.rollback()


if __name__ == "__main__":
    main()
