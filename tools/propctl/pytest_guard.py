"""pytest plugin of `propctl test`: a run passes only if it is really green.

- Any record logged at WARNING or above (by Odoo or anything else) fails the run: in this
  project a warning during tests is a bug to fix. Tests that expect a log use
  ``assertLogs`` / ``mute_logger``, which keep the record from reaching this handler.
- Any skipped test fails the run: a skipped browser tour (no Chromium, no
  websocket-client) or HttpCase (no --odoo-http) would otherwise look green.
"""

import logging

import pytest


def _import_odoo_test_framework_quietly():
    """pytest-odoo imports Odoo's test framework before it switches test mode on, and
    Odoo logs an ERROR for that; importing it first, in test mode, avoids the noise."""
    try:
        import odoo.tools
    except ImportError:
        return
    config = odoo.tools.config
    previous = config["test_enable"]
    config["test_enable"] = True
    try:
        import odoo.tests.common
    finally:
        config["test_enable"] = previous


_import_odoo_test_framework_quietly()


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


_collector = _Collector()
_skipped = []


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    logging.getLogger().addHandler(_collector)


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    logging.getLogger().removeHandler(_collector)
    if (_collector.records or _skipped) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _collector.records:
        terminalreporter.section("logged at WARNING or above (each one fails the run)")
        for record in _collector.records:
            terminalreporter.line(f"{record.levelname} {record.name}: {record.getMessage()}")
    if _skipped:
        terminalreporter.section("skipped tests (each one fails the run)")
        for report in _skipped:
            reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else ""
            terminalreporter.line(f"{report.nodeid}: {reason}")
