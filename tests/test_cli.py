"""propctl as an operator uses it: clear errors that change nothing, and backups that
give back what was saved."""

import base64
import hashlib
import re

import pytest
from conftest import (
    COMPANY_A,
    LOGIN_A,
    PASSWORD,
    TENANT_A,
    assert_clear_error,
    data_dir,
    db_connect,
    run_propctl,
    tenant_names,
)


def _company_name(dbname):
    with db_connect(dbname) as conn, conn.cursor() as cr:
        cr.execute("SELECT name FROM res_company ORDER BY id LIMIT 1")
        name = cr.fetchone()[0]
    conn.close()
    return name


_assert_clear_error = assert_clear_error


@pytest.mark.parametrize(
    "name, message",
    [
        ("Bad_Name", "not a valid tenant name"),
        ("acme.example", "not a valid tenant name"),
        ("-acme", "not a valid tenant name"),
        ("a" * 64, "not a valid tenant name"),
        ("postgres", "reserved"),
        ("template0", "reserved"),
        ("template1", "reserved"),
    ],
)
def test_bad_tenant_names_are_refused(two_tenants, name, message):
    before = tenant_names()
    _assert_clear_error(run_propctl("tenant", "create", "--", name, check=False), message)
    assert tenant_names() == before


def test_existing_tenant_is_refused_and_left_alone(two_tenants):
    result = run_propctl("tenant", "create", TENANT_A, "--company", "Someone else", check=False)
    _assert_clear_error(result, "already exists")
    assert _company_name(TENANT_A) == COMPANY_A


def test_unknown_language_is_refused(two_tenants):
    before = tenant_names()
    result = run_propctl("tenant", "create", "test-lang", "--lang", "xx_XX", check=False)
    _assert_clear_error(result, "Unknown language")
    assert tenant_names() == before


def test_missing_backup_file_is_refused(two_tenants, tmp_path):
    before = tenant_names()
    missing = tmp_path / "nothing-here.zip"
    _assert_clear_error(
        run_propctl("tenant", "restore", "test-missing", str(missing), check=False), "not found"
    )
    assert tenant_names() == before


def test_restore_over_existing_tenant_is_refused(two_tenants, tmp_path):
    backup = tmp_path / "a.zip"
    backup.write_bytes(b"not used")
    result = run_propctl("tenant", "restore", TENANT_A, str(backup), check=False)
    _assert_clear_error(result, "already exists")
    assert _company_name(TENANT_A) == COMPANY_A


def test_drop_unknown_tenant_is_refused(two_tenants):
    _assert_clear_error(
        run_propctl("tenant", "drop", "test-ghost", "--yes", check=False), "not exist"
    )


def test_upgrade_updates_only_what_changed(two_tenants):
    result = run_propctl("tenant", "upgrade", TENANT_A)
    assert f"{TENANT_A}: up to date" in result.stdout
    _assert_clear_error(run_propctl("tenant", "upgrade", check=False), "NAME or --all")


def test_failed_creation_leaves_no_database(two_tenants, monkeypatch):
    """A failure after the database was copied (say the server goes away) must not
    leave a half-made tenant behind."""
    from propctl import odoo_env, tenants

    odoo_env.load()
    real_copy = tenants.copy_database

    def copy_then_fail(source, target):
        real_copy(source, target)
        assert tenants.db_exists(target)
        raise RuntimeError("connection lost")

    monkeypatch.setattr(tenants, "copy_database", copy_then_fail)
    with pytest.raises(RuntimeError):
        tenants.create("test-broken", "Broken", "zh_CN", False, "admin", "admin")
    assert not tenants.db_exists("test-broken")
    assert not (odoo_env.data_dir() / "filestore" / "test-broken").exists()


def test_backup_drop_restore_gives_back_records_and_attachments(server, tmp_path):
    tenant = "test-backup"
    run_propctl("tenant", "create", tenant, "--admin-login", LOGIN_A, "--admin-password", PASSWORD)
    call = server.login(tenant)
    content = "房屋交接表 A-1-1203".encode() * 100

    partner_id = call("res.partner", "create", {"name": "张三（业主）"})
    call(
        "ir.attachment",
        "create",
        {
            "name": "handover.txt",
            "datas": base64.b64encode(content).decode(),
            "res_model": "res.partner",
            "res_id": partner_id,
        },
    )

    backup = tmp_path / "backup.zip"
    run_propctl("tenant", "backup", tenant, str(backup))
    assert backup.stat().st_size > 0
    _assert_clear_error(
        run_propctl("tenant", "backup", tenant, str(backup), check=False), "already exists"
    )
    run_propctl("tenant", "drop", tenant, "--yes")
    assert tenant not in tenant_names()
    assert not (data_dir() / "filestore" / tenant).exists()

    run_propctl("tenant", "restore", tenant, str(backup))
    with db_connect(tenant) as conn, conn.cursor() as cr:
        cr.execute("SELECT id FROM res_partner WHERE name = %s", ["张三（业主）"])
        assert cr.fetchone() == (partner_id,)
        cr.execute(
            "SELECT store_fname, checksum FROM ir_attachment WHERE res_model = 'res.partner' "
            "AND res_id = %s AND name = 'handover.txt'",
            [partner_id],
        )
        store_fname, checksum = cr.fetchone()
    conn.close()
    stored = (data_dir() / "filestore" / tenant / store_fname).read_bytes()
    assert stored == content
    assert hashlib.sha1(stored).hexdigest() == checksum

    # a neutralized copy of the same backup: outgoing mail and crons are off
    run_propctl("tenant", "restore", "test-backup-copy", str(backup), "--neutralize")
    with db_connect("test-backup-copy") as conn, conn.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'")
        assert cr.fetchone() == ("true",)
    conn.close()


def test_a_new_tenant_has_no_guessable_admin_password(server):
    """Without --admin-password, the admin's password is generated and printed once;
    admin / admin does not open the tenant."""
    tenant = "test-secret"
    result = run_propctl("tenant", "create", tenant)
    match = re.search(r"Log in as admin / (\S+) \(shown once", result.stdout)
    assert match, result.stdout
    refused = server.jsonrpc(
        tenant, "/web/session/authenticate", {"db": tenant, "login": "admin", "password": "admin"}
    )
    assert "error" in refused
    assert server.login(tenant, login="admin", password=match.group(1))
    run_propctl("tenant", "drop", tenant, "--yes")
