"""Where things are, and which database server to use.

The database server is either an external one, configured by environment variables
(``PROPCTL_DB_HOST``, ``PROPCTL_DB_PORT``, ``PROPCTL_DB_USER``, ``PROPCTL_DB_PASSWORD``)
or by ``db_host`` / ``db_port`` / ``db_user`` / ``db_password`` in ``config/odoo.conf``,
or, when neither says anything, the embedded cluster that ``propctl db start`` runs
under ``var/pg`` on the loopback interface.
"""

import configparser
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# PROPCTL_ADDONS_DIR is for the upgrade test: create a tenant from another version of
# the addons (e.g. those of an older commit, extracted with git archive).
ADDONS_DIR = Path(os.environ.get("PROPCTL_ADDONS_DIR") or ROOT / "addons").resolve()
# Server-wide modules (server_wide_modules of config/odoo.conf): on the addons path, never
# installed in a tenant (tenants get the addons of ADDONS_DIR).
SERVER_ADDONS_DIR = ROOT / "tools" / "odoo_server_addons"
CONFIG_DIR = ROOT / "config"
VAR_DIR = Path(os.environ.get("PROPCTL_VAR", ROOT / "var")).resolve()
REQUIREMENTS = ROOT / "requirements.txt"

SERVE_CONF_TEMPLATE = CONFIG_DIR / "odoo.conf"
TEST_CONF_TEMPLATE = CONFIG_DIR / "odoo-test.conf"

EMBEDDED_PORT = int(os.environ.get("PROPCTL_PG_PORT", "54329"))
EMBEDDED_ROLE = "odoo"


@dataclass(frozen=True)
class DbServer:
    host: str
    port: int
    user: str
    password: str
    embedded: bool


def read_conf(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    if not parser.has_section("options"):
        parser.add_section("options")
    return parser


def secret(name):
    """A random secret kept in ``var/`` (created on first use, readable by us only)."""
    path = VAR_DIR / "secrets" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
        path.write_text(secrets.token_urlsafe(24))
        path.chmod(0o600)
    return path.read_text().strip()


def db_server():
    options = read_conf(SERVE_CONF_TEMPLATE)["options"]
    host = os.environ.get("PROPCTL_DB_HOST") or options.get("db_host", "").strip()
    if host and host.lower() != "false":
        return DbServer(
            host=host,
            port=int(os.environ.get("PROPCTL_DB_PORT") or options.get("db_port") or 5432),
            user=os.environ.get("PROPCTL_DB_USER") or options.get("db_user") or "odoo",
            password=os.environ.get("PROPCTL_DB_PASSWORD") or options.get("db_password", ""),
            embedded=False,
        )
    return DbServer(
        host="127.0.0.1",
        port=EMBEDDED_PORT,
        user=EMBEDDED_ROLE,
        password=secret("pg-odoo-password"),
        embedded=True,
    )
