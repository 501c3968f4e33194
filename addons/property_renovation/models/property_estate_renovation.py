from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_duration

WEEKEND_WORKS = [
    ("none", "No Works"),
    ("quiet", "Quiet Works Only"),
    ("all", "Same as Weekdays"),
]


class PropertyEstate(models.Model):
    """The renovation rules of an estate (装修管理规定): working and noisy-works hours,
    noise rules and the departments notified of works, shown to applicants and printed
    on the permits."""

    _inherit = "property.estate"

    renovation_morning_from = fields.Float(string="Morning From", default=8.0)
    renovation_morning_to = fields.Float(string="Morning To", default=12.0)
    renovation_afternoon_from = fields.Float(string="Afternoon From", default=14.0)
    renovation_afternoon_to = fields.Float(string="Afternoon To", default=18.0)
    renovation_noisy_from = fields.Float(
        string="Noisy Works From",
        default=8.5,
        help="Drilling, cutting, hammering only between these hours of working days.",
    )
    renovation_noisy_to = fields.Float(string="Noisy Works To", default=11.5)
    renovation_noisy_afternoon_from = fields.Float(
        string="Noisy Works Afternoon From", default=14.5
    )
    renovation_noisy_afternoon_to = fields.Float(string="Noisy Works Afternoon To", default=17.5)
    renovation_weekend = fields.Selection(
        WEEKEND_WORKS, string="Weekend Works", required=True, default="quiet"
    )
    renovation_holiday_works = fields.Boolean(
        string="Works on Public Holidays", help="Off by default: no works on public holidays."
    )
    renovation_noise_rules = fields.Text(
        string="Noise Rules",
        translate=True,
        help="Free text shown to the applicant and printed on the permit.",
    )
    renovation_hours_note = fields.Text(
        string="Other Site Rules", translate=True, help="E.g. lifts to use, delivery hours."
    )
    renovation_rule_ids = fields.Many2many(
        "property.renovation.rule",
        string="Renovation Rules",
        compute="_compute_renovation_rule_ids",
    )
    renovation_maintenance_team_id = fields.Many2one(
        "property.team",
        string="Maintenance Team",
        check_company=True,
        help="Notified when renovation works start and end; receives the requests raised "
        "for violations of maintenance rules.",
    )
    renovation_security_team_id = fields.Many2one(
        "property.team",
        string="Security Team",
        check_company=True,
        help="Notified when renovation works start and end; receives the requests raised "
        "for violations of security rules.",
    )

    @api.constrains(
        "renovation_morning_from",
        "renovation_morning_to",
        "renovation_afternoon_from",
        "renovation_afternoon_to",
        "renovation_noisy_from",
        "renovation_noisy_to",
        "renovation_noisy_afternoon_from",
        "renovation_noisy_afternoon_to",
    )
    def _check_renovation_hours(self):
        for estate in self:
            for start, end in estate._renovation_periods():
                if not 0 <= start <= end <= 24:
                    raise ValidationError(
                        self.env._(
                            "Estate %(estate)s: renovation hours must be within the day "
                            "and end after they start.",
                            estate=estate.name,
                        )
                    )

    def _renovation_periods(self):
        self.ensure_one()
        return [
            (self.renovation_morning_from, self.renovation_morning_to),
            (self.renovation_afternoon_from, self.renovation_afternoon_to),
            (self.renovation_noisy_from, self.renovation_noisy_to),
            (self.renovation_noisy_afternoon_from, self.renovation_noisy_afternoon_to),
        ]

    def _compute_renovation_rule_ids(self):
        Rule = self.env["property.renovation.rule"]
        for estate in self:
            estate.renovation_rule_ids = Rule._applicable(estate) if estate.id else Rule

    def _renovation_rules_html(self):
        """The estate's renovation rules as shown to applicants and on the permit."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "property_renovation.renovation_rules",
            {
                "estate": self,
                "hours": self._renovation_hours_text(),
                "weekend": dict(
                    self._fields["renovation_weekend"]._description_selection(self.env)
                )[self.renovation_weekend],
                "rules": self.renovation_rule_ids,
            },
        )

    def _renovation_hours_text(self):
        """The hours as printed: "08:00–12:00, 14:00–18:00"."""
        self.ensure_one()

        def span(start, end):
            return f"{format_duration(start)}–{format_duration(end)}"

        return {
            "works": ", ".join(
                span(s, e)
                for s, e in (
                    (self.renovation_morning_from, self.renovation_morning_to),
                    (self.renovation_afternoon_from, self.renovation_afternoon_to),
                )
                if e > s
            ),
            "noisy": ", ".join(
                span(s, e)
                for s, e in (
                    (self.renovation_noisy_from, self.renovation_noisy_to),
                    (self.renovation_noisy_afternoon_from, self.renovation_noisy_afternoon_to),
                )
                if e > s
            ),
        }

    def _renovation_teams(self):
        self.ensure_one()
        return self.renovation_maintenance_team_id | self.renovation_security_team_id
