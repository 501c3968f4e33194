"""`propctl test` is only green when it is really green: a warning logged during the
tests, or a skipped test, fails the run."""

import subprocess
import sys

import pytest
from conftest import ROOT

CASES = {
    "passes": "def test_ok():\n    assert True\n",
    "warns": (
        "import logging\n\n"
        "def test_warns():\n"
        "    logging.getLogger('odoo.addons.property_base').warning('reading lower than before')\n"
    ),
    "skips": "import pytest\n\ndef test_skips():\n    pytest.skip('no chromium')\n",
}


@pytest.mark.parametrize("case, expected", [("passes", 0), ("warns", 1), ("skips", 1)])
def test_guard(tmp_path, case, expected):
    (tmp_path / f"test_{case}.py").write_text(CASES[case])
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:odoo", "-p", "propctl.pytest_guard", "-q"]
        + ["-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT / "tools"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == expected, result.stdout + result.stderr
