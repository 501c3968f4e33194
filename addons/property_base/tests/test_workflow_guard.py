from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

# What a client may put in the context of any call, hoping to open the guard: the key the
# guard once honoured, and the ones Odoo's own code uses to relax checks.
CLIENT_CONTEXT = {"property_workflow": True, "tracking_disable": True, "install_mode": True}


@tagged("post_install", "-at_install")
class TestWorkflowGuard(TransactionCase):
    """Nobody skips a step of a flow: the state of every property document (of every
    property addon installed) moves through its actions only, whatever a client sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mixin = cls.env.registry["property.workflow.mixin"]
        cls.flows = [
            name
            for name, Model in cls.env.registry.items()
            if name.startswith("property.") and not Model._abstract and issubclass(Model, cls.mixin)
        ]
        # the administrator of the property company: every group, not the superuser
        cls.admin = cls.env.ref("base.user_admin")

    def test_every_state_is_a_guarded_flow(self):
        """A stored, non-computed `state` of a property model is a step of a flow."""
        unguarded = [
            name
            for name, Model in self.env.registry.items()
            if name.startswith("property.")
            and not (Model._abstract or Model._transient or not Model._auto)
            and "state" in Model._fields
            and Model._fields["state"].store
            and not Model._fields["state"].compute
            and not issubclass(Model, self.mixin)
        ]
        self.assertEqual(unguarded, [])
        # property_base's own flow, and those of the addons above it when installed
        self.assertIn("property.handover", self.flows)
        for name in ("property.ticket", "property.charge"):
            if name in self.env:
                self.assertIn(name, self.flows)

    def test_no_document_is_created_further_on_in_its_flow(self):
        for name in self.flows:
            Model = self.env[name].with_user(self.admin).with_context(**CLIENT_CONTEXT)
            initial = Model._fields["state"].default(Model)
            later = next(
                value
                for value, _label in Model._fields["state"]._description_selection(self.env)
                if value != initial
            )
            with self.subTest(model=name), self.assertRaisesRegex(UserError, "buttons only"):
                Model.create({"state": later})

    def test_no_client_writes_a_state(self):
        """On the documents there are (the demo's, where there are), as the
        administrator, with the context a client would send."""
        checked = []
        for name in self.flows:
            record = self.env[name].search([], limit=1)
            if not record:
                continue
            other = next(
                value
                for value, _label in record._fields["state"]._description_selection(self.env)
                if value != record.state
            )
            record = record.with_user(self.admin).with_context(**CLIENT_CONTEXT)
            with self.subTest(model=name), self.assertRaisesRegex(UserError, "buttons only"):
                record.write({"state": other})
            checked.append(name)
        self.assertIn("property.handover", checked)

    def test_actions_still_move_their_documents(self):
        """The guard is no obstacle to the documents' own buttons (here an
        announcement published, as its actions do it)."""
        estate = self.env["property.estate"].create({"name": "守卫花园", "code": "T-GUARD"})
        announcement = (
            self.env["property.announcement"]
            .with_user(self.admin)
            .create(
                {
                    "name": "停水通知",
                    "body": "<p>明日 9:00–12:00 停水。</p>",
                    "estate_ids": [estate.id],
                }
            )
        )
        announcement.action_publish()
        self.assertEqual(announcement.state, "published")
