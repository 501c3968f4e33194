"""`propctl test` itself: it checks the machine and installs nothing, it finds
translation catalogues that are not what Odoo's export gives, and it reads Odoo's log
of a fresh-database run as failed on any warning."""

import ast
import json
import shutil
import sys

import polib
import pytest
from conftest import ROOT, assert_clear_error, run_propctl

from propctl import catalogues, machine, testing

ADDON = "property_base"


def _i18n_copy(tmp_path):
    i18n = tmp_path / "i18n"
    shutil.copytree(ROOT / "addons" / ADDON / "i18n", i18n)
    return i18n


def _drop_entry(path, msgid):
    catalogue = polib.pofile(str(path))
    catalogue.remove(catalogue.find(msgid))
    catalogue.save(str(path))


def _a_msgid(path):
    return next(entry.msgid for entry in polib.pofile(str(path)) if "\n" not in entry.msgid)


def test_catalogues_equal_to_the_export_pass(tmp_path):
    i18n = _i18n_copy(tmp_path)
    exported = (i18n / f"{ADDON}.pot").read_text(encoding="utf-8")
    assert not catalogues.compare(ADDON, exported, i18n)


def test_a_msgid_missing_from_the_pot_is_found(tmp_path):
    i18n = _i18n_copy(tmp_path)
    pot = i18n / f"{ADDON}.pot"
    exported = pot.read_text(encoding="utf-8")
    msgid = _a_msgid(pot)
    _drop_entry(pot, msgid)
    finding = catalogues.compare(ADDON, exported, i18n)
    assert finding.missing == [msgid]
    assert not finding.extra
    # the .po files now have a msgid the .pot does not: obsolete
    assert {name: obsolete for name, (_missing, obsolete) in finding.po.items()} == {
        "zh_CN.po": [msgid],
        "zh_TW.po": [msgid],
    }
    message = catalogues.report([finding])
    assert f"1 msgid(s) in Odoo's export, not in {ADDON}.pot" in message
    assert repr(msgid) in message
    assert "--i18n-export=addons/ADDON/i18n/ADDON.pot" in message


def test_a_msgid_the_export_no_longer_gives_and_a_moved_one_are_found(tmp_path):
    i18n = _i18n_copy(tmp_path)
    pot = i18n / f"{ADDON}.pot"
    exported = polib.pofile(str(pot))
    gone = _a_msgid(pot)
    exported.remove(exported.find(gone))
    moved = exported[5]
    moved.occurrences = [("code:addons/property_base/models/elsewhere.py", "0")]
    finding = catalogues.compare(ADDON, str(exported), i18n)
    assert finding.extra == [gone]
    assert finding.moved == [moved.msgid]
    assert not finding.missing


def test_a_po_missing_a_msgid_or_with_an_obsolete_one_is_found(tmp_path):
    i18n = _i18n_copy(tmp_path)
    exported = (i18n / f"{ADDON}.pot").read_text(encoding="utf-8")
    msgid = _a_msgid(i18n / "zh_CN.po")
    _drop_entry(i18n / "zh_CN.po", msgid)
    zh_tw = polib.pofile(str(i18n / "zh_TW.po"))
    zh_tw.append(polib.POEntry(msgid="A term nobody exports", msgstr="無人匯出的詞"))
    zh_tw.save(str(i18n / "zh_TW.po"))
    finding = catalogues.compare(ADDON, exported, i18n)
    assert not (finding.missing or finding.extra or finding.moved)
    assert finding.po == {
        "zh_CN.po": ([msgid], []),
        "zh_TW.po": ([], ["A term nobody exports"]),
    }


def test_a_code_string_without_its_marker_is_found(tmp_path):
    """Odoo translates a string of Python code only from a .po entry marked
    `#. odoo-python`: a .po (or .pot) without the marker the export gives is found."""
    i18n = _i18n_copy(tmp_path)
    pot = i18n / f"{ADDON}.pot"
    exported = pot.read_text(encoding="utf-8")
    marked = next(e.msgid for e in polib.pofile(str(pot)) if "odoo-python" in (e.comment or ""))
    zh_cn = polib.pofile(str(i18n / "zh_CN.po"))
    zh_cn.find(marked).comment = ""
    zh_cn.save(str(i18n / "zh_CN.po"))
    finding = catalogues.compare(ADDON, exported, i18n)
    assert finding.unmarked == {"zh_CN.po": [marked]}
    assert not (finding.missing or finding.extra or finding.moved or finding.po)
    assert "without the .pot's code markers" in catalogues.report([finding])
    # the .pot without it: not what the export gives
    catalogue = polib.pofile(str(pot))
    catalogue.find(marked).comment = ""
    catalogue.save(str(pot))
    assert catalogues.compare(ADDON, exported, i18n).moved == [marked]


