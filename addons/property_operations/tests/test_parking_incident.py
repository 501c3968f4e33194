from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestParkingIncident(OperationsCommon):
    """Parking incidents on the estate's spaces: an occupied space handled by a guard
    from the photos to the close; a vehicle damage verified by the guard, then
    confirmed, claimed, paid and closed by the operations manager; each step in its
    turn, by its role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = new_test_user(
            cls.env,
            "pp_guard",
            groups="property_base.group_property_user",
            name="保安 赵",
        )
        Space = cls.env["property.parking.space"]
        cls.space, cls.space_public = Space.create(
            [
                {
                    "name": "B1-018",
                    "estate_id": cls.estate.id,
                    "kind": "owned",
                    "unit_id": cls.unit_a2.id,
                    "partner_id": cls.owner_zhang.id,
                },
                {"name": "G-001", "estate_id": cls.estate.id, "kind": "public"},
            ]
        )
        cls.vehicle = cls.env["property.vehicle"].create(
            {"plate": "粤B12345", "partner_id": cls.owner_li.id, "unit_id": cls.unit_b1.id}
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "平安财产保险深圳分公司", "is_company": True}
        )
        cls.Incident = cls.env["property.parking.incident"]

    def photo(self, user):
        """A photo `user` uploads (to no record yet, as the web client does)."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": "现场照片.png", "raw": b"\x89PNG\r\n\x1a\n"})
        )

    def report(self, kind, user=None, **values):
        """An incident on space B1-018, reported by `user` (the guard) in the form."""
        user = user or self.guard
        with Form(self.Incident.with_user(user)) as form:
            form.kind = kind
            form.parking_space_id = self.space
            form.plate = values.pop("plate", "粤b 12345")
            form.description = "现场情况"
            if values.pop("photo", True):
                form.photo_ids.add(self.photo(user))
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    def test_guard_handles_an_occupied_space(self):
        """The guard reports an occupied space: the space fills the estate and its
        holder, the plate finds the registered vehicle and its owner; photos first,
        then contact, temporary space, watch, resolved, closed."""
        with Form(self.Incident.with_user(self.guard)) as form:
            self.assertEqual(form.user_id, self.guard)
            self.assertEqual(form.state, "reported")
            form.kind = "space_occupied"
            form.parking_space_id = self.space
            self.assertEqual(form.estate_id, self.estate)
            self.assertEqual(form.partner_id, self.owner_zhang)
            form.plate = "粤b 12345"
            self.assertEqual(form.vehicle_id, self.vehicle)
            form.photo_ids.add(self.photo(self.guard))
        incident = form.record
        self.assertRegex(incident.name, r"^PI/\d{4}/\d{5}$")
        self.assertEqual(incident.plate, "粤B12345")
        self.assertEqual(incident.vehicle_partner_id, self.owner_li)
        self.assertEqual(incident.company_id, self.env.company)
        # the other roles see the photo the guard took
        self.assertEqual(incident.with_user(self.ops_manager).photo_ids.name, "现场照片.png")
        incident = incident.with_user(self.guard)
        # the damage steps are not this kind's
        with self.assertRaisesRegex(UserError, "not a case of “Vehicle Damage”"):
            incident.action_verify()
        # not out of order
        with self.assertRaises(UserError):
            incident.action_watch()
        with self.assertRaisesRegex(UserError, "say how the owner was contacted"):
            incident.action_contact()
        with Form(incident) as form:
            form.contact_method = "phone"
        incident.action_contact()
        self.assertEqual(incident.state, "contacted")
        self.assertTrue(incident.date_contacted)
        with self.assertRaisesRegex(UserError, "choose the temporary space"):
            incident.action_offer_temporary()
        with Form(incident) as form:
            with self.assertRaises(ValidationError):  # not the occupied space itself
                form.temporary_space_id = self.space
                form.save()
            form.temporary_space_id = self.space_public
        incident.action_offer_temporary()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            incident.parking_space_id = self.space_public
        incident.action_watch()
        with self.assertRaises(UserError):
            incident.action_close()
        incident.action_resolve()
        incident.action_close()
        self.assertEqual(incident.state, "closed")
        self.assertTrue(incident.date_closed)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            incident.description = "改写"
        # the space lists its incident
        self.assertEqual(self.space.with_user(self.guard).incident_count, 1)
        action = self.space.with_user(self.guard).action_view_parking_incidents()
        self.assertEqual(self.Incident.search(action["domain"]), incident)

    def test_occupation_escalated_to_a_space_lock(self):
        incident = self.report(
            "space_occupied", contact_method="sms", temporary_space_id=self.space_public
        ).with_user(self.guard)
        incident.action_contact()
        incident.action_offer_temporary()
        incident.action_watch()
        with self.assertRaisesRegex(UserError, "enter the date the lock was installed"):
            incident.action_lock()
        incident.date_lock = "2026-03-10"
        incident.action_lock()
        self.assertEqual(incident.state, "locked")
        incident.action_close()
        self.assertEqual(incident.state, "closed")

    def test_vehicle_damage_claimed_and_paid(self):
        """The guard reports and verifies; the operations manager decides, claims, records
        the payment and closes with the lessons; the guard may do none of these."""
        with self.assertRaisesRegex(UserError, "attach the photos"):
            self.report("vehicle_damage", photo=False).with_user(self.guard).action_verify()
        incident = self.report("vehicle_damage").with_user(self.guard)
        manager_view = incident.with_user(self.ops_manager)
        # the manager cannot skip the verification
        with self.assertRaisesRegex(UserError, "not possible now"):
            manager_view.action_confirm()
        incident.action_verify()
        self.assertEqual(incident.state, "verified")
        self.assertEqual(incident.verified_by_id, self.guard)
        # the estate's project manager is asked to decide
        activity = incident.activity_ids
        self.assertEqual(activity.user_id, self.estate.manager_id)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("property_operations.mail_activity_parking_decision"),
        )
        with self.assertRaises(AccessError):
            incident.action_confirm()
        with self.assertRaisesRegex(UserError, "say who is liable"):
            manager_view.action_confirm()
        with Form(manager_view) as form:
            form.responsibility = "company"
            form.responsibility_note = "地库顶棚渗水，公共设施维护责任"
            form.claim_party_id = self.insurer
            form.claim_amount = 3800
        manager_view.action_confirm()
        self.assertEqual(incident.state, "confirmed")
        self.assertFalse(incident.activity_ids)
        # not closed before the claim and the payment
        manager_view.lessons = "加强巡查"
        with self.assertRaisesRegex(UserError, "file the claim"):
            manager_view.action_close()
        with self.assertRaises(UserError):
            manager_view.action_pay()
        with self.assertRaises(AccessError):
            incident.action_claim()
        manager_view.action_claim()
        self.assertEqual(incident.state, "claimed")
        self.assertEqual(incident.date_claim, self.env.company._property_today())
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            incident.claim_amount = 5000
        with self.assertRaises(AccessError):
            incident.action_pay()
        with self.assertRaisesRegex(UserError, "enter the amount paid"):
            manager_view.action_pay()
        with self.assertRaisesRegex(ValidationError, "Amount Paid cannot be negative"):
            with Form(manager_view) as form:
                form.amount_paid = -100
        with Form(manager_view) as form:
            form.amount_paid = 3600
            form.date_paid = "2026-03-20"
        manager_view.action_pay()
        self.assertEqual(incident.state, "paid")
        self.assertEqual(incident.amount_paid, 3600)
        with self.assertRaises(AccessError):
            incident.action_close()
        manager_view.lessons = False
        with self.assertRaisesRegex(UserError, "write the lessons learned"):
            manager_view.action_close()
        manager_view.lessons = "喷淋管接头纳入季度巡检，地库顶棚渗水点加装接水槽。"
        manager_view.action_close()
        self.assertEqual(incident.state, "closed")

    def test_damage_nobody_liable_is_closed_without_claim(self):
        incident = self.report("vehicle_damage").with_user(self.ops_manager)
        incident.action_verify()
        incident.responsibility = "none"
        incident.action_confirm()
        with self.assertRaisesRegex(UserError, "nothing to claim"):
            incident.action_claim()
        incident.lessons = "车主自行剐蹭，提醒车主注意立柱。"
        incident.action_close()
        self.assertEqual(incident.state, "closed")

    def test_amounts_not_negative(self):
        incident = self.report("vehicle_damage")
        with self.assertRaisesRegex(ValidationError, "Amount Claimed cannot be negative"):
            incident.with_user(self.ops_manager).claim_amount = -1

    def test_state_only_through_the_buttons(self):
        incident = self.report("space_occupied", contact_method="phone")
        with self.assertRaises(UserError):
            incident.with_user(self.guard).state = "closed"
        with self.assertRaises(UserError):
            self.Incident.with_user(self.guard).create(
                {"parking_space_id": self.space.id, "state": "closed"}
            )
        incident.with_user(self.guard).action_contact()
        with self.assertRaisesRegex(UserError, "nobody handled yet"):
            incident.with_user(self.ops_manager).unlink()
        with self.assertRaises(AccessError):  # the guard deletes nothing
            self.report("space_occupied").with_user(self.guard).unlink()

    def test_other_company_incidents_invisible(self):
        company_2, estate_2, _unit_2 = self.second_company()
        space_2 = self.env["property.parking.space"].create(
            {"name": "B1-001", "estate_id": estate_2.id}
        )
        incident_2 = self.Incident.create(
            {"kind": "space_occupied", "parking_space_id": space_2.id}
        )
        self.assertEqual(incident_2.company_id, company_2)
        self.assertTrue(incident_2.name.startswith("PI/"))
        incident = self.report("space_occupied")
        guard_2 = self.company_user(company_2, "pp_guard_2", "property_base.group_property_user")
        both = [("id", "in", (incident | incident_2).ids)]
        self.assertEqual(self.Incident.with_user(self.guard).search(both), incident)
        self.assertEqual(self.Incident.with_user(guard_2).search(both), incident_2)
        with self.assertRaises(AccessError):
            incident_2.with_user(self.guard).read(["plate"])
        # the second company's guard does not see the first's space, its holder
        self.assertFalse(self.space.with_user(guard_2).has_access("read"))
