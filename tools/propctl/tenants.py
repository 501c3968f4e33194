"""Tenants: one Odoo database per property company.

A tenant is made by copying a *template* database that already has every property
addon and the Chinese chart of accounts installed (built once per version of the
addons' code, language and demo flag, like click-odoo-initdb's cache), then giving the
copy its company name and admin user. Building the template is where the order
matters: the company's country is set to China *before* ``account`` is installed, or
Odoo loads its generic chart of accounts instead of l10n_cn's.

Every operation that makes a database is all or nothing: a tenant is built (copied or
restored) under a staging name that no host name reaches and renamed once complete; a
template carries a completion mark written after its last step and is rebuilt when it
has none. Operations on one name are serialised by a PostgreSQL advisory lock, so two
propctl processes, even on different machines, never work on one tenant at once.
"""

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import click

from . import directory, settings

# Tenants are DNS labels (the host name selects the database): lowercase letters,
# digits and hyphens. Databases propctl keeps for itself contain an underscore, so
# they can never collide with a tenant.
TENANT_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_NAMES = {"postgres", "template0", "template1", "www", "localhost"}
INTERNAL_PREFIX = "propctl_"
TEMPLATE_PREFIX = INTERNAL_PREFIX + "tmpl_"
TEST_DATABASE = INTERNAL_PREFIX + "test"

# Installed in every tenant besides the property addons.
EXTRA_MODULES = ["l10n_cn"]
COUNTRY_CODE = "CN"
CURRENCY_XMLID = "base.CNY"
TIMEZONE = "Asia/Shanghai"
# Bump when the way templates are built changes, so that old templates are rebuilt.
TEMPLATE_RECIPE = "1"
# A template's completion mark: the comment on its database (CREATE DATABASE ...
# TEMPLATE does not copy it, so tenants never carry it), written after the last step.
TEMPLATE_MARK = "propctl template "
# Daily jobs (dunning, late fees, occupancy ends, reminders) run in this hour of the
# tenant's time zone: done before the office opens, owners' reminders at a civil hour.
# Each tenant gets its own minute in it, so that a fleet does not fire all at once.
DAILY_JOBS_HOUR = 7


def validate_name(name):
    if name in RESERVED_NAMES:
        raise click.ClickException(f"'{name}' is a reserved name; choose another one.")
    if not TENANT_NAME.match(name or ""):
        raise click.ClickException(
            f"'{name}' is not a valid tenant name: use 1 to 63 lowercase letters, digits "
            "and hyphens, starting and ending with a letter or digit (it becomes the "
            "host name, e.g. acme -> acme.example.com)."
        )


def property_addons():
    """The project's installable addons, by name."""
    import ast

    names = []
    for manifest in sorted(settings.ADDONS_DIR.glob("*/__manifest__.py")):
        if ast.literal_eval(manifest.read_text(encoding="utf-8")).get("installable", True):
            names.append(manifest.parent.name)
    return names


def tenant_modules():
    return property_addons() + EXTRA_MODULES


def odoo_modules():
    """The Odoo and OCA modules the property addons stand on: a database of them alone
    is plain Odoo to measure a tenant against (benchmarks/billing_run.py)."""
    import ast

    ours = set(property_addons())
    depends = set(EXTRA_MODULES)
    for name in ours:
        manifest = settings.ADDONS_DIR / name / "__manifest__.py"
        depends.update(ast.literal_eval(manifest.read_text(encoding="utf-8"))["depends"])
    return sorted(depends - ours)


_NOT_INSTALLED = {"tests", "readme"}


