from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

from .property_flags import create_flags, open_flags

EMERGENCY_KINDS = [
    ("fire", "Fire"),
    ("earthquake", "Earthquake"),
    ("elevator", "Elevator Entrapment"),
    ("security", "Public Security"),
    ("water_leak", "Water Leak"),
    ("power_cut", "Power Cut"),
]

# how often a plan of each kind is drilled by default, in months: fire drills every half
# year (crowded places must, and a residential estate is drilled at least yearly), the
# others yearly; a default of the plan, which its managers change
DRILL_MONTHS = {"fire": 6}
DEFAULT_DRILL_MONTHS = 12


class PropertyEmergencyPlan(models.Model):
    """An emergency plan (应急预案) of one kind (fire, elevator entrapment...), for one
    estate or every estate of the company: who does what (its roles, with their phones)
    and the steps to follow. It is drilled every `drill_interval_months`; the next drill
    is due that long after the last one done (or after the plan's approval), and a daily
    job flags the plans whose drill is overdue with none planned."""

    _name = "property.emergency.plan"
    _description = "Emergency Plan"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, kind, name, id"
    _check_company_auto = True
    _property_bounds = {"drill_interval_months": (1, 60)}

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    kind = fields.Selection(EMERGENCY_KINDS, required=True, index=True, tracking=True)
    estate_id = fields.Many2one(
        "property.estate",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Leave empty for a plan of every estate of the company.",
    )
    version = fields.Char(tracking=True, help="The edition of the plan, e.g. 2026-1.")
    date_approved = fields.Date(
        string="Approved On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The date the plan in force was approved; the first drill is due from it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="Who keeps the plan and organises its drills; told when a drill is overdue. "
        "Empty: the estate's project manager.",
    )
    drill_interval_months = fields.Integer(
        string="Drill Every (months)",
        compute="_compute_drill_interval_months",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="The plan is drilled at least this often (fire: every 6 months by default, "
        "the others yearly).",
    )
    role_ids = fields.One2many("property.emergency.plan.role", "plan_id", string="Roles", copy=True)
    step_ids = fields.One2many("property.emergency.plan.step", "plan_id", string="Steps", copy=True)
    description = fields.Html(
        string="Scope and Notes", help="Where the plan applies, equipment, assembly points..."
    )
    drill_ids = fields.One2many("property.emergency.drill", "plan_id", string="Drills")
    incident_ids = fields.One2many("property.emergency.incident", "plan_id", string="Incidents")
    drill_count = fields.Integer(compute="_compute_counts")
    incident_count = fields.Integer(compute="_compute_counts")
    last_drill_date = fields.Date(
        compute="_compute_drill_dates",
        store=True,
        help="The day of the last drill done.",
    )
    next_drill_due = fields.Date(
        compute="_compute_drill_dates",
        store=True,
        index=True,
        help="The last drill done (else the approval) plus the drill interval.",
    )
    drill_planned = fields.Boolean(
        compute="_compute_drill_dates",
        store=True,
        help="A drill of the plan is scheduled and not yet done.",
    )
    # set when the plan's responsible is told its drill is overdue; a new due date
    # clears it (a drill done moves the due date)
    drill_overdue_flagged = fields.Boolean(
        string="Overdue Drill Flagged", compute="_compute_drill_overdue_flagged", store=True
    )

    _sql_constraints = [
        (
            "drill_interval_positive",
            "CHECK(drill_interval_months > 0)",
            "A plan is drilled at least once every few months.",
        ),
    ]

    @api.depends("kind")
    def _compute_drill_interval_months(self):
        for plan in self:
            plan.drill_interval_months = DRILL_MONTHS.get(plan.kind, DEFAULT_DRILL_MONTHS)

    @api.depends(
        "date_approved",
        "drill_interval_months",
        "drill_ids.state",
        "drill_ids.date_start",
        "drill_ids.date_scheduled",
    )
    def _compute_drill_dates(self):
        for plan in self:
            company = plan.company_id or self.env.company
            done = plan.drill_ids.filtered(lambda d: d.state == "done")
            days = [company._property_date(d.date_start or d.date_scheduled) for d in done]
            plan.last_drill_date = max(days) if days else False
            start = plan.last_drill_date or plan.date_approved
            plan.next_drill_due = (
                start + relativedelta(months=plan.drill_interval_months)
                if start and plan.drill_interval_months
                else False
            )
            plan.drill_planned = any(d.state == "planned" for d in plan.drill_ids)

    @api.depends("next_drill_due")
    def _compute_drill_overdue_flagged(self):
        self.drill_overdue_flagged = False

    def _compute_counts(self):
        drills = dict(
            self.env["property.emergency.drill"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        incidents = dict(
            self.env["property.emergency.incident"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.drill_count = drills.get(plan, 0)
            plan.incident_count = incidents.get(plan, 0)

    # ------------------------------------------------------------------ buttons

    def action_view_drills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_emergency_drill"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_incidents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_emergency_incident"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    # ------------------------------------------------------------------ flags

    def _property_responsible(self):
        """Who is told of an overdue drill: the plan's responsible, else the estate's
        project manager."""
        self.ensure_one()
        return self.user_id or self.estate_id.manager_id

    @api.model
    def _cron_flag_overdue_drills(self, batch_size=500):
        """An activity for the responsible of each active plan whose drill is overdue
        (due before today, in the company's time zone) and none is planned: once per due
        date, and never while one is open; at most `batch_size` plans a run."""
        todays = {
            company: company._property_today() for company in self.env["res.company"].search([])
        }
        domain = expression.OR(
            [
                [("company_id", "=", company.id), ("next_drill_due", "<", today)]
                for company, today in todays.items()
            ]
        ) + [("drill_planned", "=", False), ("drill_overdue_flagged", "=", False)]
        plans = self.search(domain, order="next_drill_due, id", limit=batch_size)
        activity_type = self.env.ref("property_operations.mail_activity_emergency_drill_due")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities = []
        for plan in plans - open_flags(plans, activity_type):
            user = plan._property_responsible()
            if not user:
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": plan.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": todays[plan.company_id],
                    "summary": plan.with_context(lang=user.lang).env._(
                        "Drill due on %(date)s not done: %(plan)s",
                        date=plan.next_drill_due,
                        plan=plan.display_name,
                    ),
                }
            )
        create_flags(self.env, activities)
        # flagged once per due date, whoever got it
        plans.write({"drill_overdue_flagged": True})
        self.env["ir.cron"]._notify_progress(
            done=len(plans), remaining=self.search_count(domain) if plans else 0
        )
        return plans
