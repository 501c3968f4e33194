"""What the benchmarks that run inside a tenant share: their command line (a tenant,
`--config`) and a superuser environment on the tenant whose work is rolled back."""

import argparse
import os
import sys
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
