"""Odoo, as this project uses it: the effective configuration files and in-process loading.

Odoo is imported from the machine's python3 (never vendored). propctl writes the
configuration Odoo actually reads to ``var/``: the template in ``config/`` plus what
depends on this machine (addons path, data dir, database connection, master password).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import click

from . import settings

MIN_ODOO = (18, 0)

HOW_TO_GET_ODOO = """\
Odoo 18.0 is not importable from this python3 ({python}).
Get it from its official source, then run `./propctl setup` again:
  git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git ~/odoo-18
  pip install -r ~/odoo-18/requirements.txt   (needs setuptools<81, libldap2-dev, libsasl2-dev)
  pip install ~/odoo-18
or the nightly package from https://nightly.odoo.com/18.0/nightly/src/ ,
or use the Docker route (docker-compose.yml, official odoo:18.0 image)."""


def import_odoo():
    """Import Odoo 18.0 or stop with a message that says how to get it."""
    import sys

    try:
        import odoo
        import odoo.release
    except ImportError as exc:
        raise click.ClickException(HOW_TO_GET_ODOO.format(python=sys.executable)) from exc
    if tuple(odoo.release.version_info[:2]) != MIN_ODOO:
        raise click.ClickException(
            f"This project needs Odoo 18.0; python3 has Odoo {odoo.release.version}.\n"
            + HOW_TO_GET_ODOO.format(python=sys.executable)
        )
    return odoo


def odoo_addons_dirs():
    import odoo.addons

    return [str(Path(p)) for p in odoo.addons.__path__ if Path(p, "base").is_dir()]


def data_dir():
    return Path(os.environ.get("PROPCTL_DATA_DIR") or settings.VAR_DIR / "data")


def write_conf(test=False, server_name=None):
    """Write the effective Odoo configuration for serving (or for tests); return its path.
    With `server_name`, for the Odoo servers of that database server of the directory."""
    from . import directory

    import_odoo()
    template = settings.TEST_CONF_TEMPLATE if test else settings.SERVE_CONF_TEMPLATE
    parser = settings.read_conf(template)
    options = parser["options"]
    if server_name in (None, directory.MAIN):
        server, suffix = settings.db_server(), ""
    else:
        server, suffix = directory.server(server_name), f"-{server_name}"
    options["db_host"] = server.host
    options["db_port"] = str(server.port)
    options["db_user"] = server.user
    options["db_password"] = server.password
    options["addons_path"] = ",".join(
        [*odoo_addons_dirs(), str(settings.ADDONS_DIR), str(settings.SERVER_ADDONS_DIR)]
    )
    options["data_dir"] = str(data_dir())
    options["admin_passwd"] = settings.secret("odoo-master-password")
    path = settings.VAR_DIR / ("odoo-test.conf" if test else f"odoo{suffix}.conf")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then put in place at once: every propctl process writes it as it
    # starts, and another one starting meanwhile would read it half written (no
    # database port: Odoo's default socket instead).
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp: mode 0600
            parser.write(handle)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


def _wkhtmltopdf_is_unpatched():
    binary = shutil.which("wkhtmltopdf")
    if not binary:
        return False
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return "patched qt" not in result.stdout


def process_env():
    """Environment for an Odoo process. With Debian's wkhtmltopdf (unpatched Qt), our
    wrapper in tools/bin comes first on PATH: it drops the notices that build prints at
    every run, which Odoo would log as a warning for every PDF."""
    env = dict(os.environ)
    if _wkhtmltopdf_is_unpatched():
        env["PATH"] = os.pathsep.join([str(settings.ROOT / "tools" / "bin"), env.get("PATH", "")])
    return env


_loaded_conf = None


def load(test=False, log_level="warn"):
    """Load Odoo in this process with the effective configuration; return the module.
    Once per process: Odoo's configuration cannot be parsed twice."""
    global _loaded_conf
    odoo = import_odoo()
    if _loaded_conf is not None:
        if _loaded_conf != test:
            raise click.ClickException("Odoo is already loaded with another configuration.")
        return odoo
    _loaded_conf = test
    conf = write_conf(test=test)
    odoo.tools.config.parse_config(
        ["-c", str(conf), f"--log-level={log_level}"], setup_logging=True
    )
    return odoo
