"""What the benchmarks that run inside a tenant share: their command line (a tenant,
`--config`), a superuser environment on the tenant whose work is rolled back, and an
Odoo HTTP server in test mode to load pages as a portal user would."""

import argparse
import os
import socket
import statistics
import sys
import time
from contextlib import contextmanager

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))


def argument_parser(doc):
    """A parser taking the tenant and `--config`, described by the script's docstring."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--config", help="Odoo configuration file (default: propctl's)")
    return parser


def load_odoo(config=None):
    """Odoo, configured by `config` if given, else as propctl configures it."""
    if config:
        import odoo

        odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
        return odoo
    from propctl import odoo_env

    return odoo_env.load()


@contextmanager
def rolled_back_env(args, context=None):
    """A superuser environment on `args.tenant`; everything done in it is rolled back."""
    odoo = load_odoo(args.config)
    registry = odoo.modules.registry.Registry(args.tenant)
    with registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, context or {})
        finally:
            cr.rollback()
    print("rolled back")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_in_test_mode(odoo, registry, cr):
    """Serve HTTP on a free local port in Odoo's test mode (every request on `cr`, as
    HttpCase does, so that what the pages do is rolled back with it); the base url.
    Leave with `registry.leave_test_mode()`."""
    odoo.tools.config["http_interface"] = "127.0.0.1"
    odoo.tools.config["http_port"] = port = free_port()
    registry.enter_test_mode(cr)
    odoo.service.server.ThreadedServer(odoo.http.root).http_spawn()
    return f"http://127.0.0.1:{port}"


def portal_session(base, tenant, login, password):
    """A requests session logged in as `login` on `tenant`, served at `base`."""
    import requests

    session = requests.Session()
    session.headers["Host"] = f"{tenant}.localhost"
    response = session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": tenant, "login": login, "password": password}},
    )
    if "error" in response.json():
        sys.exit(f"cannot log {login} in: {response.json()['error']['data']['message']}")
    # the cookie is the tenant's host's, which the jar does not match to 127.0.0.1
    session.headers["Cookie"] = f"session_id={response.cookies['session_id']}"
    return session


def median_ms(session, url, runs):
    """The median ms of `runs` loads of `url` (after the caller's warm-up)."""
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        session.get(url, allow_redirects=False)
        timings.append(1000 * (time.perf_counter() - started))
    return statistics.median(timings)
