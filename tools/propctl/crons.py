"""Scheduled actions of every tenant, and only of tenants.

Odoo's threaded server runs the crons of the databases it has loaded only (a tenant
nobody opened since a restart has none), and its prefork cron worker walks every
database of the server, templates and the test database included. The Odoo servers
therefore run no cron (``max_cron_threads = 0``); this runner, started by ``propctl
serve`` (a service of its own in docker-compose), walks ``tenant list`` and has each
tenant's due jobs run as Odoo's cron worker does (``ir.cron._process_jobs``: jobs locked
per row, so several runners share the work).
"""

import ctypes
import logging
import os
import signal
import time

from . import directory, maintenance, tenants

_logger = logging.getLogger(__name__)

INTERVAL = 60  # seconds between two walks; Odoo's cron thread polls every 60 s too


def run_once():
    """Run the due jobs of every tenant of the database server Odoo works on (see
    directory.use); return the tenants walked. A tenant the directory puts elsewhere (the
    copy a move left) or that is being moved (read-only) is not walked."""
    from odoo.addons.base.models.ir_cron import ir_cron

    server = directory.current()
    found = tenants.list_tenants()
    directory.adopt(server, found)
    here = {t.name for t in directory.entries() if t.server == server and not t.moving_to}
    names = [name for name in found if name in here]
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


def run_forever(interval=INTERVAL, parent=None):
    """Walk the tenants every `interval` seconds, until process `parent` (the server
    that started this runner) is gone."""
    while parent is None or os.getppid() == parent:
        started = time.monotonic()
        run_once()
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
