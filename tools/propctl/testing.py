"""`propctl test`: linters, the addons' tests (pytest-odoo) and the suite tests in tests/.

It installs nothing: what is missing (Python requirements, Debian tools, prettier) stops
it at once with the list and `./propctl setup`, which installs them.

One test database, ``propctl_test``, is shared by the whole run. It is a copy of the
template database (every tenant module installed, demo data, en_US) and is kept between
runs while the addons' code is unchanged; when the code changes, it is rebuilt. On it,
before the addons' tests, the translation catalogues are compared with Odoo's export
(`catalogues`). The addons' tests run under coverage; a table of each addon's figures
closes the run. Then each addon of FRESH_DATABASE_ADDONS is installed alone (with its
dependencies) in a new database and tested by Odoo's own runner, as OCA's CI does.
"""

import io
import re
import socket
import subprocess
import sys
import time

import click

from . import machine, odoo_env, pgcluster, settings, tenants

FINGERPRINT_PARAM = "propctl.code_fingerprint"
# Installed in the test database only, never in tenants: the demo payment provider lets
# the tests pay a payment notice online.
TEST_ONLY_MODULES = ["payment_demo"]
# Addons whose tests `propctl test` also runs with Odoo's own runner, in a new database
# where only the addon and its dependencies are installed (add each one once it passes).
# Each costs minutes (install and tests, on 2 cores): property_base about 110 s,
# property_billing about 125 s, property_fund about 120-135 s, property_bank about 100 s,
# property_ticket about 145-155 s, property_renovation about 155 s, property_hr about
# 160 s, property_operations about 125 s, property_community about 135 s.
FRESH_DATABASE_ADDONS = [
    "property_base",
    "property_billing",
    "property_fund",
    "property_bank",
    "property_ticket",
    "property_renovation",
    "property_hr",
    "property_operations",
    "property_community",
    "property_community_hr",
]
# Never a tenant (tenants' names have no underscore), never reached by a host name.
FRESH_DATABASE_PREFIX = tenants.INTERNAL_PREFIX + "test_fresh_"
# Lines of Odoo's log that fail a fresh-database run (as the pytest guard fails a
# pytest run on any WARNING or ERROR).
_ODOO_LOG_LEVEL = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")


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
    # Not po-pretty-format: it empties a translation equal to its source ("ID", the
    # Chinese of the demo data in zh_CN), and a catalogue must translate every entry.
    catalogues = ["--disable=po-pretty-format", *catalogues]
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


def check_catalogues(database):
    """True if every addon's .pot is what Odoo's export gives and every .po has its
    msgids; otherwise print what differs and how to regenerate."""
    from . import catalogues

    started = time.monotonic()
    findings = catalogues.check(database)
    if findings:
        click.echo(catalogues.report(findings), err=True)
    elapsed = time.monotonic() - started
    verdict = "differ" if findings else "are what Odoo's export gives"
    click.echo(
        f"Translation catalogues of {len(catalogues.addons())} addons {verdict} ({elapsed:.0f} s)"
    )
    return not findings


def _coverage_rc():
    """The coverage configuration of the addons' tests (written to var/): the addons'
    code, not their tests."""
    rc = settings.VAR_DIR / "coveragerc"
    rc.parent.mkdir(parents=True, exist_ok=True)
    rc.write_text(
        "[run]\n"
        f"data_file = {settings.VAR_DIR / 'coverage' / 'addons.coverage'}\n"
        f"source = {settings.ADDONS_DIR}\n"
        "omit =\n    */tests/*\n    */__manifest__.py\n"
    )
    (settings.VAR_DIR / "coverage").mkdir(exist_ok=True)
    return rc


def _addon_code(addon_dir):
    """The addon's Python files that coverage measures: all but its tests."""
    return [
        path
        for path in sorted(addon_dir.rglob("*.py"))
        if "tests" not in path.relative_to(addon_dir).parts and path.name != "__manifest__.py"
    ]


def coverage_by_addon(rc):
    """[(addon, statements, covered)] from the coverage data of the last run."""
    import coverage

    cov = coverage.Coverage(config_file=str(rc))
    cov.load()
    rows = []
    for manifest in sorted(settings.ADDONS_DIR.glob("*/__manifest__.py")):
        statements = covered = 0
        for path in _addon_code(manifest.parent):
            _name, lines, _excluded, missing, _text = cov.analysis2(str(path))
            statements += len(lines)
            covered += len(lines) - len(missing)
        rows.append((manifest.parent.name, statements, covered))
    return rows


def coverage_table(rows):
    out = io.StringIO()
    out.write(f"{'addon':24} {'statements':>10} {'covered':>8}\n")
    total_statements = total_covered = 0
    for addon, statements, covered in rows:
        total_statements += statements
        total_covered += covered
        out.write(f"{addon:24} {statements:>10} {_percent(covered, statements):>8}\n")
    out.write(
        f"{'total':24} {total_statements:>10} {_percent(total_covered, total_statements):>8}\n"
    )
    return out.getvalue()


def _percent(covered, statements):
    return f"{100 * covered / statements:.1f}%" if statements else "-"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dependencies(module):
    """`module` and every module it depends on, from the manifests."""
    from odoo.modules.module import get_manifest

    found, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(get_manifest(name).get("depends", []))
    return found


