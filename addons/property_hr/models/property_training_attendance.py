from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class PropertyTrainingAttendance(models.Model):
    """An employee in a session: the line of their training record."""

    _name = "property.training.attendance"
    _description = "Training Attendance"
    _inherit = ["property.company.mixin"]
    _company_from = "session_id"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "employee_id"

    session_id = fields.Many2one(
        "property.training.session",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", check_company=True
    )
    course_id = fields.Many2one(related="session_id.course_id", store=True, index=True)
    kind = fields.Selection(related="session_id.kind", store=True)
    date = fields.Date(related="session_id.date", store=True)
    session_state = fields.Selection(related="session_id.state", string="Session Status")
    attended = fields.Boolean(default=True)
    result = fields.Selection(
        [("pending", "Pending"), ("pass", "Passed"), ("fail", "Failed"), ("absent", "Absent")],
        default="pending",
        required=True,
    )
    score = fields.Float(aggregator="avg")
    valid_until = fields.Date(
        compute="_compute_valid_until",
        store=True,
        help="When the course must be taken again (passed courses with a validity).",
    )
    resume_line_id = fields.Many2one("hr.resume.line", readonly=True, copy=False)

    _sql_constraints = [
        (
            "employee_session_uniq",
            "UNIQUE (session_id, employee_id)",
            "An employee attends a session once.",
        ),
    ]

    @api.depends("result", "date", "course_id.validity_months")
    def _compute_valid_until(self):
        for attendance in self:
            months = attendance.course_id.validity_months
            attendance.valid_until = (
                attendance.result == "pass"
                and months
                and attendance.date
                and attendance.date + relativedelta(months=months)
            )

    def _create_resume_lines(self):
        """A passed course is a line of the employee's resumé (hr_skills)."""
        line_type = self.env.ref("property_hr.resume_type_training", raise_if_not_found=False)
        todo = self.filtered(lambda a: a.result == "pass" and not a.resume_line_id)
        lines = (
            self.env["hr.resume.line"]
            .sudo()
            .create(
                [
                    {
                        "employee_id": attendance.employee_id.id,
                        "name": attendance.course_id.name,
                        "date_start": attendance.date,
                        "date_end": attendance.date,
                        "line_type_id": line_type.id if line_type else False,
                        "description": attendance.course_id.description,
                    }
                    for attendance in todo
                ]
            )
        )
        for attendance, line in zip(todo, lines, strict=True):
            attendance.resume_line_id = line
