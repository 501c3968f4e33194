"""`propctl setup`: what this machine needs besides Odoo itself."""

import hashlib
import os
import shutil
import subprocess
import sys

import click

from . import odoo_env, pgcluster, settings

# Builds of Odoo's pinned requirements break with newer setuptools.
PIP_CONSTRAINTS = "setuptools<81\n"


def _has_cjk_font():
    if not shutil.which("fc-list"):
        return False
    result = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(result.stdout.strip())


def missing_debian_packages():
    """Debian packages to install: (package, why) for each thing this machine lacks."""
    checks = [
        (pgcluster.bin_dir() is not None, "postgresql", "the embedded database server"),
        (shutil.which("wkhtmltopdf"), "wkhtmltopdf", "PDF documents"),
        (_has_cjk_font(), "fonts-noto-cjk", "Chinese text in PDF documents"),
        (shutil.which("pdftotext"), "poppler-utils", "tests that read PDF documents"),
        (shutil.which("npm"), "npm", "the XML formatter (prettier) of the linters"),
        (
            shutil.which("chromium") or shutil.which("google-chrome"),
            "chromium",
            "browser tours in the tests",
        ),
        (shutil.which("nginx"), "nginx-light", "the routing test of several database servers"),
    ]
    return [(package, why) for present, package, why in checks if not present]


def install_debian_packages():
    missing = missing_debian_packages()
    if not missing:
        return
    packages = [package for package, _why in missing]
    for package, why in missing:
        click.echo(f"Missing {package} ({why})")
    if not shutil.which("apt-get"):
        raise click.ClickException(
            "No apt-get on this machine: install these packages by hand: " + " ".join(packages)
        )
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", *packages]):
        if subprocess.run(prefix + command, env=env, check=False).returncode != 0:
            raise click.ClickException(f"`{' '.join(command)}` failed.")


def install_python_requirements():
    """pip-install requirements.txt into this python3, unless already done for these
    files (requirements.txt and the requirements-*.txt it includes)."""
    digest = hashlib.sha256()
    for path in sorted(settings.ROOT.glob("requirements*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    wanted = digest.hexdigest()
    stamp = settings.VAR_DIR / "requirements.sha256"
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    constraints = settings.VAR_DIR / "pip-constraints.txt"
    constraints.parent.mkdir(parents=True, exist_ok=True)
    constraints.write_text(PIP_CONSTRAINTS)
    click.echo(f"Installing the project's Python requirements into {sys.executable}")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "-r", str(settings.REQUIREMENTS)],
        env=dict(os.environ, PIP_CONSTRAINT=str(constraints)),
        check=False,
    )
    if result.returncode != 0:
        raise click.ClickException("pip could not install requirements.txt (see above).")
    stamp.write_text(wanted)


def install_node_tooling():
    """npm-install the linters' prettier (package-lock.json), unless already done."""
    lock = settings.ROOT / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = settings.ROOT / "node_modules" / ".propctl.sha256"
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    click.echo("Installing prettier (package-lock.json) into node_modules/")
    command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.run(command, cwd=settings.ROOT, check=False).returncode != 0:
        raise click.ClickException("npm could not install package-lock.json (see above).")
    stamp.write_text(wanted)


def setup():
    odoo = odoo_env.import_odoo()
    click.echo(f"Odoo {odoo.release.version} found in {sys.executable}")
    install_python_requirements()
    install_debian_packages()
    install_node_tooling()