def code_fingerprint():
    """A hash of everything a template depends on: the addons' files and Odoo's version."""
    import odoo.release

    digest = hashlib.sha256()
    digest.update(f"{odoo.release.version}|{TEMPLATE_RECIPE}|{tenant_modules()}".encode())
    for path in sorted(settings.ADDONS_DIR.rglob("*")):
        relative = path.relative_to(settings.ADDONS_DIR).parts
        # Tests and readme fragments are read from the source tree, never installed.
        if not path.is_file() or path.suffix == ".pyc" or _NOT_INSTALLED & set(relative[1:2]):
            continue
        if "__pycache__" in relative:
            continue
        digest.update(str(path.relative_to(settings.ADDONS_DIR)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@contextlib.contextmanager
def db_management():
    """Odoo's database functions refuse to run when list_db is off (as it is when
    serving); this process is the operator's, not a web request."""
    import odoo

    previous = odoo.tools.config["list_db"]
    odoo.tools.config["list_db"] = True
    try:
        yield
    finally:
        odoo.tools.config["list_db"] = previous


@contextlib.contextmanager
def operation_lock(key):
    """Serialise the operations on `key` (a tenant or template name) across processes
    and machines: a PostgreSQL advisory lock on the main database server, held by a
    connection of its own, so that a killed process releases it."""
    if key in _locks_held:  # e.g. a template built for a tenant being created
        yield
        return
    # on the main server, whichever server the tenant is on: one lock for the fleet
    connection = directory.connect_main("postgres")
    connection.autocommit = True
    _locks_held.add(key)
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [LOCK_SPACE, key])
            if not cr.fetchone()[0]:
                click.echo(f"Waiting for another propctl operation on '{key}' to end...")
                cr.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [LOCK_SPACE, key])
        yield
    finally:
        _locks_held.discard(key)
        connection.close()


_locks_held = set()
# The first key of propctl's advisory locks ("prop"), so they never meet another tool's.
LOCK_SPACE = 0x70726F70


def all_databases():
    import odoo.service.db

    return odoo.service.db.list_dbs(force=True)


def db_exists(name):
    return name in all_databases()


def list_tenants():
    """Databases that are tenants: named like one (propctl's own have an underscore)."""
    return [name for name in all_databases() if TENANT_NAME.match(name)]


def drop_tenant(name):
    """Drop tenant `name`: its database and filestore, and the old copy a move kept."""
    with operation_lock(name):
        server = locate(name)
        tenant = directory.entry(name)
        with directory.use(server):
            drop_database(name)
        if tenant.moved_from:
            with directory.use(tenant.moved_from):
                _drop_database_only(directory.moved_name(name))
        directory.forget(name)


def drop_database(name):
    """Drop a database and its filestore (no error if it does not exist)."""
    import odoo

    _drop_database_only(name)
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def _env(registry, cr):
    import odoo

    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def _build_template(name, lang, demo, modules=None):
    """Create database `name` with base, company in China paying in CNY, then every
    tenant module, or `modules` (account's chart template follows the company's
    country)."""
    from click_odoo_contrib.update import _save_installed_checksums

    import odoo
    import odoo.service.db

    config = odoo.tools.config
    with db_management():
        odoo.service.db._create_empty_database(name)
    wanted = modules or tenant_modules()
    config["without_demo"] = False if demo else "all"
    config["load_language"] = None if lang == "en_US" else lang
    registry = odoo.modules.registry.Registry.new(name, update_module=True)
    with registry.cursor() as cr:
        env = _env(registry, cr)
        currency = env.ref(CURRENCY_XMLID)
        currency.active = True
        env.company.write(
            {
                "country_id": env.ref(f"base.{COUNTRY_CODE.lower()}").id,
                "currency_id": currency.id,
            }
        )
        env["res.users"].with_context(active_test=False).search([]).write({"tz": TIMEZONE})
    with registry.cursor() as cr:
        env = _env(registry, cr)
        found = env["ir.module.module"].search([("name", "in", wanted)])
        missing = set(wanted) - set(found.mapped("name"))
        if missing:
            raise click.ClickException(
                f"Addons not found in the addons path: {', '.join(sorted(missing))}"
            )
        found.button_immediate_install()
    registry = odoo.modules.registry.Registry(name)
    with registry.cursor() as cr:
        env = _env(registry, cr)
        not_installed = env["ir.module.module"].search(
            [("name", "in", wanted), ("state", "!=", "installed")]
        )
        if not_installed:
            raise click.ClickException(
                f"Could not install: {', '.join(not_installed.mapped('name'))}"
            )
        # Odoo logs a failed demo file and goes on without the module's demo data.
        no_demo = env["ir.module.module"].search([("name", "in", wanted), ("demo", "=", False)])
        if demo and no_demo:
            raise click.ClickException(
                f"Demo data failed to load: {', '.join(no_demo.mapped('name'))} (see above)"
            )
        # click-odoo-update compares against these: a fresh tenant is up to date.
        _save_installed_checksums(cr)


