from odoo import fields, models
from odoo.tools import SQL


class PropertyTrainingMatrix(models.Model):
    """Who is missing what: one row per active employee and course or certificate
    their position requires, with its status today."""

    _name = "property.training.matrix"
    _inherit = "property.report.mixin"
    _description = "Training and Certificate Matrix"
    _auto = False
    _order = "employee_id, requirement_type, id"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_id = fields.Many2one("hr.job", string="Position", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", related="employee_id.property_estate_ids"
    )
    requirement_type = fields.Selection(
        [("course", "Course"), ("certification", "Certificate")], readonly=True
    )
    course_id = fields.Many2one("property.training.course", readonly=True)
    certification_type_id = fields.Many2one(
        "property.certification.type", string="Certificate Type", readonly=True
    )
    status = fields.Selection(
        [("done", "Done"), ("missing", "Missing"), ("expired", "Expired")], readonly=True
    )
    last_date = fields.Date(string="Passed / Issued", readonly=True)
    valid_until = fields.Date(readonly=True)
    missing_count = fields.Integer(string="Missing", readonly=True)
    expired_count = fields.Integer(string="Expired", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)

    def _query(self):
        # a requirement is met by a pass (course) or a certificate held; it has
        # expired when its latest validity has passed (no validity: never expires)
        return SQL(
            """
            WITH employee AS (
                SELECT e.id, e.job_id, e.department_id, e.company_id
                  FROM hr_employee e
                 WHERE e.active AND e.job_id IS NOT NULL
            ), requirement AS (
                SELECT e.*, 'course' AS requirement_type, rel.course_id,
                       NULL::integer AS certification_type_id,
                       met.found, met.last_date, met.valid_until
                  FROM employee e
                  JOIN property_training_course_job_rel rel ON rel.job_id = e.job_id
                  JOIN property_training_course c ON c.id = rel.course_id AND c.active
                 CROSS JOIN LATERAL (
                        SELECT COUNT(*) > 0 AS found,
                               MAX(a.date) AS last_date,
                               CASE WHEN bool_or(a.valid_until IS NULL) THEN NULL
                                    ELSE MAX(a.valid_until) END AS valid_until
                          FROM property_training_attendance a
                          JOIN property_training_session s ON s.id = a.session_id
                         WHERE a.employee_id = e.id AND a.course_id = c.id
                           AND a.result = 'pass' AND s.state = 'done'
                       ) met
                UNION ALL
                SELECT e.*, 'certification', NULL, rel.type_id,
                       met.found, met.last_date, met.valid_until
                  FROM employee e
                  JOIN property_certification_type_job_rel rel ON rel.job_id = e.job_id
                  JOIN property_certification_type t ON t.id = rel.type_id AND t.active
                 CROSS JOIN LATERAL (
                        SELECT COUNT(*) > 0 AS found,
                               MAX(p.issue_date) AS last_date,
                               CASE WHEN bool_or(p.expiry_date IS NULL) THEN NULL
                                    ELSE MAX(p.expiry_date) END AS valid_until
                          FROM property_certification p
                         WHERE p.employee_id = e.id AND p.type_id = t.id
                       ) met
            ), status AS (
                SELECT r.*,
                       CASE WHEN NOT r.found THEN 'missing'
                            WHEN r.valid_until < CURRENT_DATE THEN 'expired'
                            ELSE 'done' END AS status
                  FROM requirement r
            )
            SELECT ROW_NUMBER() OVER (ORDER BY r.id, r.requirement_type,
                                      r.course_id, r.certification_type_id) AS id,
                   r.id AS employee_id, r.job_id, r.department_id, r.company_id,
                   r.requirement_type, r.course_id, r.certification_type_id,
                   r.last_date, r.valid_until, r.status,
                   (r.status = 'missing')::integer AS missing_count,
                   (r.status = 'expired')::integer AS expired_count,
                   (r.status = 'done')::integer AS done_count
              FROM status r
            """
        )
