"""`propctl setup`: what this machine needs besides Odoo itself.

`propctl setup` (and `up`) install it; `propctl test` only checks it (`check_for_tests`)
and, when something is missing, stops with the list and `./propctl setup`.
"""

import hashlib
import importlib.metadata
import json
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


def _requirements_digest():
    """Digest of requirements.txt and the requirements-*.txt it includes."""
    digest = hashlib.sha256()
    for path in sorted(settings.ROOT.glob("requirements*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _requirements_stamp():
    return settings.VAR_DIR / "requirements.sha256"


def _requirement_lines(path):
    """The requirement lines of a pip requirements file, following `-r FILE`."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            yield from _requirement_lines(path.parent / line.split(None, 1)[1])
        elif not line.startswith("-"):
            yield line


def missing_python_requirements(requirements=None):
    """The requirements of requirements.txt this python3 lacks: one line each, e.g.
    `pytest-cov==7.1.0 (not installed)` or `ruff==0.17.6 (0.15.0 installed)`. Nothing
    when `propctl setup` installed these very files (its stamp in var/)."""
    if requirements is None:
        stamp = _requirements_stamp()
        if stamp.exists() and stamp.read_text().strip() == _requirements_digest():
            return []
        requirements = settings.REQUIREMENTS
    try:
        from packaging.requirements import Requirement
    except ImportError:
        return ["packaging (not installed)"]
    missing = []
    for line in _requirement_lines(requirements):
        requirement = Requirement(line)
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(f"{line} (not installed)")
            continue
        if requirement.specifier and not requirement.specifier.contains(
            installed, prereleases=True
        ):
            missing.append(f"{line} ({installed} installed)")
    return missing


def install_python_requirements():
    """pip-install requirements.txt into this python3, unless already done for these
    files (requirements.txt and the requirements-*.txt it includes)."""
    wanted = _requirements_digest()
    stamp = _requirements_stamp()
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


def missing_node_tooling(root=None):
    """The packages of package-lock.json missing from node_modules/ (or at another
    version), one line each."""
    root = root or settings.ROOT
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    missing = []
    for path, entry in sorted(lock.get("packages", {}).items()):
        if not path.startswith("node_modules/"):
            continue
        manifest = root / path / "package.json"
        wanted = entry.get("version")
        if not manifest.exists():
            missing.append(f"{path}@{wanted} (not installed)")
            continue
        installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        if wanted and installed != wanted:
            missing.append(f"{path}@{wanted} ({installed} installed)")
    return missing


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


def missing_for_tests():
    """What `propctl test` needs and this machine lacks, one line each."""
    missing = [f"Python: {line}" for line in missing_python_requirements()]
    missing += [f"Debian: {package} ({why})" for package, why in missing_debian_packages()]
    missing += [f"npm: {line}" for line in missing_node_tooling()]
    return missing


def check_for_tests():
    """Stop with one message listing what is missing; install nothing."""
    missing = missing_for_tests()
    if missing:
        lines = "\n".join(f"  - {line}" for line in missing)
        raise click.ClickException(
            f"This machine lacks what the tests need:\n{lines}\nRun `./propctl setup` "
            "(it installs them), then `./propctl test` again."
        )
