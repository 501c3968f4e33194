"""`propctl test`: linters, the addons' tests (pytest-odoo) and the suite tests in tests/.

One test database, ``propctl_test``, is shared by the whole run. It is a copy of the
template database (every tenant module installed, demo data, en_US) and is kept between
runs while the addons' code is unchanged; when the code changes, it is rebuilt.
"""

import subprocess
import sys
import time

import click

from . import machine, odoo_env, pgcluster, settings, tenants

FINGERPRINT_PARAM = "propctl.code_fingerprint"
# Installed in the test database only, never in tenants: the demo payment provider lets
# the tests pay a payment notice online.
TEST_ONLY_MODULES = ["payment_demo"]


def run_linters():
    steps = [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
    ]
    addons = [
        str(p.parent)
        for directory in (settings.ADDONS_DIR, settings.SERVER_ADDONS_DIR)
        for p in sorted(directory.glob("*/__manifest__.py"))
    ]
    if addons:
        steps.append(["pylint", "--rcfile=.pylintrc-mandatory", *addons])
    commands = [[sys.executable, "-m", *step] for step in steps]
    # OCA's module and .po checks (oca-odoo-pre-commit-hooks), as its pre-commit runs them
    catalogues = sorted(str(p) for p in settings.ADDONS_DIR.glob("*/i18n/*.po*"))
    for script, args in (("cli", addons), ("cli_po", catalogues)):
        entry = f"import sys; from oca_pre_commit_hooks.{script} import main; sys.exit(main())"
        commands.append([sys.executable, "-c", entry, *args])
    prettier = str(settings.ROOT / "node_modules" / ".bin" / "prettier")
    commands.append([prettier, "--check", "--log-level=warn", "addons/**/*.xml"])
    ok = True
    for command in commands:
        shown = ["python3", *command[1:]] if command[0] == sys.executable else command
        click.echo(f"$ {' '.join(shown)[:160]}")
        ok &= subprocess.run(command, cwd=settings.ROOT, check=False).returncode == 0
    return ok


def _stored_fingerprint(odoo, name):
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [FINGERPRINT_PARAM])
        row = cr.fetchone()
    odoo.sql_db.close_db(name)
    return row and row[0]


def _install_test_only_modules(odoo, name):
    """Install the TEST_ONLY_MODULES missing from database `name`."""
    registry = odoo.modules.registry.Registry(name)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        modules = env["ir.module.module"].search(
            [("name", "in", TEST_ONLY_MODULES), ("state", "!=", "installed")]
        )
        if modules:
            names = ", ".join(modules.mapped("name"))
            click.echo(f"Installing test-only modules in {name}: {names}")
            modules.button_immediate_install()
    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)


def prepare_test_database():
    """Make sure propctl_test exists, has the current code's modules all installed, and
    the test-only modules."""
    odoo = odoo_env.load(test=True)
    name = tenants.TEST_DATABASE
    fingerprint = tenants.code_fingerprint()
    if tenants.db_exists(name) and _stored_fingerprint(odoo, name) == fingerprint:
        click.echo(f"Reusing test database {name} (addons unchanged)")
    else:
        if tenants.db_exists(name):
            tenants.drop_database(name)
        template = tenants.ensure_template("en_US", demo=True)
        click.echo(f"Creating test database {name}")
        tenants.copy_database(template, name)
        odoo.modules.registry.Registry.delete(name)
        with odoo.sql_db.db_connect(name).cursor() as cr:
            cr.execute(
                "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)",
                [FINGERPRINT_PARAM, fingerprint],
            )
        odoo.sql_db.close_db(name)
    _install_test_only_modules(odoo, name)
    # pytest-odoo runs whatever it finds against this database without checking that
    # the addons under test are installed in it: check here.
    expected = tenants.tenant_modules() + TEST_ONLY_MODULES
    with odoo.sql_db.db_connect(name).cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
            [tuple(expected)],
        )
        installed = {row[0] for row in cr.fetchall()}
    odoo.sql_db.close_db(name)
    missing = set(expected) - installed
    if missing:
        raise click.ClickException(
            f"Not installed in {name}: {', '.join(sorted(missing))}; tests cannot run."
        )
    return name


def _pytest(args):
    env = dict(odoo_env.process_env(), PYTHONPATH=str(settings.ROOT / "tools"))
    command = [sys.executable, "-m", "pytest", "-p", "propctl.pytest_guard", *args]
    click.echo(f"$ python3 {' '.join(command[1:])}")
    return subprocess.run(command, cwd=settings.ROOT, env=env, check=False).returncode == 0


def run(lint=True, addon_tests=True, suite_tests=True, pytest_args=()):
    started = time.monotonic()
    machine.install_python_requirements()
    machine.install_debian_packages()
    machine.install_node_tooling()
    results = {}
    if lint:
        results["lint"] = run_linters()
    started_db = settings.db_server().embedded and pgcluster.start()
    try:
        if addon_tests:
            database = prepare_test_database()
            conf = settings.VAR_DIR / "odoo-test.conf"
            results["addon tests"] = _pytest(
                [
                    f"--odoo-config={conf}",
                    f"--odoo-database={database}",
                    "--odoo-log-level=warn",
                    "--odoo-http",
                    *pytest_args,
                    *[str(p) for p in sorted(settings.ADDONS_DIR.glob("*/tests"))],
                ]
            )
        if suite_tests:
            results["suite tests"] = _pytest(["-p", "no:odoo", *pytest_args, "tests"])
    finally:
        if started_db:
            pgcluster.stop()
    click.echo("")
    for step, ok in results.items():
        click.echo(f"{step:12} {'passed' if ok else 'FAILED'}")
    click.echo(f"total        {time.monotonic() - started:.0f} s")
    return all(results.values())
