from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

from .property_takeover_problem import OPEN_PROBLEM_STATES

ENGINEER = "property_operations.group_operations_engineer"

TAKEOVER_STATES = [
    ("plan", "Plan"),
    ("documents", "Documents"),
    ("inspection", "Inspection"),
    ("rectification", "Rectification"),
    ("confirmed", "Confirmed"),
    ("agreement", "Agreement Signed"),
    ("handed_over", "Handed Over"),
    ("cancelled", "Cancelled"),
]
# what was agreed in the plan stays as planned once the developer sent the documents
PLAN_FIELDS = ("estate_id", "developer_id", "scope", "date_planned_start", "date_planned_end")
AGREEMENT_FIELDS = ("agreement_ref", "date_agreement")


class PropertyTakeover(models.Model):
    """The takeover inspection (承接查验) of an estate from its developer, as the
    Ministry's rules (建房〔2010〕165号, 物业承接查验办法) order it: the plan agreed with
    the developer (确定方案) → the archives and drawings handed over (移交图纸资料)
    → the common parts and facilities inspected (查验共用部位、共用设施设备) → the
    problems put right by the developer (解决问题) and re-inspected → the result
    confirmed (确认结果) → the agreement signed (签订承接查验协议) → the handover done
    (办理交接手续). The facilities inspected become the estate's equipment register."""

    _name = "property.takeover"
    _description = "Takeover Inspection"
    _sequence_code = "property.takeover"
    _company_from = "estate_id"
    _inherit = [
        "property.workflow.mixin",
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_planned_start desc, id desc"
    _rec_names_search = ["name", "estate_id.name", "developer_id.name"]
    _check_company_auto = True
    _workflow_locked = {
        "documents": PLAN_FIELDS,
        "inspection": PLAN_FIELDS,
        "rectification": PLAN_FIELDS,
        "confirmed": PLAN_FIELDS,
        "agreement": PLAN_FIELDS + AGREEMENT_FIELDS,
        "handed_over": ALL_FIELDS,
        "cancelled": ALL_FIELDS,
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    state = fields.Selection(
        TAKEOVER_STATES, default="plan", required=True, tracking=True, copy=False, index=True
    )
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, tracking=True, check_company=True
    )
    developer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The developer (建设单位) handing the estate over.",
    )
    developer_contact_id = fields.Many2one(
        "res.partner",
        string="Developer's Contact",
        tracking=True,
        domain="[('parent_id', '=', developer_id)]",
        help="The developer's person for this takeover: the reminders of overdue "
        "problems are sent to them.",
    )
    scope = fields.Text(
        help="What is taken over: buildings, common parts, common facilities and "
        "equipment, service premises (查验范围)."
    )
    date_planned_start = fields.Date(string="Planned Start", tracking=True)
    date_planned_end = fields.Date(string="Planned End", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who leads the takeover for the property company; the overdue problems "
        "come to their activities.",
    )
    inspector_ids = fields.Many2many(
        "res.users",
        "property_takeover_inspector_rel",
        "takeover_id",
        "user_id",
        string="Our Inspectors",
        domain="[('share', '=', False)]",
    )
    developer_inspector_ids = fields.Many2many(
        "res.partner",
        "property_takeover_developer_inspector_rel",
        "takeover_id",
        "partner_id",
        string="Developer's Inspectors",
    )
    developer_inspectors = fields.Text(
        string="Other Inspectors",
        help="The developer's other participants (contractors, supervisors) by name.",
    )
    document_ids = fields.One2many(
        "property.takeover.document", "takeover_id", string="Documents", copy=False
    )
    document_waiver = fields.Text(
        string="Missing Documents Note",
        help="Why the inspection starts while required documents are missing, and when "
        "the developer will hand them over.",
    )
    problem_ids = fields.One2many(
        "property.takeover.problem", "takeover_id", string="Problems", copy=False
    )
    problem_count = fields.Integer(compute="_compute_problem_counts")
    open_problem_count = fields.Integer(string="Open Problems", compute="_compute_problem_counts")
    facility_ids = fields.Many2many(
        "property.facility",
        "property_takeover_facility_rel",
        "takeover_id",
        "facility_id",
        string="Facilities Inspected",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        help="The common facilities inspected: once handed over, they are the "
        "estate's equipment register.",
    )
    date_inspection = fields.Date(string="Inspected On", readonly=True, copy=False)
    date_confirmed = fields.Date(string="Confirmed On", readonly=True, copy=False)
    agreement_ref = fields.Char(string="Agreement Reference", copy=False, tracking=True)
    date_agreement = fields.Date(string="Agreement Date", copy=False, tracking=True)
    date_handover = fields.Date(string="Handover Date", readonly=True, copy=False)
    equipment_registered = fields.Boolean(readonly=True, copy=False)
    note = fields.Html(string="Notes")

    @api.depends("problem_ids.state")
    def _compute_problem_counts(self):
        for takeover in self:
            takeover.problem_count = len(takeover.problem_ids)
            takeover.open_problem_count = len(
                takeover.problem_ids.filtered(lambda p: p.state != "closed")
            )

    @api.constrains("date_planned_start", "date_planned_end")
    def _check_dates(self):
        for takeover in self:
            start, end = takeover.date_planned_start, takeover.date_planned_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Takeover inspection %(name)s: the planned end is before its start.",
                        name=takeover.name,
                    )
                )

    @api.constrains("estate_id", "facility_ids")
    def _check_facilities(self):
        for takeover in self:
            if takeover.facility_ids.estate_id - takeover.estate_id:
                raise ValidationError(
                    self.env._(
                        "Takeover inspection %(name)s: the facilities inspected must be "
                        "those of estate %(estate)s.",
                        name=takeover.name,
                        estate=takeover.estate_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_planned(self):
        if any(takeover.state not in ("plan", "cancelled") for takeover in self):
            raise UserError(
                self.env._("Only a takeover inspection still planned can be deleted; cancel it.")
            )

    # steps

    def _require_engineer(self):
        self._require_group(
            ENGINEER,
            self.env._(
                "Only engineering and the operations managers conduct takeover inspections."
            ),
        )

    def _require_values(self, names, message):
        for takeover in self:
            missing = [
                takeover._fields[name]._description_string(self.env)
                for name in names
                if not takeover[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s: %(message)s (%(fields)s).",
                        name=takeover.display_name,
                        message=message,
                        fields=", ".join(missing),
                    )
                )

    def action_confirm_plan(self):
        """The plan is agreed with the developer (确定方案): the checklist of the
        archives the developer must hand over is made from the default items."""
        self._require_engineer()
        self._require_state("plan")
        self._require_values(
            ("developer_id", "date_planned_start", "inspector_ids", "scope"),
            self.env._("complete the plan"),
        )
        items = self.env["property.takeover.document.item"].search([])
        lines = []
        for takeover in self.filtered(lambda t: not t.document_ids):
            lines += [
                {
                    "takeover_id": takeover.id,
                    "item_id": item.id,
                    "name": item.name,
                    "sequence": item.sequence,
                    "required": item.required,
                }
                for item in items
                if not item.company_id or item.company_id == takeover.company_id
            ]
        self.env["property.takeover.document"].create(lines)
        self._write_workflow({"state": "documents"})
        return True

    def action_start_inspection(self):
        """The documents are in (移交图纸资料): the inspection on site begins. Every
        required document received, or a note saying why not."""
        self._require_engineer()
        self._require_state("documents")
        for takeover in self:
            missing = takeover.document_ids.filtered(lambda d: d.required and not d.received)
            if missing and not (takeover.document_waiver or "").strip():
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s: these required documents are not "
                        "received: %(documents)s. Mark them received, or write in the "
                        "missing documents note why the inspection starts without them.",
                        name=takeover.display_name,
                        documents=", ".join(missing.mapped("name")),
                    )
                )
            takeover._write_workflow(
                {
                    "state": "inspection",
                    "date_inspection": takeover.company_id._property_today(),
                }
            )
        return True

    def action_request_rectification(self):
        """The problems found are sent to the developer to put right (解决问题)."""
        self._require_engineer()
        self._require_state("inspection")
        for takeover in self:
            problems = takeover.problem_ids.filtered(lambda p: p.state in OPEN_PROBLEM_STATES)
            if not problems:
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s has no open problem to rectify; "
                        "confirm the result.",
                        name=takeover.display_name,
                    )
                )
            undated = problems.filtered(lambda p: not p.date_deadline)
            if undated:
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s: give the developer a deadline for "
                        "each problem (%(problems)s).",
                        name=takeover.display_name,
                        problems=", ".join(undated.mapped("display_name")),
                    )
                )
        self._write_workflow({"state": "rectification"})
        return True

    def action_confirm(self):
        """The result is confirmed (确认结果): no major or critical problem left open;
        minor ones may be carried, each with the developer's deadline."""
        self._require_engineer()
        self._require_state("inspection", "rectification")
        for takeover in self:
            pending = takeover.problem_ids.filtered(lambda p: p.state != "closed")
            serious = pending.filtered(lambda p: p.severity in ("major", "critical"))
            if serious:
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s cannot be confirmed: %(count)s major "
                        "or critical problem(s) are not verified closed (%(problems)s).",
                        name=takeover.display_name,
                        count=len(serious),
                        problems=", ".join(serious.mapped("display_name")),
                    )
                )
            undated = pending.filtered(lambda p: not p.date_deadline)
            if undated:
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s: a minor problem carried past the "
                        "confirmation needs the developer's deadline (%(problems)s).",
                        name=takeover.display_name,
                        problems=", ".join(undated.mapped("display_name")),
                    )
                )
            takeover._write_workflow(
                {"state": "confirmed", "date_confirmed": takeover.company_id._property_today()}
            )
        return True

    def action_sign_agreement(self):
        """The takeover agreement is signed with the developer (签订承接查验协议)."""
        self._require_engineer()
        self._require_state("confirmed")
        self._require_values(("agreement_ref",), self.env._("enter the agreement's reference"))
        for takeover in self:
            takeover._write_workflow(
                {
                    "state": "agreement",
                    "date_agreement": takeover.date_agreement
                    or takeover.company_id._property_today(),
                }
            )
        return True

    def action_hand_over(self):
        """The handover is done (办理交接手续): the property company now runs the estate."""
        self._require_engineer()
        self._require_state("agreement")
        for takeover in self:
            takeover._write_workflow(
                {"state": "handed_over", "date_handover": takeover.company_id._property_today()}
            )
        return True

    def action_cancel(self):
        self._require_engineer()
        self._require_state("plan", "documents", "inspection", "rectification", "confirmed")
        self._write_workflow({"state": "cancelled"})
        return True

    # equipment register

    def _inspected_facilities(self):
        self.ensure_one()
        return self.facility_ids | self.problem_ids.facility_id

    def action_register_equipment(self):
        """Once handed over, each facility inspected that has no equipment yet gets
        one in the equipment register (to be completed by engineering); done once.
        Opens the equipment of the facilities inspected."""
        self.ensure_one()
        self._require_engineer()
        self._require_state("handed_over")
        facilities = self._inspected_facilities()
        if not self.equipment_registered:
            kinds = self._equipment_kinds()
            self.env["maintenance.equipment"].create(
                [
                    {
                        "name": facility.name,
                        "property_facility_id": facility.id,
                        "category_id": kinds.get(facility.facility_type, False),
                        "company_id": facility.company_id.id,
                        "location": facility.location,
                    }
                    for facility in facilities.filtered(lambda f: not f.equipment_ids)
                ]
            )
            self._write_workflow({"equipment_registered": True})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_equipment"
        )
        action["domain"] = [("property_facility_id", "in", facilities.ids)]
        action["context"] = {"default_property_estate_id": self.estate_id.id}
        return action

    def _equipment_kinds(self):
        """The equipment kind of each facility type, where the addon has one."""
        kinds = {}
        for facility_type in ("elevator", "fire_system", "power_supply", "access_control", "cctv"):
            kind = self.env.ref(
                f"property_operations.equipment_category_{facility_type}", raise_if_not_found=False
            )
            if kind:
                kinds[facility_type] = kind.id
        pump = self.env.ref("property_operations.equipment_category_pump", raise_if_not_found=False)
        if pump:
            kinds["pump_room"] = kinds["water_supply"] = pump.id
        return kinds

    def action_view_problems(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_takeover_problem"
        )
        action["domain"] = [("takeover_id", "=", self.id)]
        action["context"] = {"default_takeover_id": self.id}
        return action
