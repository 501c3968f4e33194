from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class PropertyCertification(models.Model):
    """A certificate held by an employee. Its manager is reminded once when it comes
    close to its expiry and once when it has expired."""

    _name = "property.certification"
    _description = "Employee Certificate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "expiry_date, id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    type_id = fields.Many2one(
        "property.certification.type",
        string="Certificate",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    number = fields.Char(tracking=True)
    issue_date = fields.Date(tracking=True)
    expiry_date = fields.Date(
        compute="_compute_expiry_date", store=True, readonly=False, tracking=True, index=True
    )
    reminder_date = fields.Date(compute="_compute_reminder_date", store=True, index=True)
    document = fields.Binary(attachment=True, help="A scan of the certificate.")
    document_name = fields.Char()
    state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
    )
    reminder_stage = fields.Selection(
        [
            ("none", "Not Reminded"),
            ("expiring", "Expiry Announced"),
            ("expired", "Expiry Reported"),
        ],
        default="none",
        required=True,
        copy=False,
        readonly=True,
        help="The reminders already sent, so that each is sent once.",
    )
    notes = fields.Text()

    @api.depends("employee_id")
    def _compute_company_id(self):
        for certification in self:
            certification.company_id = (
                certification.employee_id.company_id or certification.company_id or self.env.company
            )

    @api.depends("type_id", "issue_date")
    def _compute_expiry_date(self):
        for certification in self:
            months = certification.type_id.validity_months
            if months and certification.issue_date and not certification.expiry_date:
                certification.expiry_date = certification.issue_date + relativedelta(months=months)
            else:
                certification.expiry_date = certification.expiry_date

    @api.depends("expiry_date", "type_id.reminder_days")
    def _compute_reminder_date(self):
        for certification in self:
            certification.reminder_date = certification.expiry_date and (
                certification.expiry_date - relativedelta(days=certification.type_id.reminder_days)
            )

    @api.depends_context("date")
    @api.depends("expiry_date", "reminder_date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for certification in self:
            if certification.expiry_date and certification.expiry_date < today:
                certification.state = "expired"
            elif certification.reminder_date and certification.reminder_date <= today:
                certification.state = "expiring"
            else:
                certification.state = "valid"

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(self.env._("Unsupported search on the certificate state."))
        today = fields.Date.context_today(self)
        states = {value} if isinstance(value, str) else set(value)
        domains = {
            "expired": [("expiry_date", "<", today)],
            "expiring": [("expiry_date", ">=", today), ("reminder_date", "<=", today)],
            "valid": [
                "|",
                ("expiry_date", "=", False),
                ("reminder_date", ">", today),
            ],
        }
        domain = [("id", "=", 0)]
        for state in states & domains.keys():
            domain = ["|", *domain, *domains[state]]
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for certification in self:
            if (
                certification.issue_date
                and certification.expiry_date
                and certification.expiry_date < certification.issue_date
            ):
                raise ValidationError(
                    self.env._(
                        "Certificate %(number)s of %(employee)s expires before it was issued.",
                        number=certification.number or certification.type_id.name,
                        employee=certification.employee_id.name,
                    )
                )

    @api.depends("employee_id", "type_id", "number")
    def _compute_display_name(self):
        for certification in self:
            parts = [certification.type_id.name, certification.number]
            certification.display_name = " ".join(p for p in parts if p) or False

    def write(self, vals):
        if "expiry_date" in vals and "reminder_stage" not in vals:
            # a renewed certificate is reminded of again
            vals = dict(vals, reminder_stage="none")
        return super().write(vals)

    def _reminder_user(self):
        """The employee's manager, else the HR responsible of the type, else whoever
        recorded the certificate."""
        self.ensure_one()
        for user in (
            self.employee_id.parent_id.user_id,
            self.type_id.responsible_id,
            self.create_uid,
        ):
            if user and user.active and not user.share:
                return user
        return self.env.ref("base.user_admin")

    @api.model
    def _cron_remind_expiry(self, batch_size=500, today=None):
        """Once per certificate, an activity for the manager when it enters its reminder
        window, and another when it has expired (by `today`, default each company's
        today). A certificate replaced by a newer one of the same type is not reported.
        Works in batches and tells the scheduler how many are left."""
        companies = self.env["res.company"].search([])
        todays = {company: today or company._property_today() for company in companies}
        domain = expression.OR(
            [
                [("company_id", "=", company.id), *self._expiry_domain(day)]
                for company, day in todays.items()
            ]
        )
        certifications = self.search(domain, order="reminder_date, id", limit=batch_size)
        for company in certifications.company_id:
            certifications.filtered(
                lambda c, company=company: c.company_id == company
            )._remind_expiry(todays[company])
        self.env["ir.cron"]._notify_progress(
            done=len(certifications),
            remaining=self.search_count(domain) if certifications else 0,
        )
        return certifications

    @api.model
    def _expiry_domain(self, today):
        """The certificates to remind of by `today`: entering their reminder window, or
        expired, and not reported as such yet."""
        return [
            ("employee_id.active", "=", True),
            "|",
            "&",
            ("reminder_stage", "=", "none"),
            ("reminder_date", "<=", today),
            "&",
            ("reminder_stage", "!=", "expired"),
            ("expiry_date", "<", today),
        ]

    def _remind_expiry(self, today):
        latest = {
            (employee.id, cert_type.id): expiry
            for employee, cert_type, expiry in self._read_group(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("type_id", "in", self.type_id.ids),
                ],
                ["employee_id", "type_id"],
                ["expiry_date:max"],
            )
        }
        activity_type = self.env.ref("property_hr.mail_activity_certification_expiry")
        activities, stages = [], {"expiring": self.browse(), "expired": self.browse()}
        for certification in self:
            stage = "expired" if certification.expiry_date < today else "expiring"
            stages[stage] |= certification
            newest = latest.get((certification.employee_id.id, certification.type_id.id))
            if newest and newest > certification.expiry_date:
                continue  # renewed: a newer certificate of the same type exists
            if stage == "expired":
                summary = self.env._(
                    "%(certificate)s of %(employee)s has expired",
                    certificate=certification.type_id.name,
                    employee=certification.employee_id.name,
                )
            else:
                summary = self.env._(
                    "%(certificate)s of %(employee)s expires on %(date)s",
                    certificate=certification.type_id.name,
                    employee=certification.employee_id.name,
                    date=certification.expiry_date,
                )
            activities.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": certification.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "user_id": certification._reminder_user().id,
                    "date_deadline": certification.expiry_date if stage == "expiring" else today,
                }
            )
        self.env["mail.activity"].sudo().create(activities)
        for stage, certifications in stages.items():
            if certifications:
                certifications.write({"reminder_stage": stage})
