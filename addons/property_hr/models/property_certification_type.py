from odoo import fields, models


class PropertyCertificationType(models.Model):
    """A certificate some positions must hold (电工证, 电梯操作证, 消防设施操作员证...),
    with how long before its expiry to remind."""

    _name = "property.certification.type"
    _description = "Certificate Type"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the type between companies."
    )
    authority = fields.Char(
        string="Issuing Authority", translate=True, help="Who issues it, e.g. 应急管理部门."
    )
    validity_months = fields.Integer(
        string="Validity (Months)",
        help="Usual validity, proposed as the expiry of new certificates; 0: no expiry.",
    )
    reminder_days = fields.Integer(
        string="Reminder (Days)",
        default=30,
        required=True,
        help="How many days before the expiry the employee's manager is reminded.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        "property_certification_type_job_rel",
        "type_id",
        "job_id",
        string="Required for",
        help="Positions whose holders must hold a valid certificate of this type.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        domain=[("share", "=", False)],
        help="Reminded of the certificates of employees without a manager.",
    )

    _sql_constraints = [
        ("reminder_positive", "CHECK (reminder_days >= 0)", "The reminder cannot be negative."),
        ("validity_positive", "CHECK (validity_months >= 0)", "The validity cannot be negative."),
    ]
