from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBrowser(HttpCase):
    """The web client starts in headless Chromium: browser tours can run on this machine
    (without Chromium or websocket-client they would be skipped, and the run fails)."""

    def test_web_client_starts(self):
        self.browser_js(
            "/odoo", "console.log('test successful')", ready="odoo.isReady", login="admin"
        )
