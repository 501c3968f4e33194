"""Upgrading tenants: only the addons whose code changed, a fleet several at a time.

Whether a tenant needs anything is read from its own database with plain SQL, before
Odoo loads anything for it: the addons' checksums that click-odoo-update stored at its
last update (or at the template's build) against those of the code here, and the tenant
addons it has installed. An up-to-date tenant costs a few queries, not a registry load.
"""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import click

from . import directory, maintenance, settings, tenants

UPGRADED = "upgraded"
UP_TO_DATE = "up to date"


@dataclass(frozen=True)
class Outcome:
    name: str
    result: str  # UPGRADED, UP_TO_DATE or "failed: <first line of the reason>"
    seconds: float

    @property
    def failed(self):
        return self.result.startswith("failed")


def _hash_each_addon_once():
    """click-odoo-update hashes every installed addon's files for each database it
    checks; the code does not change during one propctl run, so a fleet's check hashes
    each addon once (then a tenant costs a few queries)."""
    from click_odoo_contrib import update

    if getattr(update.addon_hash, "_propctl_cached", False):
        return
    original, cache = update.addon_hash, {}

    def addon_hash(top, exclude_patterns, keep_langs):
        key = (top, tuple(exclude_patterns), tuple(sorted(keep_langs)))
        if key not in cache:
            cache[key] = original(top, exclude_patterns, keep_langs)
        return cache[key]

    addon_hash._propctl_cached = True
    update.addon_hash = addon_hash


def pending(name):
    """What upgrading tenant `name` would do: (addons whose code changed since its last
    update, tenant addons it does not have installed)."""
    from click_odoo_contrib.update import _get_modules_to_update

    import odoo

    _hash_each_addon_once()
    try:
        with odoo.sql_db.db_connect(name).cursor() as cr:
            # click-odoo-update's own test, so that both agree on what "changed" means
            changed = _get_modules_to_update(cr)
            cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
            installed = {row[0] for row in cr.fetchall()}
    finally:
        odoo.sql_db.close_db(name)
    return changed, sorted(set(tenants.tenant_modules()) - installed)


def upgrade(name):
    """Update the changed addons of tenant `name` and install the missing ones; return
    False when there was nothing to do.

    While it works, the tenant is under maintenance: its host answers a maintenance page
    instead of the errors of a half-updated registry, and its crons wait. The update's
    own process inherits the mark, so that it lasts as long as the update runs even if
    this process is killed, and no longer (a killed upgrade leaves no lock behind)."""
    changed, missing = pending(name)
    if not (changed or missing):
        return False
    with maintenance.hold(name) as mark:
        if changed:
            tenants.click_odoo_contrib("update", "-d", name, pass_fds=[mark])
        if missing:
            tenants.install_missing_modules(name)
    return True


def upgrade_fleet(located, jobs):
    """Upgrade the tenants of `located`, [(name, its database server)], `jobs` at a
    time; return their outcomes in that order. Each upgrade runs in its own process
    (Odoo keeps a registry per database per process) and a failure stops only its own
    tenant."""
    outcomes = {}
    todo = []
    names = [name for name, _server in located]
    for name, server in located:
        started = time.monotonic()
        try:
            with directory.use(server):
                changed, missing = pending(name)
        except Exception as exc:  # e.g. not reachable, or not an Odoo database
            outcomes[name] = Outcome(name, f"failed: {_first_line(str(exc))}", 0.0)
            continue
        if changed or missing:
            todo.append(name)
        else:
            outcomes[name] = Outcome(name, UP_TO_DATE, time.monotonic() - started)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(_upgrade_in_child, todo):
            outcomes[outcome.name] = outcome
    return [outcomes[name] for name in names]


def log_path(name):
    return settings.VAR_DIR / "log" / "upgrade" / f"{name}.log"


def _upgrade_in_child(name):
    log = log_path(name)
    log.parent.mkdir(parents=True, exist_ok=True)
    click.echo(f"Upgrading {name} (log: {log})")
    started = time.monotonic()
    command = [sys.executable, str(settings.ROOT / "propctl"), "tenant", "upgrade", name]
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    seconds = time.monotonic() - started
    if done.returncode == 0:
        return Outcome(name, UPGRADED, seconds)
    reason = failure_reason(log.read_text(encoding="utf-8", errors="replace"))
    return Outcome(name, f"failed: {reason}", seconds)


def failure_reason(output):
    """The first line of why an upgrade failed: the exception that its last traceback
    ends with (propctl's own message only says which command failed), else its last
    line."""
    lines = [line for line in output.splitlines() if line.strip()]
    tracebacks = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
    if tracebacks:
        for line in lines[tracebacks[-1] + 1 :]:
            if not line.startswith(" "):
                return line
    return lines[-1].removeprefix("Error: ") if lines else "no output"


def _first_line(text):
    return (text.strip().splitlines() or ["unknown error"])[0]


def print_table(outcomes):
    width = max(len(o.name) for o in [*outcomes, Outcome("tenant", "", 0)])
    result_width = max(len(o.result) for o in [*outcomes, Outcome("", "result", 0)])
    click.echo(f"{'tenant':<{width}}  {'result':<{result_width}}  seconds")
    for o in outcomes:
        click.echo(f"{o.name:<{width}}  {o.result:<{result_width}}  {o.seconds:7.1f}")
    upgraded = sum(o.result == UPGRADED for o in outcomes)
    up_to_date = sum(o.result == UP_TO_DATE for o in outcomes)
    failed = sum(o.failed for o in outcomes)
    click.echo(
        f"{len(outcomes)} tenants: {upgraded} upgraded, {up_to_date} up to date, {failed} failed"
    )
