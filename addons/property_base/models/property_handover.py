from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_meter_reading import READING_BOUNDS

HANDOVER_STATES = [
    ("draft", "Identity Check"),
    ("documents", "Documents & Fees"),
    ("inspection", "Joint Inspection"),
    ("signed", "Signed Off"),
    ("done", "Handed Over"),
    ("not_taken", "Not Taken Over"),
]


class PropertyHandover(models.Model):
    """The move-in handover (入伙) of a unit to its owner, one workflow per unit:
    identity check -> documents signed and fees collected -> joint inspection with
    defects and meter readings -> owner sign-off -> keys and cards issued. A unit that is
    not taken over is recorded with the reason."""

    _name = "property.handover"
    _description = "Move-in Handover"
    _sequence_code = "property.handover"
    _inherit = [
        "property.workflow.mixin",
        "property.unit.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
    )
    state = fields.Selection(
        HANDOVER_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )

    # identity (本人 / 受托人 / 单位购买)
    identity_kind = fields.Selection(
        [
            ("owner", "Owner in Person"),
            ("agent", "Agent with Power of Attorney"),
            ("company", "Company Purchaser"),
        ],
        required=True,
        default="owner",
        tracking=True,
    )
    agent_id = fields.Many2one("res.partner", tracking=True)
    identity_document_ids = fields.Many2many(
        "ir.attachment",
        "property_handover_identity_attachment_rel",
        string="Identity Documents",
        help="ID card, move-in notice, purchase contract; power of attorney and the agent's "
        "ID for an agent; company certificate for a company purchase.",
    )
    identity_checked_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # documents and fees
    service_agreement_signed = fields.Boolean(string="Property Service Agreement Signed")
    safety_letter_signed = fields.Boolean(string="Safety Responsibility Letter Signed")
    handbook_given = fields.Boolean(string="Residents' Handbook Given")
    decoration_manual_given = fields.Boolean()
    fees_collected = fields.Boolean(
        tracking=True,
        help="The fees due at move-in (e.g. management fee prepaid for half a year) are paid.",
    )

    # joint inspection
    check_line_ids = fields.One2many(
        "property.handover.check", "handover_id", string="Inspection Checklist", copy=True
    )
    meter_line_ids = fields.One2many(
        "property.handover.meter", "handover_id", string="Meter Readings", copy=False
    )
    defect_count = fields.Integer(compute="_compute_defect_count", store=True)

    # sign-off and keys
    signature = fields.Binary(copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False, readonly=True)
    key_count = fields.Integer(string="Keys Issued")
    access_card_count = fields.Integer(string="Access Cards Issued")
    access_card_numbers = fields.Char()

    # not taken over
    not_taken_reason = fields.Selection(
        [
            ("fees", "Fees not paid"),
            ("defects", "Defects not accepted"),
            ("absent", "Owner did not come"),
            ("dispute", "Dispute with the developer"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    not_taken_note = fields.Text(copy=False)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Handover references are unique."),
        (
            "counts_positive",
            "CHECK(key_count >= 0 AND access_card_count >= 0)",
            "Numbers of keys and cards cannot be negative.",
        ),
    ]

    @api.depends("check_line_ids.result")
    def _compute_defect_count(self):
        for handover in self:
            handover.defect_count = len(
                handover.check_line_ids.filtered(lambda line: line.result == "defect")
            )

    @api.model_create_multi
    def create(self, vals_list):
        handovers = super().create(vals_list)
        handovers._fill_default_lines()
        return handovers

    def _fill_default_lines(self):
        """The standard checklist (房屋质量验收登记表) and a line per meter of the unit."""
        items = self.env["property.handover.check.item"].search([])
        check_vals, meter_vals = [], []
        for handover in self:
            if not handover.check_line_ids:
                check_vals += [
                    {"handover_id": handover.id, "item_id": item.id, "sequence": item.sequence}
                    for item in items
                ]
            if not handover.meter_line_ids:
                # the last known value, which the joint reading confirms or raises
                meter_vals += [
                    {
                        "handover_id": handover.id,
                        "meter_id": meter.id,
                        "value": meter.last_reading_value,
                    }
                    for meter in handover.unit_id.meter_ids
                ]
        self.env["property.handover.check"].create(check_vals)
        self.env["property.handover.meter"].create(meter_vals)

    # ------------------------------------------------------------------ workflow

    def action_check_identity(self):
        self._require_state("draft")
        for handover in self:
            if handover.identity_kind == "agent" and not handover.agent_id:
                raise UserError(
                    self.env._("Handover %(name)s: choose the agent.", name=handover.name)
                )
            if (
                handover.identity_kind in ("agent", "company")
                and not handover.identity_document_ids
            ):
                raise UserError(
                    self.env._(
                        "Handover %(name)s: attach the power of attorney and the agent's ID, "
                        "or the company certificate.",
                        name=handover.name,
                    )
                )
        self._write_workflow({"state": "documents", "identity_checked_by_id": self.env.user.id})
        return True

    def _check_fees_collected(self):
        """Hook for property_billing, which checks the move-in invoice is paid."""
        missing = self.filtered(lambda h: not h.fees_collected)
        if missing:
            raise UserError(
                self.env._(
                    "Handover %(name)s: collect the move-in fees first.", name=missing[0].name
                )
            )

    def action_start_inspection(self):
        self._require_state("documents")
        for handover in self:
            if not (handover.service_agreement_signed and handover.safety_letter_signed):
                raise UserError(
                    self.env._(
                        "Handover %(name)s: the property service agreement and the safety "
                        "responsibility letter must be signed first.",
                        name=handover.name,
                    )
                )
        self._check_fees_collected()
        self._write_workflow({"state": "inspection"})
        return True

    def action_sign(self):
        """The owner signs the inspection record: the agreed meter readings are recorded."""
        self._require_state("inspection")
        for handover in self:
            if handover.check_line_ids.filtered(lambda line: not line.result):
                raise UserError(
                    self.env._(
                        "Handover %(name)s: every item of the checklist needs a result.",
                        name=handover.name,
                    )
                )
            if not handover.signature:
                raise UserError(
                    self.env._("Handover %(name)s: the owner has not signed.", name=handover.name)
                )
        self.meter_line_ids._create_readings()
        self._write_workflow({"state": "signed", "signed_on": fields.Datetime.now()})
        return True

    def action_done(self):
        """Keys and cards issued: the unit is handed over to its owner."""
        self._require_state("signed")
        for handover in self:
            if handover.key_count <= 0:
                raise UserError(
                    self.env._(
                        "Handover %(name)s: record the keys issued to the owner.",
                        name=handover.name,
                    )
                )
        self._ensure_owner_occupancy()
        self._write_workflow({"state": "done"})
        for handover in self:
            handover.unit_id.handover_date = handover.date
        return True

    def _ensure_owner_occupancy(self):
        new = []
        for handover in self:
            current_owners = handover.unit_id.current_occupancy_ids.filtered(
                lambda o: o.role == "owner"
            ).partner_id
            if handover.partner_id not in current_owners:
                new.append(
                    {
                        "unit_id": handover.unit_id.id,
                        "partner_id": handover.partner_id.id,
                        "role": "owner",
                        "date_from": handover.date,
                        "share": 100.0 if not current_owners else 0.0,
                        "is_payer": not handover.unit_id.payer_id,
                    }
                )
        self.env["property.occupancy"].create(new)

    def action_not_taken(self):
        self._require_state("draft", "documents", "inspection", "signed")
        for handover in self:
            if not handover.not_taken_reason:
                raise UserError(
                    self.env._(
                        "Handover %(name)s: give the reason why the unit is not taken over.",
                        name=handover.name,
                    )
                )
        self._write_workflow({"state": "not_taken"})
        return True

    def action_reset(self):
        self._require_state("not_taken")
        self._write_workflow({"state": "draft", "not_taken_reason": False, "not_taken_note": False})
        return True


class PropertyHandoverCheckItem(models.Model):
    """An item of the standard inspection checklist (房屋质量验收登记表)."""

    _name = "property.handover.check.item"
    _description = "Handover Checklist Item"
    _order = "sequence, id"

    name = fields.Char(string="Item", required=True, translate=True)
    area = fields.Char(translate=True, help="Room or part of the unit, e.g. kitchen.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)


class PropertyHandoverCheck(models.Model):
    """A checklist line of a handover: OK, or a defect to repair."""

    _name = "property.handover.check"
    _description = "Handover Inspection Line"
    _inherit = ["property.company.mixin"]
    _company_from = "handover_id"
    _order = "handover_id, sequence, id"

    handover_id = fields.Many2one(
        "property.handover", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one("property.handover.check.item")
    area = fields.Char(compute="_compute_from_item", store=True, readonly=False)
    name = fields.Char(string="Check", compute="_compute_from_item", store=True, readonly=False)
    result = fields.Selection([("ok", "OK"), ("defect", "Defect")])
    defect_description = fields.Text()
    photo = fields.Image(max_width=1920, max_height=1920)
    repaired = fields.Boolean(help="Re-inspected after repair and accepted.")

    @api.depends("item_id")
    def _compute_from_item(self):
        for line in self.filtered("item_id"):
            line.area = line.item_id.area
            line.name = line.item_id.name


class PropertyHandoverMeter(models.Model):
    """A meter reading agreed by both sides at the handover."""

    _name = "property.handover.meter"
    _description = "Handover Meter Reading"
    _inherit = ["property.company.mixin"]
    _company_from = "handover_id"
    _order = "handover_id, id"
    _property_bounds = {"value": READING_BOUNDS}

    handover_id = fields.Many2one(
        "property.handover", required=True, index=True, ondelete="cascade"
    )
    meter_id = fields.Many2one("property.meter", required=True, ondelete="restrict")
    meter_type = fields.Selection(related="meter_id.meter_type")
    value = fields.Float(digits=(16, 2))
    reading_id = fields.Many2one(
        "property.meter.reading", string="Reading Record", readonly=True, copy=False
    )

    def _create_readings(self):
        lines = self.filtered(lambda line: not line.reading_id)
        readings = self.env["property.meter.reading"].create(
            [
                {
                    "meter_id": line.meter_id.id,
                    "date": line.handover_id.date,
                    "value": line.value,
                    "reason": "handover",
                    "note": line.handover_id.name,
                }
                for line in lines
            ]
        )
        for line, reading in zip(lines, readings, strict=True):
            line.reading_id = reading
