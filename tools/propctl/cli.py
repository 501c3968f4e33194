"""propctl: run the property-management ERP and its tenants.

Every command that fails says why in one line; none leaves a half-made database.
"""

import os
import secrets
import subprocess
import sys
import time

import click

from . import crons, directory, machine, odoo_env, pgcluster, settings, tenants, upgrades

DEMO_TENANT = "demo"
DEMO_COMPANY = "演示物业服务有限公司"


def _ensure_db_server():
    if settings.db_server().embedded and pgcluster.start():
        click.echo(f"Embedded PostgreSQL started on 127.0.0.1:{settings.EMBEDDED_PORT}")


def _tenant_url(name):
    port = settings.read_conf(settings.SERVE_CONF_TEMPLATE)["options"].get("http_port", "8069")
    return f"http://{name}.localhost:{port}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Run the property-management ERP (Odoo 18.0) and manage its tenants."""


@main.command()
def setup():
    """Install what this machine needs: Python requirements, PostgreSQL, wkhtmltopdf,
    a CJK font, and (for tests) Chromium and pdftotext."""
    machine.setup()
    click.echo("Setup complete.")


@main.group()
def db():
    """The embedded PostgreSQL cluster under var/pg (used when no external server is set)."""


@db.command("start")
def db_start():
    if not settings.db_server().embedded:
        raise click.ClickException("An external database server is configured; nothing to start.")
    started = pgcluster.start()
    state = "started" if started else "already running"
    click.echo(f"PostgreSQL {state} on 127.0.0.1:{settings.EMBEDDED_PORT}")


@db.command("stop")
def db_stop():
    click.echo("PostgreSQL stopped." if pgcluster.stop() else "PostgreSQL was not running.")


@db.command("status")
def db_status():
    server = settings.db_server()
    if not server.embedded:
        click.echo(f"External server {server.user}@{server.host}:{server.port}")
    elif pgcluster.is_running():
        click.echo(f"Embedded PostgreSQL running on 127.0.0.1:{server.port} ({pgcluster.DATA_DIR})")
    else:
        click.echo("Embedded PostgreSQL is not running.")
        sys.exit(3)


@main.group()
def tenant():
    """Tenants: one database per property company."""


@tenant.command("create")
@click.argument("name")
@click.option("--company", help="Company name (default: the tenant name).")
@click.option("--lang", default="zh_CN", show_default=True, help="Language of the tenant.")
@click.option("--demo", is_flag=True, help="Load demo data.")
@click.option("--admin-login", default="admin", show_default=True)
@click.option(
    "--admin-password", help="Password of the tenant's admin (default: a new one, shown once)."
)
@click.option(
    "--server",
    default=directory.MAIN,
    show_default=True,
    help="The database server to create it on (see `propctl server list`).",
)
def tenant_create(name, company, lang, demo, admin_login, admin_password, server):
    """Create tenant NAME with every property addon, CNY and the Chinese chart."""
    tenants.validate_name(name)
    _ensure_db_server()
    odoo_env.load()
    started = time.monotonic()
    # no tenant starts with a password anybody could guess
    generated = not admin_password
    admin_password = admin_password or secrets.token_urlsafe(12)
    tenants.create(name, company or name, lang, demo, admin_login, admin_password, server)
    elapsed = time.monotonic() - started
    click.echo(f"Tenant '{name}' created in {elapsed:.0f} s: {_tenant_url(name)}")
    if generated:
        click.echo(f"Log in as {admin_login} / {admin_password} (shown once: keep it).")


@tenant.command("list")
def tenant_list():
    """List the tenants of every database server: name, URL, server, and what an
    operator must know of it (a move interrupted or to confirm)."""
    _ensure_db_server()
    odoo_env.load()
    for entry, note in tenants.fleet():
        line = f"{entry.name}\t{_tenant_url(entry.name)}\t{entry.server}\t{note}"
        click.echo(line.rstrip())


