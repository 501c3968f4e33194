from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

from .property_flags import create_flags, open_flags

# the problems the developer has not yet put right, or whose fix failed re-inspection
OPEN_PROBLEM_STATES = ("open", "reopened")


class PropertyTakeoverProblem(models.Model):
    """A problem found at a takeover inspection (查验问题): where, what, how serious,
    the photos, and the developer's deadline to put it right; the developer's fix is
    verified at the re-inspection, which closes it or reopens it."""

    _name = "property.takeover.problem"
    _description = "Takeover Problem"
    _inherit = ["property.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "takeover_id, sequence, id"
    _check_company_auto = True
    _workflow_locked = {
        "rectified": ("takeover_id", "description", "severity"),
        "closed": ALL_FIELDS,
    }

    takeover_id = fields.Many2one(
        "property.takeover", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="takeover_id.company_id", store=True, index=True)
    estate_id = fields.Many2one(related="takeover_id.estate_id", store=True, index=True)
    developer_id = fields.Many2one(related="takeover_id.developer_id")
    location = fields.Char(
        string="Area / Location", required=True, help="e.g. 3号楼地下车库B2层东侧"
    )
    facility_id = fields.Many2one(
        "property.facility",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    description = fields.Text(required=True)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_takeover_problem_photo_rel",
        "problem_id",
        "attachment_id",
        string="Photos",
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        required=True,
        default="minor",
        tracking=True,
        index=True,
    )
    date_deadline = fields.Date(
        string="Developer's Deadline",
        tracking=True,
        help="When the developer must have put it right.",
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("rectified", "Rectified"),
            ("reopened", "Reopened"),
            ("closed", "Closed"),
        ],
        default="open",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_rectified = fields.Date(string="Rectified On", copy=False)
    rectification_note = fields.Text(string="Developer's Rectification", copy=False)
    date_closed = fields.Date(string="Verified On", readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    # the deadline of the last reminder sent to the developer: once per deadline
    reminded_deadline = fields.Date(readonly=True, copy=False)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")

    def _compute_display_name(self):
        for problem in self:
            problem.display_name = f"{problem.location or ''}: {(problem.description or '')[:40]}"

    def _compute_overdue(self):
        for problem in self:
            problem.overdue = bool(
                problem.state in OPEN_PROBLEM_STATES
                and problem.date_deadline
                and problem.date_deadline < problem.company_id._property_today()
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue problems."))
        domain = self._overdue_domain()
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    def _overdue_domain(self):
        todays = {
            company: company._property_today() for company in self.env["res.company"].search([])
        }
        return expression.AND(
            [
                [("state", "in", OPEN_PROBLEM_STATES)],
                expression.OR(
                    [
                        [("company_id", "=", company.id), ("date_deadline", "<", today)]
                        for company, today in todays.items()
                    ]
                )
                or expression.FALSE_DOMAIN,
            ]
        )

    @api.model_create_multi
    def create(self, vals_list):
        problems = super().create(vals_list)
        for problem in problems:
            if problem.takeover_id.state not in ("inspection", "rectification"):
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s: problems are recorded during the "
                        "inspection and the rectification only.",
                        name=problem.takeover_id.display_name,
                    )
                )
        problems._attach_photos()
        return problems

    def write(self, vals):
        res = super().write(vals)
        if "photo_ids" in vals:
            self._attach_photos()
        return res

    def _attach_photos(self):
        """Attach the photos the user just uploaded to their problem, so that whoever
        reads the problem sees them (as the parking incidents do)."""
        for problem in self:
            uploaded = problem.photo_ids.filtered(
                lambda photo: not photo.res_id and photo.create_uid == self.env.user
            )
            uploaded.sudo().write({"res_model": self._name, "res_id": problem.id})

    @api.constrains("facility_id", "takeover_id")
    def _check_facility(self):
        for problem in self:
            if problem.facility_id and problem.facility_id.estate_id != problem.estate_id:
                raise ValidationError(
                    self.env._(
                        "Problem %(problem)s: facility %(facility)s is not in estate %(estate)s.",
                        problem=problem.display_name,
                        facility=problem.facility_id.name,
                        estate=problem.estate_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open(self):
        if any(problem.state != "open" for problem in self):
            raise UserError(self.env._("Only a problem nobody has handled yet can be deleted."))

    def _require_takeover_open(self):
        for problem in self:
            if problem.takeover_id.state in ("plan", "documents", "cancelled"):
                raise UserError(
                    self.env._(
                        "Takeover inspection %(name)s is not being inspected.",
                        name=problem.takeover_id.display_name,
                    )
                )

    def action_rectified(self):
        """The developer says the problem is put right (整改完成)."""
        self.takeover_id._require_engineer()
        self._require_state("open", "reopened")
        self._require_takeover_open()
        for problem in self:
            problem._write_workflow(
                {
                    "state": "rectified",
                    "date_rectified": problem.date_rectified
                    or problem.company_id._property_today(),
                }
            )
        return True

    def action_verify(self):
        """Re-inspection (复验): the fix holds, the problem is closed."""
        self.takeover_id._require_engineer()
        self._require_state("rectified")
        for problem in self:
            problem._write_workflow(
                {
                    "state": "closed",
                    "date_closed": problem.company_id._property_today(),
                    "verified_by_id": self.env.user.id,
                }
            )
        return True

    def action_reopen(self):
        """Re-inspection (复验): the fix does not hold, the developer must try again."""
        self.takeover_id._require_engineer()
        self._require_state("rectified")
        for problem in self:
            problem._write_workflow(
                {
                    "state": "reopened",
                    "reopen_count": problem.reopen_count + 1,
                    "date_rectified": False,
                }
            )
        return True

    @api.model
    def _cron_remind_overdue(self, batch_size=500):
        """For the problems past the developer's deadline: an activity for the
        takeover's responsible (one open at a time per takeover), and a reminder
        e-mailed to the developer's contact, once per problem and deadline (a new
        deadline is reminded again)."""
        problems = self.search(
            self._overdue_domain() + [("takeover_id.state", "!=", "cancelled")],
            order="date_deadline, id",
        )
        problems = problems.filtered(lambda p: p.reminded_deadline != p.date_deadline)[:batch_size]
        if not problems:
            return problems
        takeovers = problems.takeover_id
        activity_type = self.env.ref("property_operations.mail_activity_takeover_overdue")
        activities = []
        for takeover in takeovers - open_flags(takeovers, activity_type):
            user = takeover.user_id
            overdue = problems.filtered(lambda p, t=takeover: p.takeover_id == t)
            activities.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("property.takeover"),
                    "res_id": takeover.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": takeover.company_id._property_today(),
                    "summary": takeover.with_context(lang=user.lang).env._(
                        "%(count)s problem(s) past the developer's deadline",
                        count=len(overdue),
                    ),
                }
            )
        create_flags(self.env, activities)
        template = self.env.ref("property_operations.mail_template_takeover_problem_reminder")
        for problem in problems:
            contact = problem.takeover_id.developer_contact_id
            if contact:
                problem.with_context(lang=contact.lang).message_post_with_source(
                    template,
                    message_type="comment",
                    partner_ids=contact.ids,
                    subtype_xmlid="mail.mt_comment",
                )
            problem.sudo()._write_workflow({"reminded_deadline": problem.date_deadline})
        return problems