def template_name(lang, demo, fingerprint=None):
    """The template for this version of the code (several versions, e.g. staging and
    production on one server, each keep theirs), language and demo flag."""
    fingerprint = (fingerprint or code_fingerprint())[:12]
    return f"{TEMPLATE_PREFIX}{fingerprint}_{lang.lower()}_{'demo' if demo else 'nodemo'}"


def _database_comments(prefix):
    """{database: its comment (or None)} of the databases whose name starts with prefix."""
    import odoo.sql_db

    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE starts_with(datname, %s) ORDER BY datname",
            [prefix],
        )
        return dict(cr.fetchall())


def _mark_template_complete(name, lang, demo):
    import odoo.release
    import odoo.sql_db
    from odoo.service.db import database_identifier
    from odoo.tools import SQL

    mark = {
        "fingerprint": code_fingerprint(),
        "lang": lang,
        "demo": demo,
        "odoo": odoo.release.version,
        "built": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        comment = TEMPLATE_MARK + json.dumps(mark)
        cr.execute(SQL("COMMENT ON DATABASE %s IS %s", database_identifier(cr, name), comment))


def template_mark(comment):
    """The completion mark a template's comment holds, or None (an unfinished build)."""
    if comment and comment.startswith(TEMPLATE_MARK):
        with contextlib.suppress(ValueError):
            return json.loads(comment.removeprefix(TEMPLATE_MARK))
    return None


def list_templates():
    """[(name, its completion mark or None)] of the template databases on the server."""
    return [
        (name, template_mark(comment))
        for name, comment in _database_comments(TEMPLATE_PREFIX).items()
    ]


def _template_lock(name):
    # the same template name exists on each server: each is built on its own
    return operation_lock(f"{directory.current()}/{name}")


def drop_template(name):
    with _template_lock(name):
        drop_database(name)


def ensure_template(lang, demo):
    """Return the name of a complete template for the current code, building it when
    needed (a database at its name without the completion mark is an unfinished build:
    it is dropped and built again)."""
    import odoo

    name = template_name(lang, demo)
    with _template_lock(name):
        comments = _database_comments(name)
        if name in comments:
            if template_mark(comments[name]):
                return name
            click.echo(f"Dropping {name}: its build never finished")
            drop_database(name)
        click.echo(f"Building template database {name} (once per version of the addons)")
        try:
            _build_template(name, lang, demo)
            _mark_template_complete(name, lang, demo)
        except BaseException:
            odoo.modules.registry.Registry.delete(name)
            drop_database(name)
            raise
        finally:
            odoo.modules.registry.Registry.delete(name)
            odoo.sql_db.close_db(name)
    return name


def copy_database(source, target):
    import odoo.service.db

    with db_management():
        odoo.service.db.exp_duplicate_database(source, target)


def daily_jobs_minute(name):
    """The minute of DAILY_JOBS_HOUR at which tenant `name` runs its daily jobs: fixed
    for a tenant, spread evenly over the hour across tenants."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 60


def schedule_daily_jobs(env, name):
    """Move the next run of every daily (weekly, monthly) job to the next
    DAILY_JOBS_HOUR:minute of the tenant's time zone (a copy keeps its template's build
    time otherwise: every tenant would fire at the same minute)."""
    import pytz

    tz = pytz.timezone(env.ref("base.user_admin").tz or TIMEZONE)
    now = datetime.datetime.now(pytz.utc).astimezone(tz)
    first = now.replace(
        hour=DAILY_JOBS_HOUR, minute=daily_jobs_minute(name), second=0, microsecond=0
    )
    first = tz.normalize(first)
    if first <= now:
        first = tz.normalize(first + datetime.timedelta(days=1))
    jobs = (
        env["ir.cron"]
        .with_context(active_test=False)
        .search([("interval_type", "in", ("days", "weeks", "months"))])
    )
    jobs.write({"nextcall": first.astimezone(pytz.utc).replace(tzinfo=None)})


def _configure_copy(dbname, name, company, lang, admin_login, admin_password):
    """Make the copy of a template (database `dbname`) tenant `name`'s."""
    import odoo

    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = _env(registry, cr)
        env.company.name = company
        admin = env.ref("base.user_admin")
        values = {"login": admin_login, "password": admin_password, "lang": lang}
        if "@" in admin_login:
            values["email"] = admin_login
        admin.write(values)
        schedule_daily_jobs(env, name)


