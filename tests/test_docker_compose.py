"""docker-compose.yml cannot run here (no Docker engine): check that it agrees with the
project — the mounts, ports and config paths it uses are the ones that exist."""

import configparser

import pytest
import yaml
from conftest import ROOT


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def odoo_conf():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "config" / "odoo.conf", encoding="utf-8")
    return parser["options"]


def _mounts(service):
    mounts = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        mounts[target] = source
    return mounts


def test_images(compose):
    assert compose["services"]["odoo"]["image"] == "odoo:18.0"
    assert compose["services"]["db"]["image"] == "postgres:16"


def test_addons_and_config_are_mounted_where_odoo_conf_says(compose, odoo_conf):
    odoo = compose["services"]["odoo"]
    mounts = _mounts(odoo)
    assert mounts["/mnt/extra-addons"] == "./addons"
    assert (ROOT / "addons" / "property_base" / "__manifest__.py").exists()
    assert odoo_conf["addons_path"].split(",") == ["/mnt/extra-addons"]
    config_dir = next(t for t, s in mounts.items() if s == "./config")
    command = odoo["command"]
    conf_path = command[command.index("-c") + 1]
    assert conf_path.startswith(config_dir + "/")
    assert (ROOT / "config" / conf_path[len(config_dir) + 1 :]).is_file()


def test_filestore_and_database_on_named_volumes(compose, odoo_conf):
    named = set(compose["volumes"])
    odoo_mounts = _mounts(compose["services"]["odoo"])
    assert odoo_mounts[odoo_conf["data_dir"]] in named
    db_mounts = _mounts(compose["services"]["db"])
    assert db_mounts["/var/lib/postgresql/data"] in named
    tenant_mounts = _mounts(compose["services"]["create-tenant"])
    assert tenant_mounts[odoo_conf["data_dir"]] == odoo_mounts[odoo_conf["data_dir"]]


def test_port_and_routing(compose, odoo_conf):
    ports = compose["services"]["odoo"]["ports"]
    assert f"{odoo_conf['http_port']}:8069" in ports
    assert f"{odoo_conf['gevent_port']}:8072" in ports
    assert odoo_conf["dbfilter"] == "^%d$"
    assert odoo_conf["list_db"] == "False"


def test_healthchecks_and_startup_order(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "/web/health" in " ".join(services["odoo"]["healthcheck"]["test"])
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_one_shot_service_creates_the_first_tenant(compose):
    service = compose["services"]["create-tenant"]
    assert service["image"] == "odoo:18.0"
    assert _mounts(service)["/mnt/project"] == "./"
    command = " ".join(service["command"])
    assert "/mnt/project/propctl tenant create demo" in command
    assert service["environment"]["PROPCTL_DB_HOST"] == "db"
