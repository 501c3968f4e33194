from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.osv import expression

RENOVATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("review", "Engineering Review"),
    ("approved", "Approved"),
    ("agreement", "Agreement Signed"),
    ("fees_paid", "Fees Paid"),
    ("permit", "Permit Issued"),
    ("in_progress", "Works in Progress"),
    ("inspection", "Completion Inspection"),
    ("accepted", "Accepted"),
    ("settled", "Deposit Settled"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
# the works run (the unit shows "renovating") from the permit to the acceptance
WORKS_STATES = ("permit", "in_progress", "inspection")
# before the works: the applicant (or the desk) may still withdraw
WITHDRAWABLE_STATES = ("draft", "submitted", "review", "approved", "agreement")
# the scopes that need the government authority's approval first (DOMAIN §7)
AUTHORITY_SCOPES = ("scope_structure", "scope_fire", "scope_gas")
SECURITY = "property_renovation.group_renovation_security"
DESK = "property_renovation.group_renovation_desk"
ENGINEERING = "property_renovation.group_renovation_engineering"
MANAGER = "property_renovation.group_renovation_manager"


class PropertyRenovation(models.Model):
    """A renovation application (装修申请, DOMAIN §7): the owner's (or agent's) request
    to renovate a unit, from the application with its documents through the engineering
    review, agreement, fees and deposit, permit and works, to the completion acceptance
    and the deposit refund.

    The supervision of the works is part of it: the estate's rules accepted by the
    applicant, the construction permit and the workers' passes, the entry inspection
    before the works start, the daily patrols and their violations (works stopped,
    requests, deductions), the departments told when works start and end. The owner's
    side on the portal is in `property_renovation_portal.py`."""

    _name = "property.renovation"
    _description = "Renovation Application"
    _sequence_code = "property.renovation"
    _inherit = [
        "property.workflow.mixin",
        "property.unit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _order = "date_application desc, id desc"
    _rec_names_search = ["name", "unit_id.code", "applicant_id.name"]
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        RENOVATION_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_application = fields.Date(
        string="Application Date", default=fields.Date.context_today, required=True, copy=False
    )

    # who applies
    applicant_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        help="The owner of the unit, or an agent holding the owner's power of attorney.",
    )
    applicant_occupancy_id = fields.Many2one(
        "property.occupancy",
        string="Applicant's Occupancy",
        compute="_compute_applicant_occupancy_id",
        store=True,
        help="The current occupancy of the unit that entitles the applicant to apply.",
    )
    applicant_role = fields.Selection(related="applicant_occupancy_id.role", string="Applies As")
    applicant_phone = fields.Char(
        compute="_compute_applicant_phone", store=True, precompute=True, readonly=False
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="Who pays the fees and the deposit, and gets the deposit back: the owner.",
    )

    # the decoration company (装修公司) and its documents
    contractor_id = fields.Many2one(
        "res.partner", string="Decoration Company", index="btree_not_null", tracking=True
    )
    contractor_contact = fields.Char(string="Site Manager")
    contractor_phone = fields.Char(string="Site Manager Phone")
    contractor_id_copy_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_id_copy_rel",
        "renovation_id",
        "attachment_id",
        string="ID Copy",
        help="Copy of the ID card of the decoration company's person in charge.",
    )
    contractor_licence_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_licence_rel",
        "renovation_id",
        "attachment_id",
        string="Business Licence",
    )
    contractor_qualification_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_qualification_rel",
        "renovation_id",
        "attachment_id",
        string="Qualification Certificate",
    )

    # the works
    user_id = fields.Many2one(
        "res.users",
        string="Engineer",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The engineering-department reviewer in charge of the application.",
    )
    date_start = fields.Date(string="Planned Start", tracking=True)
    date_end = fields.Date(string="Planned End", tracking=True)
    description = fields.Html(string="Works")
    scope_walls = fields.Boolean(string="Walls")
    scope_floors = fields.Boolean(string="Floors")
    scope_ceiling = fields.Boolean(string="Ceiling")
    scope_lines = fields.Boolean(string="Water / Power Lines")
    scope_low_voltage = fields.Boolean(string="Low-voltage")
    scope_kitchen_bath = fields.Boolean(string="Kitchen / Bath")
    scope_structure = fields.Boolean(string="Structure / Load")
    scope_fire = fields.Boolean(string="Fire Protection")
    scope_gas = fields.Boolean(string="Gas")
    needs_authority_approval = fields.Boolean(
        compute="_compute_needs_authority_approval",
        store=True,
        help="Works touching the structure (load), fire protection or gas need the "
        "government authority's approval before the property company approves them.",
    )
    drawing_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_drawing_rel",
        "renovation_id",
        "attachment_id",
        string="Drawings",
        help="Plan, ceiling, pipes and power, low-voltage and section drawings.",
    )
    drawings_stamped = fields.Boolean(
        tracking=True,
        help="The drawings bear the decoration company's stamp.",
    )
    commitment_signature = fields.Binary(
        string="Commitment Letter Signature", copy=False, attachment=True
    )
    commitment_signed_by = fields.Char(copy=False)
    commitment_signed_on = fields.Date(copy=False)
    prohibited_items_accepted = fields.Boolean(
        string="Prohibitions Accepted",
        copy=False,
        tracking=True,
        help="The prohibitions of renovation works were explained to the applicant, who "
        "accepted them.",
    )

    # review
    check_ids = fields.One2many(
        "property.renovation.check", "renovation_id", string="Review Checklist", copy=False
    )
    review_comment = fields.Html(string="Review Comments", copy=False)
    change_request_count = fields.Integer(
        string="Changes Requested", readonly=True, copy=False, tracking=True
    )
    change_request_reason = fields.Text(
        string="Changes to Make", readonly=True, copy=False, help="The last request for changes."
    )
    authority_approval_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_authority_rel",
        "renovation_id",
        "attachment_id",
        help="The government authority's approval of works on the structure, fire "
        "protection or gas.",
    )
    authority_approval_ref = fields.Char(string="Approval Number", copy=False)
    date_reviewed = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False, tracking=True)
    withdraw_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # owner's signature of the result, and the agreement
    owner_signature = fields.Binary(copy=False, attachment=True)
    owner_signed_by = fields.Char(copy=False)
    owner_signed_on = fields.Date(copy=False, readonly=True)
    date_agreement = fields.Date(string="Agreement Signed On", copy=False, tracking=True)

    # money
    charge_ids = fields.One2many(
        "property.charge", "renovation_id", string="Fees", readonly=True, copy=False
    )
    fee_move_id = fields.Many2one(
        "account.move", string="Fee Invoice", readonly=True, copy=False, index="btree_not_null"
    )
    # what the desk, without accounting rights, sees of the invoices (related: as superuser)
    fee_move_name = fields.Char(related="fee_move_id.name", string="Fee Invoice Number")
    fee_move_state = fields.Selection(related="fee_move_id.state", string="Fee Invoice Status")
    # The payment states follow the invoices through account.move's
    # _property_payment_followers, not Odoo's dependencies on them (Issue 20).
    fee_payment_state = fields.Selection(
        related="fee_move_id.payment_state", depends=["fee_move_id"], string="Fee Payment"
    )
    fee_amount = fields.Monetary(
        string="Fees and Deposit", compute="_compute_amounts", store=True, aggregator="sum"
    )
    deposit_amount = fields.Monetary(
        string="Deposit", compute="_compute_amounts", store=True, aggregator="sum"
    )
    fees_paid = fields.Boolean(compute="_compute_fees_paid", store=True)
    deduction_ids = fields.One2many(
        "property.renovation.deduction", "renovation_id", string="Deductions", copy=False
    )
    deduction_amount = fields.Monetary(
        string="Deducted", compute="_compute_amounts", store=True, aggregator="sum"
    )
    refund_amount = fields.Monetary(
        string="Deposit Refund", compute="_compute_amounts", store=True, aggregator="sum"
    )
    settlement_move_id = fields.Many2one(
        "account.move",
        string="Deposit Settlement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Credit note returning the deposit less the deductions.",
    )
    refund_payment_state = fields.Selection(
        related="settlement_move_id.payment_state",
        depends=["settlement_move_id"],
        string="Refund Payment",
    )
    settlement_move_name = fields.Char(
        related="settlement_move_id.name", string="Settlement Number"
    )

    # dates of the flow
    date_submitted = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    date_fees_paid = fields.Date(string="Fees Paid On", readonly=True, copy=False)
    date_permit = fields.Date(string="Permit Issued On", readonly=True, copy=False)
    date_works_start = fields.Date(string="Works Started On", readonly=True, copy=False)
    date_works_end = fields.Date(string="Works Ended On", readonly=True, copy=False)
    date_accepted = fields.Date(string="Accepted On", readonly=True, copy=False)
    acceptance_note = fields.Text(copy=False)
    date_settled = fields.Date(string="Deposit Settled On", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="The works run beyond their planned end.",
    )
    overdue_days = fields.Integer(compute="_compute_is_overdue")
    color = fields.Integer()

    # supervision of the works (DOMAIN §7, after the fees): the estate's rules
    rules_html = fields.Html(
        string="Renovation Rules",
        compute="_compute_rules_html",
        sanitize=False,
        help="The estate's hours, noise rules and prohibited items, as shown to the "
        "applicant and printed on the permit.",
    )

    # permit and passes
    permit_ids = fields.One2many("property.renovation.permit", "renovation_id", string="Permits")
    permit_id = fields.Many2one(
        "property.renovation.permit",
        compute="_compute_permit_id",
        store=True,
        index="btree_not_null",
    )
    permit_date_to = fields.Date(related="permit_id.date_to", string="Permit Valid Until")
    pass_ids = fields.One2many("property.renovation.pass", "renovation_id", string="Worker Passes")
    pass_count = fields.Integer(string="Passes", compute="_compute_supervision_counts")

    # entry inspection
    entry_ids = fields.One2many(
        "property.renovation.entry", "renovation_id", string="Entry Inspections"
    )
    entry_confirmed = fields.Boolean(
        string="Entry Inspection Confirmed", compute="_compute_entry_confirmed", store=True
    )

    # patrols
    patrol_ids = fields.One2many(
        "property.renovation.inspection", "renovation_id", string="Patrol Inspections"
    )
    patrol_count = fields.Integer(string="Patrols", compute="_compute_supervision_counts")
    violation_count = fields.Integer(string="Violations", compute="_compute_supervision_counts")
    date_last_patrol = fields.Datetime(
        string="Last Patrol", compute="_compute_date_last_patrol", store=True
    )
    patrol_due = fields.Boolean(
        string="Patrol Due Today",
        compute="_compute_patrol_due",
        search="_search_patrol_due",
        help="Works running and not patrolled today.",
    )

    # stopped works
    works_stopped = fields.Boolean(readonly=True, copy=False, tracking=True, index=True)
    stop_reason = fields.Text(readonly=True, copy=False, tracking=True)
    date_stopped = fields.Datetime(string="Stopped On", readonly=True, copy=False)
    stopped_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # department notifications (业主装修入场通知单), once per event
    date_start_notified = fields.Datetime(
        string="Departments Told of the Start", readonly=True, copy=False
    )
    date_end_notified = fields.Datetime(
        string="Departments Told of the End", readonly=True, copy=False
    )

    # ------------------------------------------------------------------ computes

    @api.depends(
        "applicant_id",
        "unit_id.occupancy_ids.state",
        "unit_id.occupancy_ids.role",
        "unit_id.occupancy_ids.partner_id",
        "unit_id.occupancy_ids.document_ids",
    )
    def _compute_applicant_occupancy_id(self):
        for renovation in self:
            renovation.applicant_occupancy_id = renovation._applicant_occupancies()[:1]

    def _applicant_occupancies(self):
        """The current occupancies entitling the applicant to apply: as an owner, or as
        an agent with the power of attorney on file (DOMAIN §7)."""
        self.ensure_one()
        partner = self.applicant_id.commercial_partner_id
        return self.unit_id.occupancy_ids.filtered(
            lambda o: (
                o.state == "current"
                and o.partner_id.commercial_partner_id == partner
                and (o.role == "owner" or (o.role == "agent" and o.document_ids))
            )
        ).sorted(lambda o: o.role != "owner")

    @api.depends("applicant_id")
    def _compute_applicant_phone(self):
        for renovation in self:
            partner = renovation.applicant_id
            renovation.applicant_phone = partner.mobile or partner.phone or False

    @api.depends("applicant_id", "unit_id")
    def _compute_partner_id(self):
        for renovation in self:
            occupancy = renovation.applicant_occupancy_id or renovation._applicant_occupancies()[:1]
            if occupancy.role == "owner" or not renovation.unit_id.owner_id:
                renovation.partner_id = renovation.applicant_id
            else:
                renovation.partner_id = renovation.unit_id.owner_id

    @api.depends(*AUTHORITY_SCOPES)
    def _compute_needs_authority_approval(self):
        for renovation in self:
            renovation.needs_authority_approval = any(renovation[f] for f in AUTHORITY_SCOPES)

    @api.depends(
        "charge_ids.amount",
        "charge_ids.state",
        "charge_ids.fee_kind",
        "deduction_ids.amount",
    )
    def _compute_amounts(self):
        for renovation in self:
            charges = renovation.charge_ids.filtered(lambda c: c.state in ("pending", "invoiced"))
            deposit = sum(charges.filtered(lambda c: c.fee_kind == "deposit").mapped("amount"))
            deducted = sum(renovation.deduction_ids.mapped("amount"))
            renovation.fee_amount = sum(charges.mapped("amount"))
            renovation.deposit_amount = deposit
            renovation.deduction_amount = deducted
            renovation.refund_amount = max(0.0, deposit - deducted)

    # and the invoice's payment: account.move._property_payment_followers
    @api.depends("fee_move_id", "date_agreement", "charge_ids")
    def _compute_fees_paid(self):
        for renovation in self:
            move = renovation.fee_move_id
            renovation.fees_paid = (
                move.state == "posted" and move.payment_state in ("paid", "in_payment")
            ) or bool(renovation.date_agreement and not renovation.charge_ids and not move)

    @api.depends("state", "date_end")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for renovation in self:
            late = (
                renovation.state in ("permit", "in_progress")
                and renovation.date_end
                and renovation.date_end < today
            )
            renovation.is_overdue = bool(late)
            renovation.overdue_days = (today - renovation.date_end).days if late else 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue renovations."))
        domain = [
            ("state", "in", ("permit", "in_progress")),
            ("date_end", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain] if len(domain) == 1 else ["!", "&", *domain]

    @api.depends_context("lang")
    @api.depends(
        "estate_id.renovation_morning_from",
        "estate_id.renovation_morning_to",
        "estate_id.renovation_afternoon_from",
        "estate_id.renovation_afternoon_to",
        "estate_id.renovation_noisy_from",
        "estate_id.renovation_noisy_to",
        "estate_id.renovation_weekend",
        "estate_id.renovation_holiday_works",
        "estate_id.renovation_noise_rules",
        "estate_id.renovation_hours_note",
    )
    def _compute_rules_html(self):
        for renovation in self:
            estate = renovation.estate_id
            if not estate:
                renovation.rules_html = False
                continue
            renovation.rules_html = estate._renovation_rules_html()

    @api.depends("permit_ids")
    def _compute_permit_id(self):
        for renovation in self:
            renovation.permit_id = renovation.permit_ids.sorted("id")[-1:]

    @api.depends("entry_ids.state")
    def _compute_entry_confirmed(self):
        for renovation in self:
            renovation.entry_confirmed = "confirmed" in renovation.entry_ids.mapped("state")

    @api.depends("patrol_ids.date")
    def _compute_date_last_patrol(self):
        for renovation in self:
            renovation.date_last_patrol = max(renovation.patrol_ids.mapped("date"), default=False)

    def _compute_supervision_counts(self):
        passes = dict(
            self.env["property.renovation.pass"]._read_group(
                [("renovation_id", "in", self.ids)], ["renovation_id"], ["__count"]
            )
        )
        patrols = dict(
            self.env["property.renovation.inspection"]._read_group(
                [("renovation_id", "in", self.ids)], ["renovation_id"], ["__count"]
            )
        )
        violations = dict(
            self.env["property.renovation.inspection.line"]._read_group(
                [("renovation_id", "in", self.ids), ("result", "=", "violation")],
                ["renovation_id"],
                ["__count"],
            )
        )
        for renovation in self:
            renovation.pass_count = passes.get(renovation, 0)
            renovation.patrol_count = patrols.get(renovation, 0)
            renovation.violation_count = violations.get(renovation, 0)

    @api.depends("state", "date_last_patrol")
    def _compute_patrol_due(self):
        since = self.env.company._property_day_start()
        for renovation in self:
            renovation.patrol_due = renovation.state == "in_progress" and (
                not renovation.date_last_patrol or renovation.date_last_patrol < since
            )

    def _search_patrol_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on the patrol due."))
        since = self.env.company._property_day_start()
        domain = [
            ("state", "=", "in_progress"),
            "|",
            ("date_last_patrol", "=", False),
            ("date_last_patrol", "<", since),
        ]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    def _compute_access_url(self):
        for renovation in self:
            renovation.access_url = f"/my/renovations/{renovation.id}"

    # ------------------------------------------------------------------ constraints

    @api.constrains("applicant_id", "unit_id")
    def _check_applicant(self):
        for renovation in self:
            if not renovation._applicant_occupancies():
                raise ValidationError(
                    self.env._(
                        "%(applicant)s cannot apply to renovate unit %(unit)s: only a current "
                        "owner of the unit, or an authorised agent whose power of attorney is "
                        "on file with their occupancy, can apply.",
                        applicant=renovation.applicant_id.display_name,
                        unit=renovation.unit_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for renovation in self:
            if (
                renovation.date_start
                and renovation.date_end
                and renovation.date_end < renovation.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Renovation %(name)s: the planned end (%(end)s) cannot be before the "
                        "planned start (%(start)s).",
                        name=renovation.name,
                        end=renovation.date_end,
                        start=renovation.date_start,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(renovation.state not in ("draft", "withdrawn") for renovation in self):
            raise UserError(
                self.env._("Only draft or withdrawn renovation applications can be deleted.")
            )

    # ------------------------------------------------------------------ checks

    def _missing_documents(self):
        """What the application still lacks before it can be submitted, as labels;
        modules add their own requirements (e.g. accepted rules) by extending it."""
        self.ensure_one()
        missing = []
        if not self.contractor_id:
            missing.append(self.env._("decoration company"))
        if not self.contractor_licence_ids:
            missing.append(self.env._("business licence"))
        if not self.contractor_qualification_ids:
            missing.append(self.env._("qualification certificate"))
        if not self.contractor_id_copy_ids:
            missing.append(self.env._("ID copy"))
        if not self.drawing_ids:
            missing.append(self.env._("drawings"))
        elif not self.drawings_stamped:
            missing.append(self.env._("decoration company's stamp on the drawings"))
        if not (self.date_start and self.date_end):
            missing.append(self.env._("planned start and end"))
        if not self.commitment_signature:
            missing.append(self.env._("signed commitment letter"))
        return missing

    def _check_submit_documents(self):
        for renovation in self:
            missing = renovation._missing_documents()
            if missing:
                raise UserError(
                    self.env._(
                        "Renovation %(name)s cannot be submitted yet; missing: %(missing)s.",
                        name=renovation.name,
                        missing=", ".join(missing),
                    )
                )

    def _check_authority_approval(self):
        for renovation in self.filtered("needs_authority_approval"):
            if not renovation.authority_approval_ids:
                scopes = [
                    renovation._fields[f].get_description(self.env)["string"]
                    for f in AUTHORITY_SCOPES
                    if renovation[f]
                ]
                raise UserError(
                    self.env._(
                        "Renovation %(name)s touches %(scopes)s: attach the government "
                        "authority's approval before approving it.",
                        name=renovation.name,
                        scopes=", ".join(scopes),
                    )
                )

    def _check_permit_requirements(self):
        """What must hold before the construction permit is issued: the planned dates
        (the permit's validity) set, the fees and the deposit paid."""
        self._check_permit_documents()
        for renovation in self:
            if not renovation.fees_paid:
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: the fees and the deposit (%(amount)s) must be "
                        "paid before the construction permit is issued.",
                        name=renovation.name,
                        amount=renovation.fee_amount,
                    )
                )

    def _issue_permit(self):
        """Issue the construction permit (装修施工许可证) and its document."""
        self._write_workflow({"state": "permit", "date_permit": fields.Date.context_today(self)})
        self._issue_permit_documents()

    def _check_works_start(self):
        """Works start only with a confirmed entry inspection, and not while stopped."""
        for renovation in self:
            if not renovation.entry_confirmed:
                raise UserError(
                    self.env._(
                        "Application %(name)s: the entry inspection (进场装修确认表) must be "
                        "confirmed by both parties before the works start.",
                        name=renovation.name,
                    )
                )
            if renovation.works_stopped:
                raise UserError(
                    self.env._(
                        "Application %(name)s: the works are stopped; engineering resumes them.",
                        name=renovation.name,
                    )
                )
        return True

    def _on_works_started(self):
        """The maintenance and security departments are told (once)."""
        self._notify_departments("start")
        return True

    def _on_works_ended(self):
        """The works are over: passes revoked, permit ended, departments told (once)."""
        self.pass_ids._revoke("ended")
        self.permit_ids.filtered(lambda p: p.state != "ended").sudo()._write_workflow(
            {"state": "ended"}
        )
        self.filtered("date_start_notified")._notify_departments("end")
        return True

    # ------------------------------------------------------------------ workflow

    def action_submit(self):
        """Hand the complete application to the property company."""
        self._require_group(DESK, self.env._("Only the renovation desk submits applications."))
        self._require_state("draft")
        self._check_applicant()
        self._check_submit_documents()
        self._write_workflow({"state": "submitted", "date_submitted": fields.Datetime.now()})
        return True

    def action_start_review(self):
        """The engineering department takes the application up and checks it."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department reviews applications.")
        )
        self._require_state("submitted")
        for renovation in self:
            vals = {"state": "review"}
            if not renovation.user_id:
                vals["user_id"] = self.env.uid
            if not renovation.check_ids:
                vals["check_ids"] = renovation._default_check_values()
            renovation._write_workflow(vals)
        return True

    def _default_check_values(self):
        """The engineering department's review checklist: the items of the company's
        (or every company's) checklist."""
        self.ensure_one()
        items = self.env["property.renovation.check.item"].search(
            [("company_id", "in", [False, self.company_id.id])]
        )
        return [
            Command.create({"sequence": item.sequence, "item_id": item.id, "name": item.name})
            for item in items
        ]

    def action_request_changes(self, reason=None):
        """Send the application back to the applicant with what to change (counted)."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department requests changes.")
        )
        self._require_state("submitted", "review")
        if not reason:
            return self._reason_wizard("action_request_changes", self.env._("Request Changes"))
        for renovation in self:
            renovation._write_workflow(
                {
                    "state": "draft",
                    "change_request_count": renovation.change_request_count + 1,
                    "change_request_reason": reason,
                }
            )
            renovation.message_post(
                body=self.env._("Changes requested: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_approve(self):
        """Approve the works; the owner is told the result and signs it."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department approves applications.")
        )
        self._require_state("review")
        self._check_authority_approval()
        self._write_workflow(
            {
                "state": "approved",
                "date_approved": fields.Datetime.now(),
                "date_reviewed": fields.Datetime.now(),
            }
        )
        for renovation in self:
            renovation.message_post(
                body=self.env._(
                    "The renovation is approved. Please sign the result (on your portal "
                    "page or at the service centre), then come to the service centre to "
                    "sign the renovation management agreement."
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=renovation.applicant_id.ids,
            )
        return True

    def action_reject(self, reason=None):
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department rejects applications.")
        )
        self._require_state("submitted", "review")
        if not reason:
            return self._reason_wizard("action_reject", self.env._("Reject Application"))
        self._write_workflow(
            {"state": "rejected", "reject_reason": reason, "date_reviewed": fields.Datetime.now()}
        )
        for renovation in self:
            renovation.message_post(
                body=self.env._("Application rejected: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_withdraw(self, reason=None):
        """The applicant gives up before the fees are paid; an unpaid fee invoice is
        reversed."""
        self._require_group(DESK, self.env._("Only the renovation desk withdraws applications."))
        self._require_state(*WITHDRAWABLE_STATES)
        for renovation in self.filtered("fee_move_id"):
            if renovation.fee_move_state == "posted" and renovation.fee_payment_state != "not_paid":
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: its fee invoice %(invoice)s is (partly) paid; "
                        "refund it before withdrawing.",
                        name=renovation.name,
                        invoice=renovation.fee_move_name,
                    )
                )
        if not reason:
            return self._reason_wizard("action_withdraw", self.env._("Withdraw Application"))
        for renovation in self.filtered(lambda r: r.fee_move_state == "posted"):
            renovation.charge_ids.filtered(
                lambda c, r=renovation: c.move_id == r.fee_move_id
            )._credit_invoice(self.env._("Withdrawn: %(name)s", name=renovation.name))
        self.charge_ids.filtered(lambda c: c.state == "pending").sudo().action_cancel()
        self._write_workflow({"state": "withdrawn", "withdraw_reason": reason})
        return True

    def action_owner_sign(self):
        """Record the owner's signature of the approval result."""
        self._require_group(DESK, self.env._("Only the renovation desk records signatures."))
        self._require_state("approved")
        for renovation in self:
            if not renovation.owner_signature:
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: the owner signs the approval result first.",
                        name=renovation.name,
                    )
                )
        self.write({"owner_signed_on": fields.Date.context_today(self)})
        return True

    def action_sign_agreement(self):
        """The renovation management agreement is signed and the prohibitions accepted:
        the fees and the deposit are invoiced at once."""
        self._require_group(DESK, self.env._("Only the renovation desk signs agreements."))
        self._require_state("approved")
        for renovation in self:
            if not renovation.owner_signed_on:
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: the owner signs the approval result before the "
                        "agreement.",
                        name=renovation.name,
                    )
                )
            if not renovation.prohibited_items_accepted:
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: explain the prohibitions to the applicant and "
                        "record their acceptance before the agreement.",
                        name=renovation.name,
                    )
                )
        self._write_workflow(
            {
                "state": "agreement",
                "date_agreement": fields.Date.context_today(self),
            }
        )
        self._invoice_fees()
        self._mark_fees_paid()
        return True

    def action_invoice_fees(self):
        """Invoice the fees again (e.g. after the invoice was cancelled)."""
        self._require_group(DESK, self.env._("Only the renovation desk invoices the fees."))
        self._require_state("agreement")
        for renovation in self:
            if renovation.fee_move_state == "posted":
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: the fees are already invoiced (%(invoice)s).",
                        name=renovation.name,
                        invoice=renovation.fee_move_name,
                    )
                )
        self._invoice_fees()
        return True

    def _fee_charge_values(self):
        """The pending charges of the fees of the fee table for this unit."""
        self.ensure_one()
        values = []
        for fee in self.env["property.renovation.fee"]._find_fees(self.unit_id):
            quantity, price = fee._quantity_price(self.unit_id)
            values.append(
                {
                    "name": fee.product_id.name,
                    "unit_id": self.unit_id.id,
                    "partner_id": self.partner_id.id,
                    "product_id": fee.product_id.id,
                    "quantity": quantity,
                    "price_unit": price,
                    "origin": self.name,
                    "renovation_id": self.id,
                }
            )
        return values

    def _invoice_fees(self):
        """Charge the fee table's fees (deposit, waste removal...) as pending charges
        and invoice them at once through property_billing."""
        Charge = self.env["property.charge"]
        for renovation in self:
            old = renovation.charge_ids.filtered(lambda c: c.state == "pending")
            old.sudo().action_cancel()
            charges = Charge._create_for_document(renovation._fee_charge_values())
            if not charges:
                continue
            invoice = charges._invoice_now(origin=renovation.name).sudo()[:1]
            renovation.fee_move_id = invoice
            renovation.message_post(
                body=self.env._(
                    "Fees and deposit invoiced: %(invoice)s (%(amount)s).",
                    invoice=invoice._get_html_link(),
                    amount=invoice.amount_total,
                )
            )

    def _mark_fees_paid(self):
        """Move the applications whose fees are paid on (called when the invoice is
        paid, and when the desk checks)."""
        paid = self.filtered(lambda r: r.state == "agreement" and r.fees_paid)
        paid._write_workflow(
            {"state": "fees_paid", "date_fees_paid": fields.Date.context_today(self)}
        )
        return paid

    def action_check_fees_paid(self):
        self._require_group(DESK, self.env._("Only the renovation desk checks the fees."))
        self._require_state("agreement")
        self.invalidate_recordset(["fees_paid"])
        unpaid = self - self._mark_fees_paid()
        if unpaid:
            raise UserError(
                self.env._(
                    "Renovation %(name)s: the fee invoice %(invoice)s is not paid yet.",
                    name=unpaid[0].name,
                    invoice=unpaid[0].fee_move_name or "-",
                )
            )
        return True

    def action_issue_permit(self):
        """Issue the construction permit; only once the fees and deposit are paid."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department issues permits.")
        )
        self._require_state("fees_paid")
        self._check_permit_requirements()
        self._issue_permit()
        return True

    def action_start_works(self):
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department records the works start.")
        )
        self._require_state("permit")
        self._check_works_start()
        self._write_workflow(
            {"state": "in_progress", "date_works_start": fields.Date.context_today(self)}
        )
        self._on_works_started()
        return True

    def action_request_inspection(self):
        """The works are finished: the completion inspection (竣工验收) is due."""
        self._require_group(DESK, self.env._("Only the renovation desk records the works' end."))
        self._require_state("in_progress")
        self._write_workflow(
            {"state": "inspection", "date_works_end": fields.Date.context_today(self)}
        )
        return True

    def action_accept(self):
        """Completion acceptance: the works are as approved."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department accepts the works.")
        )
        self._require_state("inspection")
        self._write_workflow(
            {"state": "accepted", "date_accepted": fields.Date.context_today(self)}
        )
        # over only now: a refused acceptance sends the workers back
        self._on_works_ended()
        return True

    def action_refuse_acceptance(self, reason=None):
        """The works are not acceptable: back to work, with what to correct."""
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department accepts the works.")
        )
        self._require_state("inspection")
        if not reason:
            return self._reason_wizard("action_refuse_acceptance", self.env._("Works Not Accepted"))
        self._write_workflow({"state": "in_progress", "date_works_end": False})
        for renovation in self:
            renovation.message_post(
                body=self.env._("Works not accepted: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_settle_deposit(self):
        """Settle the deposit: credit the deposit back less the deductions, and open the
        payment of the refund."""
        self._require_group(MANAGER, self.env._("Only a renovation manager settles deposits."))
        self._require_state("accepted")
        for renovation in self:
            renovation._settle_deposit()
        self._write_workflow({"state": "settled", "date_settled": fields.Date.context_today(self)})
        moves = self.settlement_move_id.filtered(lambda m: m.amount_residual)
        if len(self) == 1 and moves and self.env.user.has_group("account.group_account_invoice"):
            return moves.action_register_payment()
        return True

    def _settle_deposit(self):
        """Post the deposit settlement as one credit note to the payer:

        - a line of the deposit product for the whole deposit paid: it debits the
          deposit liability account (the deposit is no longer owed as such);
        - one negative line per deduction, on the deduction product: it credits income
          (the company keeps that part);
        - the receivable is credited with the difference, the refund, which the cashier
          pays out with an outbound payment (Register Payment on the credit note) that
          reconciles with it.

        The deposit liability of the application thus ends at zero, the deductions are
        income, and the refund is an ordinary customer refund in the books and reports.
        Nothing is posted when no deposit was paid."""
        self.ensure_one()
        deposits = self.charge_ids.filtered(
            lambda c: c.fee_kind == "deposit" and c.move_id == self.fee_move_id
        )
        if not deposits or not self.deposit_amount:
            return False
        if not self.fees_paid:
            raise UserError(
                self.env._(
                    "Renovation %(name)s: the deposit was not paid; nothing to refund.",
                    name=self.name,
                )
            )
        product = self.env.ref("property_renovation.product_fee_renovation_deduction")
        labels = dict(
            self.env["property.renovation.deduction"]
            ._fields["deduction_type"]
            ._description_selection(self.env)
        )
        refund = deposits._settle_deposit(
            self.env._(
                "%(unit)s / Renovation deposit returned / %(name)s",
                unit=self.unit_id.code,
                name=self.name,
            ),
            [
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "%(unit)s / Deduction (%(type)s): %(reason)s",
                        unit=self.unit_id.code,
                        type=labels[deduction.deduction_type],
                        reason=deduction.name,
                    ),
                    "amount": deduction.amount,
                }
                for deduction in self.deduction_ids
            ],
            self.env._("Renovation deposit settlement %(name)s", name=self.name),
        )
        self.settlement_move_id = refund
        self.message_post(
            body=self.env._(
                "Deposit settled: %(deposit)s paid, %(deducted)s deducted, %(refund)s to "
                "refund (%(move)s).",
                deposit=self.deposit_amount,
                deducted=self.deduction_amount,
                refund=self.refund_amount,
                move=refund._get_html_link(),
            )
        )
        return refund

    def action_close(self):
        self._require_group(MANAGER, self.env._("Only a renovation manager closes applications."))
        self._require_state("settled")
        for renovation in self:
            move = renovation.sudo().settlement_move_id
            if move and move.payment_state not in ("paid", "in_payment", "reversed"):
                raise UserError(
                    self.env._(
                        "Renovation %(name)s: pay the deposit refund (%(amount)s) first.",
                        name=renovation.name,
                        amount=move.amount_residual,
                    )
                )
        self._write_workflow({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True

    # ------------------------------------------------------------------ buttons

    def action_view_fee_invoice(self):
        self.ensure_one()
        return self._action_view_move(self.fee_move_id)

    def action_view_settlement(self):
        self.ensure_one()
        return self._action_view_move(self.settlement_move_id)

    def _action_view_move(self, move):
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ rules

    def action_accept_rules(self):
        """The applicant accepts the rules (at the desk, or on the portal)."""
        for renovation in self:
            if renovation.state in ("rejected", "withdrawn", "closed"):
                raise UserError(
                    self.env._(
                        "Application %(name)s is closed; its rules cannot be accepted.",
                        name=renovation.name,
                    )
                )
        self.filtered(lambda r: not r.prohibited_items_accepted).write(
            {"prohibited_items_accepted": True}
        )
        return True

    # ------------------------------------------------------------------ permit

    def _prepare_permit(self):
        self.ensure_one()
        return {
            "renovation_id": self.id,
            "date_from": self.date_start,
            "date_to": self.date_end,
        }

    def _check_permit_documents(self):
        """The dates set: they are the permit's validity. (The rules were accepted
        before the agreement was signed.)"""
        for renovation in self:
            if not (renovation.date_start and renovation.date_end):
                raise UserError(
                    self.env._(
                        "Application %(name)s: set the planned start and end; they are the "
                        "permit's validity.",
                        name=renovation.name,
                    )
                )

    def _issue_permit_documents(self):
        """The construction permit of each application, once."""
        self._check_permit_documents()
        todo = self.filtered(lambda r: not r.permit_ids)
        return self.env["property.renovation.permit"].create(
            [renovation._prepare_permit() for renovation in todo]
        )

    def action_print_permit(self):
        self.ensure_one()
        if not self.permit_id:
            raise UserError(self.env._("Application %(name)s has no permit yet.", name=self.name))
        return self.permit_id.action_print()

    # ------------------------------------------------------------------ stopped works

    def _stop_works(self, reason):
        """Stop the works (a violation): passes suspended until engineering resumes."""
        self._require_group(SECURITY, self.env._("Only renovation staff stop works."))
        for renovation in self:
            if renovation.state not in WORKS_STATES:
                raise UserError(
                    self.env._(
                        "Application %(name)s: no works are running to stop.",
                        name=renovation.name,
                    )
                )
        todo = self.filtered(lambda r: not r.works_stopped)
        # security guards stop works on patrol without the right to edit applications
        todo.sudo().write(
            {
                "works_stopped": True,
                "stop_reason": reason,
                "date_stopped": fields.Datetime.now(),
                "stopped_by_id": self.env.uid,
            }
        )
        todo.pass_ids.sudo()._revoke("stopped")
        todo.permit_ids.filtered(lambda p: p.state == "valid").sudo()._write_workflow(
            {"state": "suspended"}
        )
        for renovation in todo:
            renovation.sudo().message_post(
                body=self.env._("Works stopped: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
            )
        return True

    def action_resume_works(self):
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department resumes stopped works.")
        )
        for renovation in self:
            if not renovation.works_stopped:
                raise UserError(
                    self.env._("The works of %(name)s are not stopped.", name=renovation.name)
                )
        self.write({"works_stopped": False, "date_stopped": False, "stopped_by_id": False})
        self.pass_ids._restore("stopped")
        self.permit_ids.filtered(lambda p: p.state == "suspended")._write_workflow(
            {"state": "valid"}
        )
        for renovation in self:
            renovation.message_post(body=self.env._("Works resumed."))
        return True

    def action_stop_works_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_renovation.action_property_renovation_stop_wizard"
        )
        action["context"] = {"default_renovation_id": self.id}
        return action

    # ------------------------------------------------------------------ notifications

    def _notify_departments(self, event):
        """业主装修入场通知单: tell the maintenance and security teams of the estate that
        the works start (or end), once per event."""
        field = "date_start_notified" if event == "start" else "date_end_notified"
        todo = self.filtered(lambda r: not r[field])
        for renovation in todo:
            teams = renovation.estate_id._renovation_teams()
            users = teams.member_ids | teams.leader_id
            renovation.sudo().message_post_with_source(
                "property_renovation.message_works_notice",
                render_values={"renovation": renovation, "event": event, "teams": teams},
                subtype_xmlid="mail.mt_comment",
                partner_ids=users.partner_id.ids,
                subject=(
                    self.env._("Renovation works start: %(unit)s", unit=renovation.unit_id.code)
                    if event == "start"
                    else self.env._("Renovation works end: %(unit)s", unit=renovation.unit_id.code)
                ),
            )
        if todo:
            todo.sudo().write({field: fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------ views

    def _supervision_action(self, xmlid, default=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("renovation_id", "=", self.id)]
        action["context"] = {"default_renovation_id": self.id, **(default or {})}
        return action

    def action_view_passes(self):
        return self._supervision_action("property_renovation.action_property_renovation_pass")

    def action_view_patrols(self):
        return self._supervision_action("property_renovation.action_property_renovation_inspection")

    def action_view_entry(self):
        action = self._supervision_action("property_renovation.action_property_renovation_entry")
        if len(self.entry_ids) == 1:
            action.update(
                {"view_mode": "form", "views": [(False, "form")], "res_id": self.entry_ids.id}
            )
        return action

    def action_new_patrol(self):
        action = self.action_view_patrols()
        action.update({"view_mode": "form", "views": [(False, "form")]})
        return action