def create(name, company, lang, demo, admin_login, admin_password, server=directory.MAIN):
    """Create tenant `name` on database server `server`, all or nothing: built under a
    staging name no host reaches and renamed once complete; a failure, or a kill, leaves
    no tenant."""
    validate_name(name)
    _check_lang(lang)
    with operation_lock(name), directory.use(server):
        _check_unused(name)
        _clean_staging_leftovers(name)
        _check_free(name)
        template = ensure_template(lang, demo)

        def build(staging):
            copy_database(template, staging)
            _configure_copy(staging, name, company, lang, admin_login, admin_password)

        _build_staged(name, server, build)


def _build_staged(name, server, build):
    """Build tenant `name` on `server` with `build(staging)` in its staging database,
    then enter it in the directory and give it its name. On any failure, or a kill,
    what was built is removed (now or by the next operation on the name)."""
    import odoo

    staging = staging_name(name)
    try:
        build(staging)
        # entered before its database has its name: never a tenant the directory does
        # not know (an entry without its database is dropped when next read)
        directory.register(name, server)
        _promote(staging, name)
    except BaseException:
        _clean_staging_leftovers(name)
        directory.forget(name)
        raise
    finally:
        odoo.modules.registry.Registry.delete(staging)
        odoo.sql_db.close_db(staging)


def _check_free(name):
    """Refuse a name taken by a tenant, or by a filestore without its database."""
    import odoo

    if db_exists(name):
        raise click.ClickException(f"Tenant '{name}' already exists.")
    filestore = odoo.tools.config.filestore(name)
    if Path(filestore).exists():
        raise click.ClickException(f"{filestore} exists without its database; move it away first.")


def _check_lang(lang):
    import odoo.tools.misc

    codes = {code for code, _label in odoo.tools.misc.scan_languages()}
    if lang not in codes:
        raise click.ClickException(f"Unknown language '{lang}' (e.g. zh_CN, zh_TW, en_US).")


def fleet():
    """[(directory.Tenant, note)] of every tenant of every database server, by name.
    Tenant databases the directory lacks are entered, entries whose database is gone
    (a creation killed before its rename) are dropped; note is "" or what an operator
    must know (a server unreachable, a move interrupted or to confirm)."""
    import psycopg2

    found, unreachable = {}, set()
    for server_name in directory.servers():
        try:
            with directory.use(server_name):
                found[server_name] = set(list_tenants())
        except psycopg2.OperationalError:
            unreachable.add(server_name)
            continue
        directory.adopt(server_name, sorted(found[server_name]))
    listed = []
    for tenant in directory.entries():
        if tenant.server in unreachable:
            listed.append((tenant, f"server {tenant.server} unreachable"))
        elif tenant.name not in found[tenant.server]:
            directory.forget(tenant.name)
        elif tenant.moving_to:
            note = f"read-only: its move to {tenant.moving_to} stopped; run `tenant move` again"
            listed.append((tenant, note))
        elif tenant.moved_from:
            note = f"old copy kept on {tenant.moved_from} until `tenant confirm-move`"
            listed.append((tenant, note))
        else:
            listed.append((tenant, ""))
    return listed


