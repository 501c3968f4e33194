"""Backups checked before they are called good, and restores that are all or nothing:
a tenant appears whole (neutralized unless asked otherwise) or not at all."""

import os
import zipfile
from pathlib import Path

import pytest
from conftest import (
    COMPANY_A,
    TENANT_A,
    assert_clear_error,
    data_dir,
    db_connect,
    run_propctl,
    tenant_names,
)

# Stand-ins for pg_dump, found first on PATH.
FAKE_PG_DUMPS = {
    "exits 1": "#!/bin/sh\necho 'pg_dump: error: connection to server lost' >&2\nexit 1\n",
    "writes nothing": "#!/bin/sh\nexit 0\n",
}


@pytest.fixture(scope="module")
def backup_of_a(two_tenants, tmp_path_factory):
    path = tmp_path_factory.mktemp("backup") / "a.zip"
    result = run_propctl("tenant", "backup", TENANT_A, str(path))
    assert "Backed up" in result.stdout
    return path


def _databases_like(name):
    """Databases whose name contains `name` (the tenant or a staging copy of it)."""
    with db_connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE strpos(datname, %s) > 0", [name])
        names = [row[0] for row in cr.fetchall()]
    conn.close()
    return names


def _neutralization(dbname):
    """(flag database.is_neutralized set, number of active crons besides autovacuum)"""
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'")
        flag = cr.fetchone() == ("true",)
        cr.execute(
            "SELECT count(*) FROM ir_cron WHERE active AND id NOT IN (SELECT res_id "
            "FROM ir_model_data WHERE model = 'ir.cron' AND module = 'base' "
            "AND name = 'autovacuum_job')"
        )
        active_crons = cr.fetchone()[0]
    conn.close()
    return flag, active_crons


@pytest.mark.parametrize("behaviour", sorted(FAKE_PG_DUMPS))
def test_failed_dump_leaves_no_archive(two_tenants, tmp_path, behaviour):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text(FAKE_PG_DUMPS[behaviour])
    fake.chmod(0o755)
    target_dir = tmp_path / "backups"
    target_dir.mkdir()
    result = run_propctl(
        "tenant",
        "backup",
        TENANT_A,
        str(target_dir / "a.zip"),
        check=False,
        env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )
    assert_clear_error(result, "Backup of 'test-a' failed")
    assert "Backed up" not in result.stdout
    assert list(target_dir.iterdir()) == []


def test_restore_answers_and_is_neutralized_unless_asked(server, backup_of_a):
    run_propctl("tenant", "restore", "test-restored", str(backup_of_a))
    assert "test-restored" in tenant_names()
    call = server.login("test-restored")
    assert call("res.company", "search_read", [], ["name"])[0]["name"] == COMPANY_A
    assert _neutralization("test-restored") == (True, 0)

    run_propctl("tenant", "restore", "test-production", str(backup_of_a), "--no-neutralize")
    flag, active_crons = _neutralization("test-production")
    assert not flag
    assert active_crons > 0


def _truncated(good, broken):
    data = good.read_bytes()
    broken.write_bytes(data[: len(data) // 2])


def _bad_statement(good, broken):
    """A well-formed archive whose dump fails near its end, once every table exists."""
    marker = b"-- PostgreSQL database dump complete"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "dump.sql":
                data = data.replace(marker, b"SELECT no_such_function();\n\n" + marker)
            target.writestr(item, data)


@pytest.mark.parametrize("damage", [_truncated, _bad_statement], ids=lambda f: f.__name__)
def test_failed_restore_leaves_nothing_and_a_retry_works(
    two_tenants, backup_of_a, tmp_path, damage
):
    name = "test-retry"
    broken = tmp_path / "broken.zip"
    damage(backup_of_a, broken)
    before = tenant_names()
    assert_clear_error(run_propctl("tenant", "restore", name, str(broken), check=False))
    assert tenant_names() == before
    assert _databases_like(name) == []
    assert not (data_dir() / "filestore" / name).exists()

    run_propctl("tenant", "restore", name, str(backup_of_a))
    assert name in tenant_names()
    run_propctl("tenant", "drop", name, "--yes")


def test_restore_cleans_up_after_a_killed_one(two_tenants, backup_of_a):
    """A restore killed between moving the filestore and renaming the database leaves
    its staging database and a marked filestore: the next one clears both."""
    import odoo.service.db

    from propctl import odoo_env, tenants

    odoo_env.load()
    name = "test-killed"
    staging = tenants.staging_name(name)
    with tenants.db_management():
        odoo.service.db._create_empty_database(staging)
    orphan = odoo_env.data_dir() / "filestore" / name
    orphan.mkdir(parents=True)
    (orphan / tenants.STAGING_MARKER).touch()
    assert name not in tenant_names()

    run_propctl("tenant", "restore", name, str(backup_of_a))
    assert name in tenant_names()
    assert _databases_like(name) == [name]
    assert not (orphan / tenants.STAGING_MARKER).exists()
    assert any(path.is_file() for path in orphan.rglob("*"))
    run_propctl("tenant", "drop", name, "--yes")


def test_a_file_removed_while_backing_up_is_left_out(two_tenants, tmp_path, monkeypatch):
    """Odoo's garbage collection of the filestore, run by another worker, may remove a
    file or its mark (`checklist/`) between the listing and the copy: the backup goes on
    without it (it failed with "No such file or directory" in CI). A file the tenant's
    attachments refer to is still checked for in the archive."""
    import odoo

    from propctl import odoo_env, tenants

    odoo_env.load()
    listed = tenants._filestore_files
    gone = Path(odoo.tools.config.filestore(TENANT_A)) / "checklist" / "00" / ("0" * 40)

    def listing_then_removed(name):
        return [*listed(name), gone]

    monkeypatch.setattr(tenants, "_filestore_files", listing_then_removed)
    path = tmp_path / "a.zip"
    tenants.backup(TENANT_A, str(path))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert any(name.startswith(tenants.FILESTORE_MEMBER) for name in names)
    assert not any(name.endswith("0" * 40) for name in names)
