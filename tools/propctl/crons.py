"""Scheduled actions of every tenant, and only of tenants.

Odoo's threaded server runs the crons of the databases it has loaded only (a tenant
nobody opened since a restart has none), and its prefork cron worker walks every
database of the server, templates and the test database included. The Odoo servers
therefore run no cron (``max_cron_threads = 0``); this runner, started by ``propctl
serve`` (a service of its own in docker-compose), walks ``tenant list`` and has each
tenant's due jobs run as Odoo's cron worker does (``ir.cron._process_jobs``: jobs locked
per row, so several runners share the work: ``--processes``, two by default, so that
the jobs of a tenant that split their work, such as a billing run's shares of payers,
run side by side). A runner waits for Odoo's ``cron_trigger`` notification between two
walks, as Odoo's cron thread does: a job triggered now (*Run* of a billing run) runs
now in its tenant, not at the next walk.
"""

import ctypes
import logging
import os
import select
import signal
import time

from . import directory, maintenance, tenants

_logger = logging.getLogger(__name__)

INTERVAL = 60  # seconds between two walks; Odoo's cron thread polls every 60 s too
PROCESSES = 2  # runners side by side (the billing run's shares: SHARE_CRONS)


def run_once(only=None):
    """Run the due jobs of every tenant of the database server Odoo works on (see
    directory.use), or of the tenants named in `only`; return the tenants walked. A
    tenant the directory puts elsewhere (the copy a move left) or that is being moved
    (read-only) is not walked."""
    from odoo.addons.base.models.ir_cron import ir_cron

    server = directory.current()
    found = tenants.list_tenants()
    directory.adopt(server, found)
    here = {t.name for t in directory.entries() if t.server == server and not t.moving_to}
    names = [name for name in found if name in here and (only is None or name in only)]
    for name in names:
        # a tenant being upgraded waits: its registry is half updated until the upgrade
        # ends (asked just before its turn: an upgrade may start during the walk)
        if maintenance.is_under_maintenance(name):
            _logger.info("Scheduled actions of tenant %s wait: it is being upgraded", name)
            continue
        try:
            ir_cron._process_jobs(name)
        except Exception:  # one tenant's failure (being upgraded, restored) stops no other
            _logger.exception("Scheduled actions of tenant %s failed", name)
    return names


def die_with_parent():
    """In the runner's process, before it starts: the kernel kills it when the server
    that started it dies, even by SIGKILL (Linux; elsewhere it notices at its next walk)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class TriggerListener:
    """Odoo's `cron_trigger` notifications, sent with the database's name when one of
    its jobs is triggered to run now (Odoo's cron thread listens to them too)."""

    def __init__(self):
        self.cursor = None

    def wait(self, timeout):
        """Wait up to `timeout` seconds for notifications; return the databases named."""
        import odoo

        try:
            if self.cursor is None:
                self.cursor = odoo.sql_db.db_connect("postgres").cursor()
                self.cursor._cnx.autocommit = True
                self.cursor.execute("LISTEN cron_trigger")
            connection = self.cursor._cnx
            if select.select([connection], [], [], max(0.0, timeout)) == ([], [], []):
                return set()
            connection.poll()
            names = {notify.payload for notify in connection.notifies}
            connection.notifies.clear()
            return names
        except Exception:  # e.g. the database server restarting: listen again later
            _logger.warning("Cannot listen to cron triggers; walking every interval", exc_info=True)
            self.cursor = None
            time.sleep(max(0.0, timeout))
            return set()


def run_forever(interval=INTERVAL, parent=None):
    """Walk the tenants every `interval` seconds, and a tenant at once when one of its
    jobs is triggered, until process `parent` (the server or runner that started this
    one) is gone."""
    listener = TriggerListener()
    next_walk = time.monotonic()
    while parent is None or os.getppid() == parent:
        if time.monotonic() >= next_walk:
            run_once()
            next_walk = time.monotonic() + interval
        else:
            names = listener.wait(next_walk - time.monotonic())
            if names:
                run_once(only=names)