def locate(name):
    """The database server of tenant `name`; fails if there is no such tenant."""
    validate_name(name)
    tenant = directory.entry(name)
    if tenant is None:
        fleet()  # a tenant made before the directory existed is entered now
        tenant = directory.entry(name)
    if tenant is not None:
        with directory.use(tenant.server):
            if db_exists(name):
                return tenant.server
    raise click.ClickException(f"Tenant '{name}' does not exist.")


def _check_unused(name):
    """Refuse a name that a tenant has on any server."""
    fleet()
    tenant = directory.entry(name)
    if tenant is not None:
        where = "" if tenant.server == directory.MAIN else f" (on server {tenant.server})"
        raise click.ClickException(f"Tenant '{name}' already exists{where}.")


def install_missing_modules(name):
    """Install tenant modules added to the project since the tenant was made."""
    import odoo

    registry = odoo.modules.registry.Registry(name)
    try:
        with registry.cursor() as cr:
            env = _env(registry, cr)
            env["ir.module.module"].update_list()
            missing = env["ir.module.module"].search(
                [("name", "in", tenant_modules()), ("state", "=", "uninstalled")]
            )
            if missing:
                click.echo(f"{name}: installing {', '.join(missing.mapped('name'))}")
                missing.button_immediate_install()
    finally:
        odoo.modules.registry.Registry.delete(name)
        odoo.sql_db.close_db(name)


def click_odoo_contrib(script, *args, pass_fds=()):
    """Run one of click-odoo-contrib's commands against the effective configuration
    (`pass_fds`: file descriptors the command inherits, e.g. a held maintenance mark)."""
    from . import odoo_env

    conf = odoo_env.write_conf(server_name=directory.current())
    # Like the click-odoo-<script> console script (not every module runs with -m).
    entry = f"import sys; from click_odoo_contrib.{script} import main; sys.exit(main())"
    command = [sys.executable, "-c", entry, "-c", str(conf), *args]
    result = subprocess.run(command, check=False, pass_fds=pass_fds)
    if result.returncode != 0:
        raise click.ClickException(f"click-odoo-{script} failed (exit {result.returncode}).")


# Backups are zip files as Odoo's database manager makes them: a plain SQL dump, the
# manifest and the filestore; Odoo and click-odoo-restoredb restore them too.
DUMP_MEMBER = "dump.sql"
MANIFEST_MEMBER = "manifest.json"
FILESTORE_MEMBER = "filestore/"
# pg_dump's last comment: a dump without it was cut short.
DUMP_COMPLETE = b"-- PostgreSQL database dump complete"
CREATE_TABLE = re.compile(rb'^CREATE TABLE (?:public\.)?"?([^\s"(]+)"? \(')
# A tenant is created or restored under a staging name and renamed at the end. The dot
# keeps it out of `tenant list`, the cron runner and host routing: a host label never
# contains a dot.
STAGING_PREFIX = INTERNAL_PREFIX + "staging."
# Put in a filestore moved to a tenant's name just before its database is renamed: if the
# rename never happened, the next operation on the name knows the directory is a leftover.
STAGING_MARKER = ".propctl-staging"
MAX_DB_NAME = 63  # PostgreSQL truncates longer names


