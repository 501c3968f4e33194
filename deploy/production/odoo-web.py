#!/usr/bin/env python3
"""Odoo's prefork server without the gevent process it would start beside itself.

In prefork mode (``workers > 0``) Odoo 18's ``PreforkServer.process_spawn`` starts, at
every turn of its loop, ``python3 <argv[0]> gevent <same arguments>`` whenever it has no
such child (``long_polling_spawn``): the websocket server on ``gevent_port``. In the
production layout the ``gevent`` service is that process, once, for every web replica;
without this launcher each web container would also run an idle one of its own (an Odoo
process, memory for nothing, and a second listener of the bus if a request ever reached
it). This launcher is ``odoo`` (the same arguments, the same ``server`` command) with
that spawn turned into nothing; everything else is Odoo's own code.

    python3 odoo-web.py -c /etc/odoo/odoo.conf [odoo options...]
"""

import sys


def disable_gevent_spawn():
    """Make the prefork server start no gevent child (idempotent)."""
    from odoo.service import server

    server.PreforkServer.long_polling_spawn = lambda self: None


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "gevent":
        sys.exit("odoo-web.py runs the prefork server; run the gevent server with `odoo gevent`")
    import odoo.cli

    disable_gevent_spawn()
    odoo.cli.main()


if __name__ == "__main__":
    main()
