from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

MANAGER = "property_operations.group_operations_manager"

INCIDENT_STATES = [
    ("reported", "Reported"),
    # vehicle damage (车损)
    ("verified", "Verified on Site"),
    ("confirmed", "Responsibility Confirmed"),
    ("claimed", "Claim Filed"),
    ("paid", "Compensation Paid"),
    # space occupied (车位占用)
    ("contacted", "Vehicle Owner Contacted"),
    ("temporary", "Temporary Space Offered"),
    ("watching", "Under Watch"),
    ("resolved", "Resolved"),
    ("locked", "Space Lock Installed"),
    ("closed", "Closed"),
]
# the steps of each kind, in order (the statusbar's)
DAMAGE_STATES = ("reported", "verified", "confirmed", "claimed", "paid", "closed")
OCCUPIED_STATES = ("reported", "contacted", "temporary", "watching", "resolved", "locked", "closed")

# what was reported stays as reported once the handling started
REPORTED_FIELDS = ("kind", "estate_id", "parking_space_id", "date_incident")
DECISION_FIELDS = ("responsibility", "responsibility_note")
CLAIM_FIELDS = ("claim_party_id", "claim_amount", "date_claim")
PAYMENT_FIELDS = ("amount_paid", "date_paid")


class PropertyParkingIncident(models.Model):
    """A parking incident (停车场事件) on a parking space of an estate.

    - Vehicle damage (车损): photos on site → verified (比对核实) → responsibility
      confirmed (确认车损: the company, a third party or nobody) → claim filed with the
      insurer or the liable party (提请赔偿) → compensation paid (支付赔偿款) → closed with
      the lessons learned (总结教训). Confirming, claiming, paying and closing are the
      operations managers'.
    - Space occupied (车位占用): photos on site → the occupying vehicle's owner contacted
      (联系车主) → a temporary space offered to the space's holder (安排临停) → watched
      (重点监控) until the vehicle leaves (resolved) or a space lock is installed
      (加装车位锁) → closed. Any property staff (guards, desk)."""

    _name = "property.parking.incident"
    _description = "Parking Incident"
    _sequence_code = "property.parking.incident"
    _company_from = "estate_id"
    _inherit = [
        "property.workflow.mixin",
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_incident desc, id desc"
    _rec_names_search = ["name", "plate", "parking_space_id.name"]
    _check_company_auto = True
    _workflow_locked = {
        "verified": REPORTED_FIELDS,
        "confirmed": REPORTED_FIELDS + DECISION_FIELDS,
        "claimed": REPORTED_FIELDS + DECISION_FIELDS + CLAIM_FIELDS,
        "paid": REPORTED_FIELDS + DECISION_FIELDS + CLAIM_FIELDS + PAYMENT_FIELDS,
        "contacted": REPORTED_FIELDS,
        "temporary": REPORTED_FIELDS,
        "watching": REPORTED_FIELDS + ("temporary_space_id",),
        "resolved": REPORTED_FIELDS + ("temporary_space_id",),
        "locked": REPORTED_FIELDS + ("temporary_space_id", "date_lock"),
        "closed": ALL_FIELDS,
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    kind = fields.Selection(
        [("vehicle_damage", "Vehicle Damage"), ("space_occupied", "Space Occupied")],
        required=True,
        default="space_occupied",
        tracking=True,
        index=True,
    )
    state = fields.Selection(
        INCIDENT_STATES, default="reported", required=True, tracking=True, copy=False, index=True
    )
    parking_space_id = fields.Many2one(
        "property.parking.space",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        check_company=True,
    )
    date_incident = fields.Datetime(
        string="Date", required=True, default=fields.Datetime.now, tracking=True
    )
    plate = fields.Char(
        string="Licence Plate",
        tracking=True,
        help="The plate of the vehicle involved: the damaged vehicle, or the one occupying "
        "the space.",
    )
    vehicle_id = fields.Many2one(
        "property.vehicle",
        string="Registered Vehicle",
        compute="_compute_vehicle_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        help="The residents' vehicle registered with this plate, if any.",
    )
    vehicle_partner_id = fields.Many2one(
        related="vehicle_id.partner_id", string="Vehicle Owner", store=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Space Holder",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The owner or renter of the parking space: whose space is occupied, or whose "
        "vehicle was damaged on it.",
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_parking_incident_photo_rel",
        "incident_id",
        "attachment_id",
        string="Photos",
        help="The photos taken on site (现场拍照): at least one before the next step.",
    )
    description = fields.Text()
    user_id = fields.Many2one(
        "res.users",
        string="Reported By",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # vehicle damage
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_verified = fields.Datetime(string="Verified On", readonly=True, copy=False)
    responsibility = fields.Selection(
        [
            ("company", "The Property Company"),
            ("third_party", "A Third Party"),
            ("none", "Nobody"),
        ],
        tracking=True,
        copy=False,
        help="Who is liable for the damage, as decided after the verification.",
    )
    responsibility_note = fields.Text(string="Responsibility Notes", copy=False)
    claim_party_id = fields.Many2one(
        "res.partner",
        string="Claimed From",
        tracking=True,
        copy=False,
        help="The insurer of the property company, or the liable third party.",
    )
    claim_amount = fields.Monetary(string="Amount Claimed", tracking=True, copy=False)
    date_claim = fields.Date(string="Claim Date", copy=False)
    amount_paid = fields.Monetary(tracking=True, copy=False)
    date_paid = fields.Date(string="Payment Date", copy=False)
    lessons = fields.Text(
        string="Lessons Learned",
        copy=False,
        help="What the estate changes so that it does not happen again (总结教训).",
    )

    # space occupied
    contact_method = fields.Selection(
        [
            ("phone", "Phone Call"),
            ("sms", "Text Message"),
            ("notice", "Notice on the Vehicle"),
            ("in_person", "In Person"),
        ],
        string="Contacted By",
        copy=False,
    )
    date_contacted = fields.Datetime(string="Contacted On", readonly=True, copy=False)
    temporary_space_id = fields.Many2one(
        "property.parking.space",
        tracking=True,
        copy=False,
        check_company=True,
        domain="[('estate_id', '=', estate_id), ('id', '!=', parking_space_id)]",
        help="The space of the estate lent to the space's holder while theirs is occupied.",
    )
    date_lock = fields.Date(string="Lock Installed On", tracking=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)

    @api.depends("parking_space_id")
    def _compute_estate_id(self):
        for incident in self:
            if incident.parking_space_id:
                incident.estate_id = incident.parking_space_id.estate_id

    @api.depends("parking_space_id")
    def _compute_partner_id(self):
        for incident in self:
            space = incident.parking_space_id
            incident.partner_id = space.partner_id or space.unit_id.owner_id

    @api.depends("plate", "company_id")
    def _compute_vehicle_id(self):
        """The registered vehicle of the plate, in one search for all the incidents."""
        Vehicle = self.env["property.vehicle"]
        plates = {incident: Vehicle._normalize_plate(incident.plate) for incident in self}
        vehicles = Vehicle.search_fetch(
            [("plate", "in", [plate for plate in plates.values() if plate])],
            ["plate", "company_id"],
        )
        by_plate = {(vehicle.plate, vehicle.company_id): vehicle for vehicle in vehicles}
        for incident, plate in plates.items():
            incident.vehicle_id = by_plate.get((plate, incident.company_id), Vehicle)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("plate"):
                vals["plate"] = self.env["property.vehicle"]._normalize_plate(vals["plate"])
        incidents = super().create(vals_list)
        incidents._attach_photos()
        return incidents

    def write(self, vals):
        if vals.get("plate"):
            vals["plate"] = self.env["property.vehicle"]._normalize_plate(vals["plate"])
        res = super().write(vals)
        if "photo_ids" in vals:
            self._attach_photos()
        return res

    def _attach_photos(self):
        """Attach the photos the user just uploaded (to no record yet: only their author
        may read them) to their incident, so that whoever reads the incident sees them."""
        for incident in self:
            uploaded = incident.photo_ids.filtered(
                lambda photo: not photo.res_id and photo.create_uid == self.env.user
            )
            uploaded.sudo().write({"res_model": self._name, "res_id": incident.id})

    @api.constrains("parking_space_id", "estate_id", "temporary_space_id")
    def _check_spaces(self):
        for incident in self:
            if incident.parking_space_id.estate_id != incident.estate_id:
                raise ValidationError(
                    self.env._(
                        "Parking incident %(name)s: space %(space)s is not in estate %(estate)s.",
                        name=incident.name,
                        space=incident.parking_space_id.name,
                        estate=incident.estate_id.name,
                    )
                )
            temporary = incident.temporary_space_id
            if temporary and (
                temporary == incident.parking_space_id or temporary.estate_id != incident.estate_id
            ):
                raise ValidationError(
                    self.env._(
                        "Parking incident %(name)s: the temporary space must be another "
                        "space of estate %(estate)s.",
                        name=incident.name,
                        estate=incident.estate_id.name,
                    )
                )

    @api.constrains("claim_amount", "amount_paid")
    def _check_amounts(self):
        for incident in self:
            for name in ("claim_amount", "amount_paid"):
                if incident[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "Parking incident %(name)s: %(field)s cannot be negative.",
                            name=incident.name,
                            field=self._fields[name]._description_string(self.env),
                        )
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_reported(self):
        if any(incident.state != "reported" for incident in self):
            raise UserError(
                self.env._("Only a parking incident that nobody handled yet can be deleted.")
            )

    # steps

    def _require_kind(self, kind):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for incident in self:
            if incident.kind != kind:
                raise UserError(
                    self.env._(
                        "Parking incident %(name)s is not a case of “%(kind)s”.",
                        name=incident.display_name,
                        kind=labels[kind],
                    )
                )

    def _require_photos(self):
        for incident in self:
            if not incident.photo_ids:
                raise UserError(
                    self.env._(
                        "Parking incident %(name)s: attach the photos taken on site first.",
                        name=incident.display_name,
                    )
                )

    def _require_values(self, names, message):
        for incident in self:
            missing = [
                incident._fields[name]._description_string(self.env)
                for name in names
                if not incident[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Parking incident %(name)s: %(message)s (%(fields)s).",
                        name=incident.display_name,
                        message=message,
                        fields=", ".join(missing),
                    )
                )

    def _require_manager(self, message):
        self._require_group(MANAGER, message)

    def action_verify(self):
        """A guard or supervisor compared the photos with the vehicle on site (比对核实)."""
        self._require_kind("vehicle_damage")
        self._require_state("reported")
        self._require_photos()
        self._write_workflow(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "date_verified": fields.Datetime.now(),
            }
        )
        for incident in self:
            manager = incident.estate_id.manager_id
            if manager:
                incident.sudo().activity_schedule(
                    "property_operations.mail_activity_parking_decision",
                    summary=self.env._("Decide who is liable for the vehicle damage"),
                    user_id=manager.id,
                )
        return True

    def action_confirm(self):
        """The responsibility is decided (确认车损)."""
        self._require_manager(
            self.env._("Only the operations managers decide who is liable for a vehicle damage.")
        )
        self._require_kind("vehicle_damage")
        self._require_state("verified")
        self._require_values(("responsibility",), self.env._("say who is liable"))
        self.activity_feedback(["property_operations.mail_activity_parking_decision"])
        self._write_workflow({"state": "confirmed"})
        return True

    def action_claim(self):
        """The claim is filed with the insurer or the liable party (提请赔偿)."""
        self._require_manager(self.env._("Only the operations managers file damage claims."))
        self._require_kind("vehicle_damage")
        self._require_state("confirmed")
        nobody = self.filtered(lambda incident: incident.responsibility == "none")
        if nobody:
            raise UserError(
                self.env._(
                    "Parking incident %(name)s: nobody is liable, there is nothing to claim; "
                    "close it with its lessons.",
                    name=nobody[0].display_name,
                )
            )
        self._require_values(
            ("claim_party_id", "claim_amount"),
            self.env._("say from whom and how much is claimed"),
        )
        for incident in self:
            incident._write_workflow(
                {
                    "state": "claimed",
                    "date_claim": incident.date_claim or incident.company_id._property_today(),
                }
            )
        return True

    def action_pay(self):
        """The compensation was paid to the vehicle's owner (支付赔偿款)."""
        self._require_manager(self.env._("Only the operations managers record compensations."))
        self._require_kind("vehicle_damage")
        self._require_state("claimed")
        self._require_values(("amount_paid",), self.env._("enter the amount paid"))
        for incident in self:
            incident._write_workflow(
                {
                    "state": "paid",
                    "date_paid": incident.date_paid or incident.company_id._property_today(),
                }
            )
        return True

    def action_contact(self):
        """The occupying vehicle's owner was contacted to move it (联系车主)."""
        self._require_kind("space_occupied")
        self._require_state("reported")
        self._require_photos()
        self._require_values(("contact_method",), self.env._("say how the owner was contacted"))
        self._write_workflow({"state": "contacted", "date_contacted": fields.Datetime.now()})
        return True

    def action_offer_temporary(self):
        """The space's holder parks on another space meanwhile (安排临停)."""
        self._require_kind("space_occupied")
        self._require_state("contacted")
        self._require_values(("temporary_space_id",), self.env._("choose the temporary space"))
        self._write_workflow({"state": "temporary"})
        return True

    def action_watch(self):
        """The guards watch the space until the vehicle leaves (重点监控)."""
        self._require_kind("space_occupied")
        self._require_state("temporary")
        self._write_workflow({"state": "watching"})
        return True

    def action_resolve(self):
        """The vehicle left the space."""
        self._require_kind("space_occupied")
        self._require_state("watching")
        self._write_workflow({"state": "resolved"})
        return True

    def action_lock(self):
        """The occupation went on: a lock was installed on the space (加装车位锁)."""
        self._require_kind("space_occupied")
        self._require_state("watching")
        self._require_values(("date_lock",), self.env._("enter the date the lock was installed"))
        self._write_workflow({"state": "locked"})
        return True

    def action_close(self):
        """The case is closed: a damage once paid (or nobody liable), with its lessons
        (by the operations managers); an occupation once resolved or locked."""
        damages = self.filtered(lambda incident: incident.kind == "vehicle_damage")
        occupations = self - damages
        if damages:
            damages._require_manager(
                self.env._("Only the operations managers close vehicle damage cases.")
            )
            damages._require_state("paid", "confirmed")
            unpaid = damages.filtered(
                lambda incident: incident.state == "confirmed" and incident.responsibility != "none"
            )
            if unpaid:
                raise UserError(
                    self.env._(
                        "Parking incident %(name)s: file the claim and record the payment "
                        "before closing it.",
                        name=unpaid[0].display_name,
                    )
                )
            damages._require_values(("lessons",), self.env._("write the lessons learned"))
        occupations._require_state("resolved", "locked")
        self._write_workflow({"state": "closed", "date_closed": fields.Datetime.now()})
        return True
