from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyCommon


class StaffCommon(PropertyCommon):
    """The estate of PropertyCommon and a second one, teams of each kind serving them,
    an HR officer and the positions of the module's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env, "ph_hr_officer", groups="hr.group_hr_user", name="行政人事 孙"
        )
        cls.hr_manager = new_test_user(
            cls.env, "ph_hr_manager", groups="hr.group_hr_manager", name="人事经理 钱"
        )
        cls.job_butler = cls.env.ref("property_hr.job_butler")
        cls.job_technician = cls.env.ref("property_hr.job_technician")
        cls.job_cashier = cls.env.ref("property_hr.job_cashier")
        cls.job_security = cls.env.ref("property_hr.job_security")
        cls.group_desk = cls.env.ref("property_ticket.group_ticket_desk")
        cls.group_technician = cls.env.ref("property_ticket.group_ticket_technician")
        cls.group_staff = cls.env.ref("property_base.group_property_user")
        cls.group_invoice = cls.env.ref("account.group_account_invoice")
        cls.estate_2 = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        Team = cls.env["property.team"]
        cls.team_service = Team.create(
            {
                "name": "客服中心",
                "property_kind": "customer_service",
                "estate_ids": [(6, 0, cls.estate.ids)],
            }
        )
        cls.team_maintenance = Team.create(
            {
                "name": "工程维修部",
                "property_kind": "maintenance",
                "estate_ids": [(6, 0, cls.estate.ids)],
            }
        )
        cls.team_maintenance_2 = Team.create(
            {
                "name": "翠湖苑 工程部",
                "property_kind": "maintenance",
                "estate_ids": [(6, 0, cls.estate_2.ids)],
            }
        )
        cls.team_night = Team.create({"name": "夜班值守", "estate_ids": [(6, 0, cls.estate.ids)]})

    @classmethod
    def employee_with_user(cls, login, **values):
        """An employee and their internal user (no property rights yet)."""
        user = new_test_user(cls.env, login, groups="base.group_user", name=login)
        return cls.env["hr.employee"].create({"name": login, "user_id": user.id, **values})