def test_missing_requirements_are_listed(tmp_path):
    requirements = tmp_path / "requirements.txt"
    (tmp_path / "more.txt").write_text("propctl-no-such-package==1.0\n")
    requirements.write_text(
        "# comment\nclick\npytest==0.0.1  # too old\n-r more.txt\n", encoding="utf-8"
    )
    missing = machine.missing_python_requirements(requirements)
    assert missing[0].startswith("pytest==0.0.1 (") and missing[0].endswith(" installed)")
    assert missing[1] == "propctl-no-such-package==1.0 (not installed)"
    assert len(missing) == 2


def test_missing_node_packages_are_listed(tmp_path):
    lock = {
        "packages": {
            "": {},
            "node_modules/prettier": {"version": "3.10.1"},
            "node_modules/left-pad": {"version": "1.3.0"},
        }
    }
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    (tmp_path / "node_modules" / "prettier").mkdir(parents=True)
    (tmp_path / "node_modules" / "prettier" / "package.json").write_text('{"version": "2.0.0"}')
    assert machine.missing_node_tooling(tmp_path) == [
        "node_modules/left-pad@1.3.0 (not installed)",
        "node_modules/prettier@3.10.1 (2.0.0 installed)",
    ]


def test_test_command_checks_and_says_run_setup(tmp_path):
    """With no tool on PATH, `propctl test` stops at once, before any linter or
    database, with one message naming what is missing and `./propctl setup`."""
    result = run_propctl(
        "test", "--no-lint", check=False, env={"PATH": str(tmp_path), "PROPCTL_VAR": str(tmp_path)}
    )
    assert_clear_error(result, "lacks what the tests need", "Run `./propctl setup`")
    output = result.stdout + result.stderr
    assert "Debian: wkhtmltopdf (PDF documents)" in output
    assert "Debian: npm" in output
    assert "Installing" not in output
    assert "$ " not in output  # no step ran
    assert not (tmp_path / "pg").exists()


ODOO_LOG = """\
2026-12-02 10:00:00,000 123 INFO propctl_test_fresh_property_base odoo.tests.result: {}
"""


@pytest.mark.parametrize(
    "log, failed",
    [
        (ODOO_LOG.format("0 failed, 0 error(s) of 120 tests when loading database 'x'"), False),
        (
            ODOO_LOG.format("1 failed, 0 error(s) of 120 tests when loading database 'x'")
            + "2026-12-02 10:00:00,000 123 ERROR x odoo.addons.property_base.tests: FAIL: ...\n",
            True,
        ),
        (
            "2026-12-02 10:00:00,000 123 WARNING x odoo.models: a field has no string\n"
            + ODOO_LOG.format("0 failed, 0 error(s) of 120 tests when loading database 'x'"),
            True,
        ),
    ],
)
def test_odoo_log_of_a_fresh_run(log, failed):
    failures, summary = testing.odoo_log_failures(log)
    assert summary.endswith("tests when loading database 'x'")
    assert bool(failures) == failed


def test_coverage_table():
    table = testing.coverage_table([("property_base", 200, 150), ("property_hr", 0, 0)])
    assert table.splitlines() == [
        "addon                    statements  covered",
        "property_base                   200    75.0%",
        "property_hr                       0        -",
        "total                           200    75.0%",
    ]


def test_fresh_database_command_is_odoos_runner():
    command = testing.fresh_database_command("property_base", "propctl_test_fresh_x", "c", 1)
    assert command[:3] == [sys.executable, "-m", "odoo"]
    for option in ("--test-enable", "--test-tags=/property_base", "--stop-after-init"):
        assert option in command
    assert "--db-filter=^propctl_test_fresh_x$" in command
    assert command[command.index("-i") + 1] == "property_base"
    command = testing.fresh_database_command(
        "property_billing", "x", "c", 1, ["property_billing", "payment_demo"]
    )
    assert command[command.index("-i") + 1] == "property_billing,payment_demo"
    assert "--test-tags=/property_billing" in command


def test_every_addon_is_tested_on_a_fresh_database():
    """Each addon is installed with only its dependencies and tested there, as OCA's CI
    does: a dependency missing from a manifest shows only there."""
    addons = sorted(path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py"))
    assert sorted(testing.FRESH_DATABASE_ADDONS) == addons


def _imported_modules(package_init):
    """The module names a tests package's __init__.py imports (`from . import ...`)."""
    tree = ast.parse(package_init.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module
        for alias in node.names
    }


def test_every_test_module_runs_under_odoos_runner():
    """Odoo's runner (OCA's CI, the fresh databases) runs the test modules an addon's
    tests package imports; pytest-odoo collects the files. A test_*.py left out of
    __init__.py would pass here and never run there."""
    forgotten = [
        str(path.relative_to(ROOT))
        for tests in sorted((ROOT / "addons").glob("*/tests"))
        for path in sorted(tests.glob("test_*.py"))
        if path.stem not in _imported_modules(tests / "__init__.py")
    ]
    assert forgotten == []