@tenant.command("upgrade")
@click.argument("name", required=False)
@click.option("--all", "all_tenants", is_flag=True, help="Upgrade every tenant.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="With --all: upgrade this many tenants at a time.",
)
def tenant_upgrade(name, all_tenants, jobs):
    """Update the addons whose code changed (and install new ones) in NAME or --all.

    --all goes on past a failed tenant, prints what happened to each and fails if any
    did; an up-to-date tenant is skipped without loading Odoo for it."""
    if bool(name) == all_tenants:
        raise click.UsageError("Give a tenant NAME or --all (not both).")
    _ensure_db_server()
    odoo_env.load()
    if name:
        with directory.use(tenants.locate(name)):
            click.echo(f"Upgrading {name}")
            upgraded = upgrades.upgrade(name)
        click.echo(f"{name}: {upgrades.UPGRADED if upgraded else upgrades.UP_TO_DATE}")
        return
    located = [(entry.name, entry.server) for entry, _note in tenants.fleet()]
    outcomes = upgrades.upgrade_fleet(located, jobs)
    upgrades.print_table(outcomes)
    failed = [o.name for o in outcomes if o.failed]
    if failed:
        raise click.ClickException(
            f"{len(failed)} of {len(outcomes)} tenants failed to upgrade: {', '.join(failed)} "
            f"(logs in {upgrades.log_path(failed[0]).parent})"
        )


@tenant.command("backup")
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False))
def tenant_backup(name, file):
    """Back up NAME (database and filestore) to a zip FILE."""
    _ensure_db_server()
    odoo_env.load()
    tables, files = tenants.backup(name, file)
    click.echo(f"Backed up '{name}' to {file} ({tables} tables, {files} filestore files, checked)")


@tenant.command("restore")
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--neutralize/--no-neutralize",
    default=True,
    show_default=True,
    help="Disable outgoing mail, crons and payment providers; --no-neutralize keeps them "
    "as in the backup (restoring production itself).",
)
@click.option(
    "--server",
    default=directory.MAIN,
    show_default=True,
    help="The database server to restore it on.",
)
def tenant_restore(name, file, neutralize, server):
    """Restore tenant NAME from a backup FILE made by `tenant backup`, all or nothing."""
    tenants.validate_name(name)
    if not os.path.isfile(file):
        raise click.ClickException(f"Backup file {file} not found.")
    _ensure_db_server()
    odoo_env.load()
    tenants.restore(name, os.path.abspath(file), neutralize, server)
    state = "neutralized" if neutralize else "NOT neutralized: crons and mail are live"
    click.echo(f"Restored '{name}' from {file} ({state}): {_tenant_url(name)}")


@tenant.command("drop")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def tenant_drop(name, yes):
    """Drop tenant NAME: its database and filestore."""
    _ensure_db_server()
    odoo_env.load()
    tenants.locate(name)
    if not yes:
        click.confirm(f"Drop tenant '{name}' and all its data?", abort=True)
    tenants.drop_tenant(name)
    click.echo(f"Tenant '{name}' dropped.")


@tenant.command("move")
@click.argument("name")
@click.option("--to", "server", required=True, help="The database server to move it to.")
def tenant_move(name, server):
    """Move tenant NAME to another database server: read-only while it is copied, the
    copy checked, then switched; the old copy is kept until `tenant confirm-move`."""
    _ensure_db_server()
    odoo_env.load()
    source = tenants.locate(name)
    seconds = tenants.move(name, server)
    click.echo(
        f"Moved '{name}' from {source} to {server} (read-only for {seconds:.0f} s). "
        f"The old copy is kept on {source}: `propctl tenant confirm-move {name}` drops it."
    )


@tenant.command("confirm-move")
@click.argument("name")
def tenant_confirm_move(name):
    """Drop the old copy that the last move of NAME kept."""
    _ensure_db_server()
    odoo_env.load()
    source = tenants.confirm_move(name)
    click.echo(f"Dropped the old copy of '{name}' on {source}.")