def run_pg_tool(tool, *args):
    """Run a PostgreSQL client tool against the configured server; fail with its message."""
    import odoo.tools.misc

    try:
        command = [odoo.tools.misc.find_pg_tool(tool), *args]
    except Exception as exc:  # Odoo raises a bare Exception when the tool is missing
        raise click.ClickException(str(exc)) from exc
    result = subprocess.run(
        command, env=odoo.tools.misc.exec_pg_environ(), capture_output=True, text=True
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        # The first error says what went wrong; hints and context lines follow it.
        errors = [line for line in lines if "ERROR" in line or "error:" in line] or lines
        detail = f": {errors[0]}" if errors else ""
        raise click.ClickException(f"{tool} failed (exit {result.returncode}){detail}")


def _filestore_files(dbname):
    import odoo

    root = Path(odoo.tools.config.filestore(dbname))
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def _tables(dbname):
    import odoo

    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {row[0] for row in cr.fetchall()}
    odoo.sql_db.close_db(dbname)
    return tables


def _referenced_files(dbname):
    """The filestore files the tenant's attachments refer to (as `store_fname`)."""
    import odoo

    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT DISTINCT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL")
        files = {row[0] for row in cr.fetchall()}
    odoo.sql_db.close_db(dbname)
    return files


def read_archive(path):
    """Read a backup archive through, checking it is whole: (tables its dump creates,
    its filestore files as `store_fname`). Raise ClickException if it is not."""
    try:
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
            if damaged:
                raise click.ClickException(f"{path} is damaged: {damaged} does not read back.")
            names = archive.namelist()
            if DUMP_MEMBER not in names or MANIFEST_MEMBER not in names:
                raise click.ClickException(f"{path} is not a backup: no {DUMP_MEMBER}.")
            tables, complete = set(), False
            with archive.open(DUMP_MEMBER) as dump:
                for line in dump:
                    match = CREATE_TABLE.match(line)
                    if match:
                        tables.add(match.group(1).decode())
                    complete = complete or line.startswith(DUMP_COMPLETE)
    except (zipfile.BadZipFile, OSError) as exc:
        raise click.ClickException(f"{path} is not a readable backup: {exc}") from exc
    if not tables or not complete:
        raise click.ClickException(f"{path} holds an empty or incomplete database dump.")
    files = {
        name.removeprefix(FILESTORE_MEMBER)
        for name in names
        if name.startswith(FILESTORE_MEMBER) and name[-1] != "/"
    }
    return tables, files


def _write_archive(name, path):
    import odoo.service.db

    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_MEMBER
        dump.touch()  # a pg_dump that writes nothing leaves an empty dump, refused below
        run_pg_tool("pg_dump", "--no-owner", f"--file={dump}", name)
        with db_management(), odoo.sql_db.db_connect(name).cursor() as cr:
            manifest = odoo.service.db.dump_db_manifest(cr)
        odoo.sql_db.close_db(name)
        root = Path(odoo.tools.config.filestore(name))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr(MANIFEST_MEMBER, json.dumps(manifest, indent=4))
            for file in _filestore_files(name):
                try:
                    archive.write(file, FILESTORE_MEMBER + str(file.relative_to(root)))
                except FileNotFoundError:
                    # Removed since the listing by Odoo's garbage collection of the
                    # filestore (another worker): a file no attachment refers to, or
                    # its mark. A referenced file missing fails the check that follows.
                    continue
            archive.write(dump, DUMP_MEMBER)


def backup(name, path):
    """Back up tenant `name` to the zip `path`, read back and checked before it is put
    there: its dump creates every table of the tenant, it holds every file of the
    filestore the tenant's attachments refer to. Returns (tables, files). On failure
    nothing is left at `path`."""
    with directory.use(locate(name)):
        return _backup(name, path)


def _backup(name, path):
    import odoo

    target = Path(path).absolute()
    if target.exists():
        raise click.ClickException(f"{path} already exists; not overwriting it.")
    if not target.parent.is_dir():
        raise click.ClickException(f"Folder {target.parent} does not exist.")
    # Written beside the target (same file system), moved there once checked.
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        tables = _tables(name)
        referenced = _referenced_files(name)
        _write_archive(name, partial)
        archived_tables, archived_files = read_archive(partial)
        missing = tables - archived_tables
        if missing:
            raise click.ClickException(
                f"the dump lacks {len(missing)} table(s), e.g. {sorted(missing)[0]}"
            )
        # Files the cron's garbage collection removes meanwhile are not missed, nor
        # those the database refers to but the disk lost before (Odoo's backup skips them).
        root = Path(odoo.tools.config.filestore(name))
        lost = sorted(f for f in referenced - archived_files if (root / f).is_file())
        if lost:
            raise click.ClickException(
                f"the archive lacks {len(lost)} file(s) of the filestore, e.g. {lost[0]}"
            )
        files = len(archived_files)
        os.link(partial, target)  # unlike a rename, never replaces a file
    except click.ClickException as exc:
        raise click.ClickException(f"Backup of '{name}' failed: {exc.message}") from exc
    except FileExistsError as exc:
        raise click.ClickException(f"{path} already exists; not overwriting it.") from exc
    except OSError as exc:  # e.g. the disk is full
        raise click.ClickException(f"Backup of '{name}' failed: {exc}") from exc
    finally:
        os.unlink(partial)
    return len(tables), files


def staging_name(name):
    """The database a tenant `name` is built in before it gets its name."""
    staging = STAGING_PREFIX + name
    if len(staging) > MAX_DB_NAME:
        staging = STAGING_PREFIX + hashlib.sha1(name.encode()).hexdigest()
    return staging


def _clean_staging_leftovers(name):
    """Remove what a failed or killed creation or restore of `name` left: its staging
    database and filestore, and a filestore moved to `name` whose database was never
    renamed."""
    import odoo

    staging = staging_name(name)
    drop_database(staging)
    shutil.rmtree(odoo.tools.config.filestore(staging), ignore_errors=True)
    filestore = Path(odoo.tools.config.filestore(name))
    if not db_exists(name) and (filestore / STAGING_MARKER).exists():
        shutil.rmtree(filestore)


def _promote(staging, name):
    """Give the complete staging database `staging` (and its filestore) its name."""
    import odoo

    # The filestore first, marked: a process killed before the database is renamed
    # leaves no tenant, only leftovers the next operation on the name removes.
    filestore = Path(odoo.tools.config.filestore(name))
    staged = Path(odoo.tools.config.filestore(staging))
    if staged.exists():
        (staged / STAGING_MARKER).touch()
        staged.rename(filestore)
    _rename_database(staging, name)
    (filestore / STAGING_MARKER).unlink(missing_ok=True)


def _restore_into(staging, path, neutralize):
    """Build database `staging` from the backup at `path`, with its filestore."""
    import odoo
    import odoo.service.db

    with tempfile.TemporaryDirectory() as work:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.startswith(FILESTORE_MEMBER)]
            archive.extractall(work, [DUMP_MEMBER, *members])
        with db_management():
            odoo.service.db._create_empty_database(staging)
        # One transaction that stops at the first error: the dump restores whole or not.
        dump = str(Path(work) / DUMP_MEMBER)
        run_pg_tool(
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
            f"--dbname={staging}", "-f", dump,
        )  # fmt: skip
        registry = odoo.modules.registry.Registry.new(staging)
        with registry.cursor() as cr:
            # A copy of a database gets its own uuid and secret, as Odoo's restore does.
            _env(registry, cr)["ir.config_parameter"].init(force=True)
            if neutralize:
                odoo.modules.neutralize.neutralize_database(cr)
        if members:
            shutil.move(Path(work) / "filestore", odoo.tools.config.filestore(staging))


