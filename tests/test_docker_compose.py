"""docker-compose.yml cannot run here (no Docker engine): check that it agrees with the
project — the image has the OCA addons the addons depend on, and the mounts, ports and
config paths it uses are the ones that exist."""

import ast
import configparser
import re
from importlib import metadata

import pytest
import yaml
from conftest import (
    ROOT,
    assert_dbfilter_serves_tenants_only,
    assert_proxy_serves_tenant_hosts_only,
)


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


def _dockerfile():
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _pins(path):
    """{distribution name: version} of the ``name==version`` lines of a requirements file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_images(compose):
    assert compose["services"]["db"]["image"] == "postgres:16"
    # Odoo's official image plus the OCA addons, built from the Dockerfile
    for name in ("odoo", "create-tenant"):
        service = compose["services"][name]
        assert service["build"] == "."
        assert service["image"] == compose["services"]["odoo"]["image"]
    assert _dockerfile()[0] == "FROM odoo:18.0"


def test_image_installs_the_pinned_oca_addons_and_only_them():
    copy = next(line for line in _dockerfile() if line.startswith("COPY"))
    source, target = copy.split()[1:]
    assert source == "requirements-odoo-addons.txt"
    run = next(line for line in _dockerfile() if line.startswith("RUN") and target in line)
    assert run.startswith("RUN pip3 install")
    assert f"-r {target}" in run
    # the image's Odoo is a Debian package: pip must not try to install another one
    assert "--no-deps" in run.split()
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored and "!requirements-odoo-addons.txt" in ignored
    # the machine without Docker installs the same pins (requirements.txt includes them)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements-odoo-addons.txt" in requirements
    pins = _pins(ROOT / "requirements-odoo-addons.txt")
    assert pins and all(name.startswith("odoo-addon-") for name in pins)


def test_pins_cover_every_oca_addon_the_addons_need():
    """Each OCA addon that a project addon depends on, and each addon those need, is
    pinned (the image installs them with --no-deps), at the version installed here."""
    pins = _pins(ROOT / "requirements-odoo-addons.txt")
    wanted = set()
    for manifest in ROOT.glob("addons/*/__manifest__.py"):
        for module in ast.literal_eval(manifest.read_text(encoding="utf-8"))["depends"]:
            if not (ROOT / "addons" / module).is_dir():
                wanted.add(f"odoo-addon-{module}".replace("_", "-"))
    while wanted:
        name = wanted.pop()
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an addon of Odoo itself
        assert pins.get(name) == distribution.version, f"{name} {distribution.version}"
        for requirement in distribution.requires or ():
            dependency = re.match(r"odoo-addon[-_][\w-]+", requirement)
            if dependency:
                wanted.add(dependency.group(0).lower().replace("_", "-"))


def test_addons_and_config_are_mounted_where_odoo_conf_says(compose, odoo_conf):
    odoo = compose["services"]["odoo"]
    mounts = _mounts(odoo)
    assert mounts["/mnt/extra-addons"] == "./addons"
    assert (ROOT / "addons" / "property_base" / "__manifest__.py").exists()
    assert odoo_conf["addons_path"].split(",") == ["/mnt/extra-addons", "/mnt/server-addons"]
    # the server-wide modules are on the addons path, not among the tenants' addons
    assert mounts["/mnt/server-addons"] == "./tools/odoo_server_addons"
    server_wide = odoo_conf["server_wide_modules"].split(",")
    assert server_wide[:2] == ["base", "web"]
    for module in server_wide[2:]:
        assert (ROOT / "tools" / "odoo_server_addons" / module / "__manifest__.py").exists()
        assert not (ROOT / "addons" / module).exists()
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
    # the odoo, cron and propctl services share the data dir: the filestore, and the
    # marks of the tenants being upgraded, which the server and the cron runner read
    for service in ("create-tenant", "cron"):
        mounts = _mounts(compose["services"][service])
        assert mounts[odoo_conf["data_dir"]] == odoo_mounts[odoo_conf["data_dir"]]
        assert (
            compose["services"][service]["environment"]["PROPCTL_DATA_DIR"]
            == (odoo_conf["data_dir"])
        )


def test_port_and_routing(compose, odoo_conf):
    ports = compose["services"]["odoo"]["ports"]
    # loopback only: the reverse proxy fronts the server and blocks the database manager
    assert f"127.0.0.1:{odoo_conf['http_port']}:8069" in ports
    assert f"127.0.0.1:{odoo_conf['gevent_port']}:8072" in ports
    assert odoo_conf["list_db"] == "False"


def test_database_server_comes_from_the_environment(compose, odoo_conf):
    """The image's entrypoint gives Odoo HOST / USER / PASSWORD as --db_* options,
    unless the config file has the key: then it passes the file's value, even an empty
    one (a local socket the container does not have)."""
    environment = compose["services"]["odoo"]["environment"]
    assert environment["HOST"] == "db" and environment["USER"] == "odoo"
    for key in ("db_host", "db_port", "db_user", "db_password"):
        assert key not in odoo_conf


def test_host_names_reach_tenants_only(odoo_conf):
    """Host: acme.example.com reaches the tenant acme; no host name reaches a database of
    propctl's own on the same server (propctl_test.example.com, propctl_tmpl_...): not
    through Odoo's dbfilter, and not through the reverse proxy in front of it."""
    assert_dbfilter_serves_tenants_only(odoo_conf["dbfilter"])
    # the filter this project had: the test above does catch it
    with pytest.raises(AssertionError):
        assert_dbfilter_serves_tenants_only("^%d$")
    assert_proxy_serves_tenant_hosts_only((ROOT / "config" / "nginx.conf").read_text("utf-8"))


def test_healthchecks_and_startup_order(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "/web/health" in " ".join(services["odoo"]["healthcheck"]["test"])
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_one_shot_service_creates_the_first_tenant(compose):
    service = compose["services"]["create-tenant"]
    assert service["image"] == compose["services"]["odoo"]["image"]
    assert _mounts(service)["/mnt/project"] == "./"
    command = " ".join(service["command"])
    assert "/mnt/project/propctl tenant create demo" in command
    assert service["environment"]["PROPCTL_DB_HOST"] == "db"


def test_crons_run_in_the_tenants_only(compose, odoo_conf):
    """Odoo runs no cron itself; the cron service walks the tenants (propctl cron)."""
    assert odoo_conf["max_cron_threads"] == "0"
    cron = compose["services"]["cron"]
    assert "propctl cron" in " ".join(cron["command"])
    assert (
        _mounts(cron)[odoo_conf["data_dir"]]
        == _mounts(compose["services"]["odoo"])[odoo_conf["data_dir"]]
    )