def fresh_database_modules(addon):
    """What a fresh database of `addon` gets installed: the addon, and the
    TEST_ONLY_MODULES whose dependencies it installs anyway (payment_demo with an addon
    that depends on payment, as the test database has it), nothing else."""
    needed = _dependencies(addon)
    return [addon] + [
        module for module in TEST_ONLY_MODULES if _dependencies(module) - {module} <= needed
    ]


def fresh_database_command(addon, database, conf, port, modules=None):
    """Odoo's own runner: install `addon` (or `modules`, fresh_database_modules) and
    its dependencies in the new `database`, with the tests of `addon` only (at install
    and post install), as OCA's CI runs them (oca_init_test_database, oca_run_tests)."""
    return [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        str(conf),
        "-d",
        database,
        f"--db-filter=^{re.escape(database)}$",
        "-i",
        ",".join(modules or [addon]),
        "--test-enable",
        f"--test-tags=/{addon}",
        "--stop-after-init",
        "--without-demo=",
        f"--http-port={port}",
        "--log-level=warn",
        "--log-handler=odoo.tests.result:INFO",
    ]


def odoo_log_failures(log):
    """The lines of an Odoo log that fail a run (WARNING and worse), and the test
    summary line (`N failed, M error(s) of T tests when loading database ...`)."""
    failures, summary = [], ""
    for line in log.splitlines():
        if " tests when loading database " in line:
            summary = line.split(": ", 1)[-1].strip()
        if _ODOO_LOG_LEVEL.match(line):
            failures.append(line)
    return failures, summary


def run_fresh_database(addon):
    """Test `addon` with Odoo's runner in a new database holding only it and its
    dependencies (dropped afterwards); print what failed. True if all passed."""
    database = FRESH_DATABASE_PREFIX + addon
    conf = settings.VAR_DIR / "odoo-test.conf"
    log_path = settings.VAR_DIR / "log" / f"{database}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = fresh_database_command(
        addon, database, conf, _free_port(), fresh_database_modules(addon)
    )
    shown = " ".join(["python3", *command[1:]])
    click.echo(f"$ {shown}")
    started = time.monotonic()
    if tenants.db_exists(database):
        tenants.drop_database(database)
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            result = subprocess.run(
                command,
                cwd=settings.ROOT,
                env=odoo_env.process_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
    finally:
        if tenants.db_exists(database):
            tenants.drop_database(database)
    failures, summary = odoo_log_failures(log_path.read_text(encoding="utf-8"))
    elapsed = time.monotonic() - started
    ok = result.returncode == 0 and not failures and bool(summary)
    for line in failures:
        click.echo(line[:2000], err=True)
    click.echo(
        f"{addon} on a fresh database: {summary or 'no test summary in the log'}, "
        f"{elapsed:.0f} s ({'passed' if ok else f'FAILED, log in {log_path}'})"
    )
    return ok


def _pytest(args):
    env = dict(odoo_env.process_env(), PYTHONPATH=str(settings.ROOT / "tools"))
    command = [sys.executable, "-m", "pytest", "-p", "propctl.pytest_guard", *args]
    click.echo(f"$ python3 {' '.join(command[1:])}")
    return subprocess.run(command, cwd=settings.ROOT, env=env, check=False).returncode == 0


def run(lint=True, addon_tests=True, suite_tests=True, pytest_args=(), coverage=True):
    started = time.monotonic()
    machine.check_for_tests()
    results = {}
    coverage_rows = None
    if lint:
        results["lint"] = run_linters()
    started_db = settings.db_server().embedded and pgcluster.start()
    try:
        if addon_tests:
            database = prepare_test_database()
            results["catalogues"] = check_catalogues(database)
            conf = settings.VAR_DIR / "odoo-test.conf"
            cov_args = []
            if coverage:
                rc = _coverage_rc()
                cov_args = [f"--cov-config={rc}", f"--cov={settings.ADDONS_DIR}", "--cov-report="]
            results["addon tests"] = _pytest(
                [
                    f"--odoo-config={conf}",
                    f"--odoo-database={database}",
                    "--odoo-log-level=warn",
                    "--odoo-http",
                    *cov_args,
                    *pytest_args,
                    *[str(p) for p in sorted(settings.ADDONS_DIR.glob("*/tests"))],
                ]
            )
            if coverage:
                coverage_rows = coverage_by_addon(rc)
            if not pytest_args:
                for addon in FRESH_DATABASE_ADDONS:
                    results[f"{addon} alone"] = run_fresh_database(addon)
        if suite_tests:
            results["suite tests"] = _pytest(["-p", "no:odoo", *pytest_args, "tests"])
    finally:
        if started_db:
            pgcluster.stop()
    click.echo("")
    if coverage_rows:
        click.echo("Coverage of the addons' code by their tests:")
        click.echo(coverage_table(coverage_rows))
    for step, ok in results.items():
        click.echo(f"{step:24} {'passed' if ok else 'FAILED'}")
    click.echo(f"{'total':24} {time.monotonic() - started:.0f} s")
    return all(results.values())