def _rename_database(source, target):
    import odoo
    from odoo.service.db import _drop_conn, database_identifier
    from odoo.tools import SQL

    odoo.modules.registry.Registry.delete(source)
    odoo.sql_db.close_db(source)
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # ALTER DATABASE cannot run in a transaction
        _drop_conn(cr, source)  # e.g. an Odoo server's idle connections
        source_id, target_id = (database_identifier(cr, db) for db in (source, target))
        cr.execute(SQL("ALTER DATABASE %s RENAME TO %s", source_id, target_id))


def restore(name, path, neutralize, server=directory.MAIN):
    """Restore tenant `name` from the backup at `path` on database server `server`, all
    or nothing: it is built under a staging name that no host routes to and renamed once
    complete."""
    validate_name(name)
    with operation_lock(name), directory.use(server):
        try:
            _check_unused(name)
        except click.ClickException as exc:
            raise click.ClickException(f"{exc.message} Drop it first.") from None
        _clean_staging_leftovers(name)
        _check_free(name)
        read_archive(path)
        _build_staged(name, server, lambda staging: _restore_into(staging, path, neutralize))


def _drop_database_only(dbname):
    """Drop database `dbname` (if it exists) but not the filestore of its name: the
    copy a move leaves shares its filestore with the tenant (data_dir is shared by
    every server group)."""
    import odoo
    from odoo.service.db import database_identifier
    from odoo.tools import SQL

    odoo.modules.registry.Registry.delete(dbname)
    odoo.sql_db.close_db(dbname)
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        # FORCE ends the sessions and drops at once: a server's worker reconnecting
        # between the two (as after Odoo's _drop_conn) would make the drop fail.
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", database_identifier(cr, dbname)))