@main.group()
def server():
    """Database servers: tenants may live on several (the directory says where)."""


@server.command("add")
@click.argument("name")
@click.option("--host", required=True)
@click.option("--port", type=int, default=5432, show_default=True)
@click.option("--user", default="odoo", show_default=True, help="A role with CREATEDB.")
@click.option("--password", prompt=True, hide_input=True, help="The role's password.")
def server_add(name, host, port, user, password):
    """Add database server NAME to the directory (tenants can then be created on it or
    moved to it)."""
    _ensure_db_server()
    directory.add_server(name, host, port, user, password)
    click.echo(f"Server '{name}' added ({user}@{host}:{port}).")


@server.command("remove")
@click.argument("name")
def server_remove(name):
    """Remove database server NAME from the directory (it must hold no tenant)."""
    _ensure_db_server()
    odoo_env.load()
    held = [entry.name for entry, _note in tenants.fleet() if entry.server == name]
    if held:
        raise click.ClickException(
            f"Server '{name}' holds {len(held)} tenant(s), e.g. {held[0]}: move or drop them first."
        )
    directory.remove_server(name)
    click.echo(f"Server '{name}' removed from the directory.")


@server.command("list")
def server_list():
    """List the database servers with their number of tenants."""
    _ensure_db_server()
    odoo_env.load()
    counts = {}
    for entry, _note in tenants.fleet():
        counts[entry.server] = counts.get(entry.server, 0) + 1
    for name, db in directory.servers().items():
        click.echo(f"{name}\t{db.user}@{db.host}:{db.port}\t{counts.get(name, 0)} tenants")


@main.command()
def routing():
    """Write the reverse proxy's routing map (tenant -> server group) from the directory."""
    _ensure_db_server()
    odoo_env.load()
    tenants.fleet()
    directory.write_routing_map()
    click.echo(f"Wrote {directory.routing_map_path()}")


@main.group()
def template():
    """Template databases: tenants are copies of them (one per version of the addons,
    language and demo flag)."""


@template.command("list")
def template_list():
    """List the templates: current (this code's), other version, or unfinished."""
    _ensure_db_server()
    odoo_env.load()
    current = tenants.code_fingerprint()
    for name, mark in tenants.list_templates():
        if not mark:
            state, built = "unfinished", ""
        else:
            state = "current" if mark["fingerprint"] == current else "other version"
            built = f"built {mark['built']}, Odoo {mark['odoo']}"
        click.echo(f"{name}\t{state}\t{built}".rstrip())


@template.command("drop")
@click.argument("names", nargs=-1)
@click.option("--stale", is_flag=True, help="Drop every template that is not current.")
def template_drop(names, stale):
    """Drop the template(s) NAMES, or with --stale those of other versions and
    unfinished builds (another version of propctl on this server rebuilds its own)."""
    if bool(names) == stale:
        raise click.UsageError("Give template NAMES or --stale (not both).")
    _ensure_db_server()
    odoo_env.load()
    current = tenants.code_fingerprint()
    templates = dict(tenants.list_templates())
    unknown = set(names) - set(templates)
    if unknown:
        raise click.ClickException(f"No such template: {', '.join(sorted(unknown))}")
    if stale:
        names = [n for n, mark in templates.items() if not mark or mark["fingerprint"] != current]
    for name in names:
        tenants.drop_template(name)
        click.echo(f"Dropped {name}")


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=int, help="HTTP port (default: http_port of config/odoo.conf).")
@click.option(
    "--server",
    "server_name",
    default=directory.MAIN,
    show_default=True,
    help="The database server whose tenants this Odoo server group serves.",
)
@click.argument("odoo_args", nargs=-1, type=click.UNPROCESSED)
def serve(port, server_name, odoo_args):
    """Serve the tenants of a database server, routed by host name (NAME.localhost:PORT)."""
    _ensure_db_server()
    odoo_env.load()
    conf = odoo_env.write_conf(server_name=server_name)
    port = port or int(settings.read_conf(conf)["options"].get("http_port", 8069))
    names = [entry.name for entry, _note in tenants.fleet() if entry.server == server_name]
    if not names:
        click.echo("No tenant yet: create one with `./propctl tenant create NAME`.")
    for name in names:
        click.echo(f"{name}\thttp://{name}.localhost:{port}")
    sys.stdout.flush()
    # The crons of every tenant run beside the server (its own cron thread is off), in a
    # child that ends with it: Odoo replaces this process and keeps its pid.
    subprocess.Popen(
        [
            *[sys.executable, str(settings.ROOT / "propctl"), "cron"],
            *["--server", server_name, "--parent", str(os.getpid())],
        ],
        env=odoo_env.process_env(),
        preexec_fn=crons.die_with_parent,
    )
    command = [sys.executable, "-m", "odoo", "server", "-c", str(conf), f"--http-port={port}"]
    os.execve(sys.executable, [*command, *odoo_args], odoo_env.process_env())


