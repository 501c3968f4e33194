#!/usr/bin/env python3
"""Time `propctl tenant upgrade --all` over a fleet of up-to-date tenants.

    python3 benchmarks/upgrade_fleet.py [--tenants 5] [--keep]

Creates the tenants bench-fleet-1..N that are missing (dropped at the end unless
--keep), runs `upgrade --all` as an operator would (every tenant of the server is in
it) and prints the seconds per up-to-date tenant; then, for comparison, one tenant
upgraded the way propctl did before (click-odoo-update, then Odoo's registry loaded to
install missing addons) although it has nothing to do.
"""

import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
PREFIX = "bench-fleet-"


def propctl(*args):
    command = [sys.executable, os.path.join(ROOT, "propctl"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the tenants created.")
    args = parser.parse_args()

    existing = {line.split("\t")[0] for line in propctl("tenant", "list").stdout.splitlines()}
    created = []
    for i in range(1, args.tenants + 1):
        name = f"{PREFIX}{i}"
        if name not in existing:
            if propctl("tenant", "create", name).returncode != 0:
                sys.exit(f"could not create {name}")
            created.append(name)

    started = time.perf_counter()
    result = propctl("tenant", "upgrade", "--all")
    elapsed = time.perf_counter() - started
    cells = [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()]
    rows = [row for row in cells if len(row) == 3][1:]  # the table, without its header
    if result.returncode != 0 or any(row[1] != "up to date" for row in rows):
        sys.exit(f"not every tenant was up to date (run again):\n{result.stdout}{result.stderr}")
    checks = [float(row[2]) for row in rows]
    print(f"tenants (all up to date):      {len(checks)}")
    print(f"upgrade --all, seconds:        {elapsed:.2f}")
    print(f"seconds per up-to-date tenant: {elapsed / len(checks):.2f} (whole command)")
    print(f"  of which the check:          {sum(checks) / len(checks):.2f} (mean)")

    from propctl import odoo_env, tenants

    odoo_env.load()
    started = time.perf_counter()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "w") as devnull:
        for fd in (1, 2):  # click-odoo-update's log
            os.dup2(devnull.fileno(), fd)
        try:
            tenants.click_odoo_contrib("update", "-d", f"{PREFIX}1")
            tenants.install_missing_modules(f"{PREFIX}1")
        finally:
            for fd, copy in zip((1, 2), saved, strict=True):
                os.dup2(copy, fd)
    print(f"before (update + registry load): {time.perf_counter() - started:.2f} s for one tenant")

    for name in [] if args.keep else created:
        propctl("tenant", "drop", name, "--yes")


if __name__ == "__main__":
    main()
