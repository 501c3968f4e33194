import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestRpcGuard(HttpCase, TicketCommon):
    """What the web client's JSON-RPC lets a technician send: a request's state written
    with any context is refused by the server, and the request stays where it was."""

    def call(self, model, method, *args, **kwargs):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_technician_cannot_close_a_new_request(self):
        ticket = self.ticket(user_id=self.technician.id)
        self.authenticate(self.technician.login, self.technician.login)
        with mute_logger("odoo.http"):  # the refusal the server logs
            answer = self.call(
                "property.ticket",
                "write",
                [ticket.id],
                {"state": "closed"},
                context={"property_workflow": True, "lang": "en_US"},
            )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("buttons only", answer["error"]["data"]["message"])
        self.assertEqual(ticket.state, "new")
