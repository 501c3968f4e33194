from odoo import api, fields, models


class PropertyTrainingCourse(models.Model):
    """A course staff must (re)take: induction of new hires, skills, service awareness,
    law, safety... The positions listed require it; a validity makes it recurrent."""

    _name = "property.training.course"
    _description = "Training Course"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the course between companies."
    )
    kind = fields.Selection(
        [
            ("induction", "Induction"),
            ("skills", "Skills"),
            ("service", "Service Awareness"),
            ("law", "Law and Regulations"),
            ("safety", "Safety"),
            ("certification", "Certification Preparation"),
        ],
        required=True,
        default="skills",
        tracking=True,
    )
    duration = fields.Float(string="Duration (Hours)", default=2.0)
    validity_months = fields.Integer(
        string="Validity (Months)",
        tracking=True,
        help="Months after which the course must be taken again; 0: taken once.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        "property_training_course_job_rel",
        "course_id",
        "job_id",
        string="Required for",
        help="Positions whose holders must have passed the course.",
    )
    description = fields.Html(translate=True)
    session_ids = fields.One2many("property.training.session", "course_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")

    _sql_constraints = [
        ("validity_positive", "CHECK (validity_months >= 0)", "The validity cannot be negative."),
        ("duration_positive", "CHECK (duration >= 0)", "The duration cannot be negative."),
    ]

    @api.depends("session_ids")
    def _compute_session_count(self):
        counts = dict(
            self.env["property.training.session"]._read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["__count"]
            )
        )
        for course in self:
            course.session_count = counts.get(course, 0)

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.property_training_session_action"
        )
        action["domain"] = [("course_id", "=", self.id)]
        action["context"] = {"default_course_id": self.id}
        return action
