"""Tenants under maintenance: the mark an upgrade holds, which the Odoo servers answer
with a maintenance page (the server-wide module ``propctl_maintenance`` in
``tools/odoo_server_addons``, where the mark is defined and why it is a locked file)
and the cron runner skips."""

import contextlib

import click

from . import odoo_env


def _mark():
    # the addons path that odoo_env.load() set up includes tools/odoo_server_addons
    from odoo.addons.propctl_maintenance import mark

    return mark


@contextlib.contextmanager
def hold(name):
    """Tenant `name` is under maintenance inside the block; yields the file descriptor
    that holds the mark (give it to the child processes doing the work). Fails if
    another live process holds it (another upgrade of the tenant)."""
    mark = _mark()
    with contextlib.ExitStack() as stack:
        try:
            fd = stack.enter_context(mark.hold(str(odoo_env.data_dir()), name))
        except mark.AlreadyMarked as exc:
            raise click.ClickException(f"{exc}: try again once that is over.") from None
        yield fd


def is_under_maintenance(name):
    """Whether a live process holds the mark of tenant `name` now."""
    return _mark().is_held(str(odoo_env.data_dir()), name)