@main.command()
@click.option(
    "--interval",
    type=float,
    default=lambda: float(os.environ.get("PROPCTL_CRON_INTERVAL", crons.INTERVAL)),
    help="Seconds between two walks over the tenants (default 60, or $PROPCTL_CRON_INTERVAL).",
)
@click.option(
    "--server",
    "server_name",
    default=directory.MAIN,
    show_default=True,
    help="The database server whose tenants it serves.",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=lambda: int(os.environ.get("PROPCTL_CRON_PROCESSES", crons.PROCESSES)),
    help="Runners side by side, each running one job at a time (default 2, or "
    "$PROPCTL_CRON_PROCESSES).",
)
@click.option("--parent", type=int, hidden=True, help="Stop when this process is gone.")
def cron(interval, server_name, processes, parent):
    """Run the scheduled actions of every tenant of a database server (and of no
    template or test database)."""
    _ensure_db_server()
    odoo_env.load()
    for _ in range(processes - 1):
        subprocess.Popen(
            [
                *[sys.executable, str(settings.ROOT / "propctl"), "cron", "--processes", "1"],
                *["--interval", str(interval), "--server", server_name],
                *["--parent", str(os.getpid())],
            ],
            env=odoo_env.process_env(),
            preexec_fn=crons.die_with_parent,
        )
    with directory.use(server_name):
        crons.run_forever(interval, parent)


@main.command()
@click.pass_context
def up(ctx):
    """Set up the machine, start the database, create a demo tenant if none, serve."""
    machine.setup()
    _ensure_db_server()
    odoo_env.load()
    if not tenants.fleet():
        ctx.invoke(
            tenant_create,
            name=DEMO_TENANT,
            company=DEMO_COMPANY,
            lang="zh_CN",
            demo=True,
            admin_login="admin",
            admin_password=None,
            server=directory.MAIN,
        )
    ctx.invoke(serve, port=None, server_name=directory.MAIN, odoo_args=())


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--no-lint", is_flag=True, help="Skip ruff and pylint-odoo.")
@click.option("--only", type=click.Choice(["addons", "suite"]), help="Run one half only.")
@click.option(
    "--no-coverage", is_flag=True, help="Run the addons' tests without measuring coverage."
)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def test(no_lint, only, no_coverage, pytest_args):
    """Check that this machine has what the tests need (`setup` installs it), then run
    the linters, the .pot/.po check, the addons' tests with coverage, each addon alone on
    a fresh database with Odoo's runner (without extra pytest arguments) and the suite
    tests; fail on any warning or skip."""
    from . import testing

    ok = testing.run(
        lint=not no_lint,
        addon_tests=only in (None, "addons"),
        suite_tests=only in (None, "suite"),
        pytest_args=pytest_args,
        coverage=not no_coverage,
    )
    sys.exit(0 if ok else 1)
