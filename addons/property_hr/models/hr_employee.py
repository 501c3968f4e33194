from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

ROLE_FIELDS = {"job_id", "user_id", "active"}
TEAM_FIELDS = ROLE_FIELDS | {"property_team_ids", "property_estate_ids"}
# what the users' record rules read: their employees and these employees' estates
ACCESS_FIELDS = {"user_id", "active", "property_estate_ids"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    property_estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        check_company=True,
        groups="hr.group_hr_user",
        help="The estates (管理处) the employee works for.",
    )

    property_team_ids = fields.Many2many(
        "property.team",
        "hr_employee_property_team_rel",
        "employee_id",
        "team_id",
        string="Teams",
        compute="_compute_property_team_ids",
        store=True,
        readonly=False,
        check_company=True,
        groups="hr.group_hr_user",
        help="Teams the employee's user is a member of (dispatch of service requests). "
        "Proposed from the position's team kind and the employee's estates.",
    )
    property_granted_group_ids = fields.Many2many(
        "res.groups",
        "hr_employee_property_granted_group_rel",
        "employee_id",
        "group_id",
        string="Groups Granted by the Position",
        readonly=True,
        copy=False,
        groups="hr.group_hr_user",
        help="The user groups the position gave the user (not those given by hand): "
        "taken back when the position changes.",
    )

    property_attendance_ids = fields.One2many(
        "property.training.attendance",
        "employee_id",
        string="Training Record",
        groups="hr.group_hr_user",
    )
    property_certification_ids = fields.One2many(
        "property.certification", "employee_id", string="Certificates", groups="hr.group_hr_user"
    )
    property_training_count = fields.Integer(
        compute="_compute_property_training_counts", groups="hr.group_hr_user"
    )
    property_certification_count = fields.Integer(
        compute="_compute_property_training_counts", groups="hr.group_hr_user"
    )

    @api.depends("job_id", "property_estate_ids")
    def _compute_property_team_ids(self):
        kinds = set(self.job_id.mapped("property_team_kind")) - {False}
        teams = self.env["property.team"]
        if kinds:
            teams = teams.search(
                [
                    ("property_kind", "in", list(kinds)),
                    ("company_id", "in", self.company_id.ids),
                    ("estate_ids", "in", self.property_estate_ids.ids),
                ]
            )
        for employee in self:
            kind = employee.job_id.property_team_kind
            # teams of another kind go with the former position; teams without a kind
            # were chosen by hand and stay
            kept = employee.property_team_ids.filtered(
                lambda t, kind=kind: not t.property_kind or t.property_kind == kind
            )
            matching = teams.filtered(
                lambda t, e=employee, kind=kind: (
                    kind
                    and t.property_kind == kind
                    and t.company_id == e.company_id
                    and t.estate_ids & e.property_estate_ids
                )
            )
            employee.property_team_ids = kept | matching

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._property_check_role_grant()
        employees._property_apply_role()
        employees._property_sync_teams({})
        if employees.user_id:
            employees._property_access_changed()
        return employees

    def write(self, vals):
        before = {}
        if TEAM_FIELDS & vals.keys():
            before = {e.id: (e.user_id, e.property_team_ids) for e in self.sudo()}
        if "user_id" in vals:
            # the former user loses what the position gave them
            self.filtered(
                lambda e: e.user_id and e.user_id.id != vals["user_id"]
            )._property_apply_role(revoke=True)
        res = super().write(vals)
        if ROLE_FIELDS & vals.keys():
            self._property_check_role_grant()
            self._property_apply_role()
        if before:
            self._property_sync_teams(before)
        if ACCESS_FIELDS & vals.keys():
            self._property_access_changed(users_changed=bool({"user_id", "active"} & vals.keys()))
        return res

    def unlink(self):
        had_users = bool(self.user_id)
        res = super().unlink()
        if had_users:
            self.env["hr.employee"]._property_access_changed()
        return res

    def _property_access_changed(self, users_changed=True):
        """The record rules of the users are cached per user: a user's estates change
        now (their computation clears the caches when they differ), and so does the
        list of the employees a user is, which the managers' rules read."""
        self.env["res.users"].flush_model(["property_estate_ids"])
        if users_changed:
            self.env.registry.clear_cache()

    def _property_check_role_grant(self):
        """A position that gives its holder user groups is given by HR managers, and
        never to themselves: else an HR officer makes themself project manager. Only
        the administrator may. Taking rights back (leaving, no position) is free."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        granting = self.sudo().filtered(
            lambda e: (
                e.active
                and e.user_id
                and not e.user_id.share
                and e.job_id.sudo().property_group_ids - e.user_id.groups_id
            )
        )
        if not granting:
            return
        if not self.env.user.has_group("hr.group_hr_manager"):
            raise AccessError(
                self.env._("Only HR managers may give a position that grants access rights.")
            )
        if self.env.user in granting.user_id:
            raise AccessError(
                self.env._("Nobody may give themself a position that grants access rights.")
            )

    def _property_apply_role(self, revoke=False):
        """Give each employee's user the groups of the position and take back those the
        position granted earlier that no position of the user needs any more. Groups
        the user had before (given by hand, by another source) are never recorded as
        granted, hence never taken back. With `revoke`, the employee is leaving the
        user: everything granted through it is taken back."""
        Employee = self.env["hr.employee"].sudo()
        for employee in self.sudo():
            user = employee.user_id
            if not user or user.share:
                continue
            holds = employee.active and not revoke
            others = Employee.search([("user_id", "=", user.id), ("id", "!=", employee.id)])
            required = others.job_id._property_required_groups()
            if holds:
                required |= employee.job_id._property_required_groups()
            granted = employee.property_granted_group_ids
            to_remove = granted - required
            if to_remove:
                # a group implied by one the user keeps cannot go
                to_remove -= (user.groups_id - to_remove).trans_implied_ids
                user.write({"groups_id": [Command.unlink(g.id) for g in to_remove]})
            added = self.env["res.groups"]
            missing = employee.job_id.property_group_ids - user.groups_id if holds else added
            if missing:
                groups_before = user.groups_id
                user.write({"groups_id": [Command.link(g.id) for g in missing]})
                added = user.groups_id - groups_before
            new_granted = (granted - to_remove) | added
            if revoke:
                new_granted = added
            if new_granted != granted:
                employee.property_granted_group_ids = new_granted
            employee._property_apply_landing(holds)

    def _property_apply_landing(self, holds):
        """The user lands on the position's own work (its home action). Leaving it, or
        holding a position without one, the user lands on Odoo's default again, unless
        their home action was set by hand (it is no position's)."""
        user = self.user_id
        landing = self.job_id.property_home_action_id if holds else False
        if landing:
            if user.action_id.id != landing.id:
                user.action_id = landing.id  # an ir.actions.actions field
        elif user.action_id and self.env["hr.job"].sudo().search_count(
            [("property_home_action_id", "=", user.action_id.id)], limit=1
        ):
            user.action_id = False

    def _property_sync_teams(self, before):
        """Make the employee's user a member of the employee's teams, and no longer of
        the teams the employee left (or of any, for a former user)."""
        links, unlinks = defaultdict(set), defaultdict(set)
        for employee in self.sudo():
            old_user, old_teams = before.get(employee.id, (None, None))
            user = employee.user_id
            teams = (
                employee.property_team_ids if employee.active else employee.property_team_ids[:0]
            )
            if old_user:
                for team in old_teams - teams if old_user == user else old_teams:
                    unlinks[team].add(old_user.id)
            if user:
                for team in teams.filtered(lambda t, u=user: u not in t.member_ids):
                    links[team].add(user.id)
        for team in set(links) | set(unlinks):
            team.write(
                {
                    "member_ids": [Command.unlink(uid) for uid in unlinks[team]]
                    + [Command.link(uid) for uid in links[team]]
                }
            )

    def _compute_property_training_counts(self):
        attendances = dict(
            self.env["property.training.attendance"]._read_group(
                [("employee_id", "in", self.ids), ("result", "=", "pass")],
                ["employee_id"],
                ["__count"],
            )
        )
        certifications = dict(
            self.env["property.certification"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.property_training_count = attendances.get(employee, 0)
            employee.property_certification_count = certifications.get(employee, 0)

    def action_property_training(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.property_training_attendance_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_passed": 1}
        return action

    def action_property_certifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.property_certification_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