def _set_read_only(dbname, read_only):
    """Make database `dbname` read-only for every session from now on (or writable
    again), ending the sessions open now so that none writes on."""
    import odoo
    from odoo.service.db import _drop_conn, database_identifier
    from odoo.tools import SQL

    odoo.modules.registry.Registry.delete(dbname)
    odoo.sql_db.close_db(dbname)
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        identifier = database_identifier(cr, dbname)
        if read_only:
            cr.execute(SQL("ALTER DATABASE %s SET default_transaction_read_only = on", identifier))
            _drop_conn(cr, dbname)
        else:
            cr.execute(SQL("ALTER DATABASE %s RESET default_transaction_read_only", identifier))


def _row_counts(dbname):
    """{table: rows} of database `dbname`."""
    import odoo
    from odoo.tools import SQL

    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        counts = {}
        for (table,) in cr.fetchall():
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
    odoo.sql_db.close_db(dbname)
    return counts


def move(name, target):
    """Move tenant `name` to database server `target`: read-only (and a maintenance page
    for its visitors) while its database is copied, the copy checked table by table,
    then the directory and the routing map switched to it. The old copy is kept, renamed
    out of reach, until `confirm_move`. Returns the seconds the tenant was read-only."""
    import time

    import odoo

    with operation_lock(name):
        source = locate(name)
        directory.server(target)
        if source == target:
            raise click.ClickException(f"Tenant '{name}' is already on server {target}.")
        if directory.entry(name).moved_from:
            raise click.ClickException(
                f"Tenant '{name}' has an old copy from its last move: "
                f"`propctl tenant confirm-move {name}` first."
            )
        staging = staging_name(name)
        with directory.use(target):
            if db_exists(name):
                raise click.ClickException(f"Server {target} already has a database '{name}'.")
            _drop_database_only(staging)
        from . import maintenance

        started = time.monotonic()
        with maintenance.hold(name), tempfile.TemporaryDirectory() as work:
            directory.set_moving_to(name, target)
            with directory.use(source):
                _set_read_only(name, True)
            try:
                dump = str(Path(work) / DUMP_MEMBER)
                with directory.use(source):
                    run_pg_tool("pg_dump", "--no-owner", f"--file={dump}", name)
                    expected = _row_counts(name)
                with directory.use(target):
                    with db_management():
                        odoo.service.db._create_empty_database(staging)
                    run_pg_tool(
                        "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                        f"--dbname={staging}", "-f", dump,
                    )  # fmt: skip
                    copied = _row_counts(staging)
                    if copied != expected:
                        differ = sorted(t for t in expected if copied.get(t) != expected[t])
                        raise click.ClickException(
                            f"The copy differs from {name} in {len(differ) or 'its'} "
                            f"table(s), e.g. {(differ or ['the list of tables'])[0]}."
                        )
                    _rename_database(staging, name)
            except BaseException:
                with directory.use(target):
                    _drop_database_only(staging)
                with directory.use(source):
                    _set_read_only(name, False)
                directory.set_moving_to(name, None)
                raise
            # the switch: from here on the routing map sends the tenant's host to target
            directory.register(name, target, moved_from=source)
            with directory.use(source):
                _rename_database(name, directory.moved_name(name))
        return time.monotonic() - started


def confirm_move(name):
    """Drop the old copy that the last move of tenant `name` kept."""
    with operation_lock(name):
        locate(name)
        tenant = directory.entry(name)
        if not tenant.moved_from:
            raise click.ClickException(f"Tenant '{name}' has no old copy to drop.")
        with directory.use(tenant.moved_from):
            _drop_database_only(directory.moved_name(name))
            # a move killed between the switch and the rename left it under its name
            if db_exists(name):
                _drop_database_only(name)
        directory.confirm_move(name)
        return tenant.moved_from
