from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .staff_common import StaffCommon


@tagged("post_install", "-at_install")
class TestRoles(StaffCommon):
    def test_position_grants_and_takes_back_its_groups(self):
        employee = self.employee_with_user("ph_role_li")
        user = employee.user_id
        self.assertFalse(user.has_group("property_base.group_property_user"))
        employee.with_user(self.hr_manager).write(
            {"job_id": self.job_technician.id, "property_estate_ids": [(6, 0, self.estate.ids)]}
        )
        self.assertIn(self.group_technician, user.groups_id)
        self.assertIn(self.group_staff, user.groups_id)
        self.assertIn(self.group_technician, employee.property_granted_group_ids)
        self.assertNotIn(self.env.ref("base.group_user"), employee.property_granted_group_ids)
        # technician -> butler: the desk; -> cashier: neither desk nor technician
        employee.job_id = self.job_butler
        self.assertIn(self.group_desk, user.groups_id)
        employee.job_id = self.job_cashier
        self.assertNotIn(self.group_desk, user.groups_id)
        self.assertNotIn(self.group_technician, user.groups_id)
        self.assertIn(self.group_invoice, user.groups_id)
        self.assertIn(self.group_staff, user.groups_id, "still needed by the cashier")
        self.assertTrue(user.has_group("base.group_user"))
        # leaving the company takes everything back
        employee.action_archive()
        self.assertNotIn(self.group_invoice, user.groups_id)
        self.assertNotIn(self.group_staff, user.groups_id)
        self.assertFalse(employee.property_granted_group_ids)

    def test_groups_given_by_hand_stay(self):
        employee = self.employee_with_user("ph_role_zhao")
        user = employee.user_id
        user.groups_id = [(4, self.group_desk.id), (4, self.env.ref("hr.group_hr_user").id)]
        employee.job_id = self.job_technician
        # the desk implies the technician's rights: nothing to grant, nothing recorded
        self.assertFalse(employee.property_granted_group_ids & self.group_technician)
        employee.job_id = self.job_cashier
        self.assertIn(self.group_desk, user.groups_id)
        self.assertIn(self.group_technician, user.groups_id)
        self.assertTrue(user.has_group("hr.group_hr_user"))
        employee.job_id = False
        self.assertIn(self.group_desk, user.groups_id)
        self.assertNotIn(self.group_invoice, user.groups_id)

    def test_create_user_from_employee(self):
        employee = self.env["hr.employee"].create(
            {
                "name": "物业管家 周",
                "job_id": self.job_butler.id,
                "property_estate_ids": [(6, 0, self.estate.ids)],
                "work_email": "zhou@example.com",
            }
        )
        self.assertEqual(employee.property_team_ids, self.team_service)
        action = employee.action_create_user()
        form = Form(self.env["res.users"].with_context(**action["context"]), view=action["view_id"])
        user = form.save()
        self.assertEqual(employee.user_id, user)
        self.assertTrue(user.has_group("property_ticket.group_ticket_desk"))
        self.assertIn(user, self.team_service.member_ids)
        # another user for the employee: the former loses what the position gave
        other = new_test_user(self.env, "ph_role_zhou_2", groups="base.group_user")
        employee.user_id = other
        self.assertFalse(user.has_group("property_ticket.group_ticket_desk"))
        self.assertNotIn(user, self.team_service.member_ids)
        self.assertTrue(other.has_group("property_ticket.group_ticket_desk"))
        self.assertIn(other, self.team_service.member_ids)

    def test_teams_follow_position_estates_and_form(self):
        employee = self.employee_with_user(
            "ph_role_wu",
            job_id=self.job_technician.id,
            property_estate_ids=[(6, 0, self.estate.ids)],
        )
        user = employee.user_id
        self.assertEqual(employee.property_team_ids, self.team_maintenance)
        self.assertIn(user, self.team_maintenance.member_ids)
        employee.property_estate_ids = [(4, self.estate_2.id)]
        self.assertEqual(
            employee.property_team_ids, self.team_maintenance | self.team_maintenance_2
        )
        self.assertIn(user, self.team_maintenance_2.member_ids)
        # a team without a kind, chosen by hand, stays when the position changes
        employee.property_team_ids = [(4, self.team_night.id)]
        self.assertIn(user, self.team_night.member_ids)
        employee.job_id = self.job_butler
        self.assertEqual(employee.property_team_ids, self.team_service | self.team_night)
        self.assertNotIn(user, self.team_maintenance.member_ids)
        self.assertNotIn(user, self.team_maintenance_2.member_ids)
        self.assertIn(user, self.team_service.member_ids)
        employee.property_team_ids = [(3, self.team_night.id)]
        self.assertNotIn(user, self.team_night.member_ids)

    def test_position_groups_are_set_by_administrators_only(self):
        holder = self.employee_with_user("ph_role_qian", job_id=self.job_security.id)
        with self.assertRaises(AccessError):
            self.job_security.with_user(self.hr_officer).property_group_ids = [
                (4, self.env.ref("base.group_system").id)
            ]
        self.assertFalse(holder.user_id.has_group("base.group_system"))
        # an administrator widens the position: its holders follow
        self.job_security.property_group_ids = [(4, self.group_desk.id)]
        self.assertIn(self.group_desk, holder.user_id.groups_id)

    def test_positions_granting_rights_are_given_by_hr_managers_not_to_themselves(self):
        job_manager = self.env.ref("property_hr.job_project_manager")
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        newcomer = new_test_user(self.env, "ph_role_feng", groups="base.group_user")
        # an HR officer gives no property rights, to themself or to anyone
        for user in (self.hr_officer, newcomer):
            with self.assertRaises(AccessError):
                Employee.create({"name": user.name, "user_id": user.id, "job_id": job_manager.id})
        own = Employee.create({"name": "行政人事 孙", "user_id": self.hr_officer.id})
        colleague = self.employee_with_user("ph_role_zheng")
        for employee in (own, colleague):
            with self.assertRaises(AccessError):
                employee.with_user(self.hr_officer).job_id = job_manager
        self.assertFalse(self.hr_officer.has_group("property_base.group_property_manager"))
        self.assertFalse(colleague.user_id.has_group("property_base.group_property_manager"))
        # ...but keeps the records of employees without users
        without_user = Employee.create({"name": "新员工 冯", "job_id": job_manager.id})
        self.assertEqual(without_user.job_id, job_manager)
        # an HR manager gives positions, but not to themself
        colleague.with_user(self.hr_manager).job_id = job_manager
        self.assertTrue(colleague.user_id.has_group("property_base.group_property_manager"))
        own_manager = self.env["hr.employee"].create(
            {"name": "人事经理 钱", "user_id": self.hr_manager.id}
        )
        with self.assertRaises(AccessError):
            own_manager.with_user(self.hr_manager).job_id = job_manager
        self.assertFalse(self.hr_manager.has_group("property_base.group_property_manager"))
        # the administrator may
        admin = new_test_user(
            self.env, "ph_role_admin", groups="base.group_system,hr.group_hr_manager"
        )
        own_admin = self.env["hr.employee"].create({"name": "系统管理员", "user_id": admin.id})
        own_admin.with_user(admin).job_id = job_manager
        self.assertTrue(admin.has_group("property_base.group_property_manager"))

    def visible_menus(self, user):
        """The xml ids of the Property menus `user` sees."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        root = self.env.ref("property_base.menu_property_root")
        menus = Menu.browse(Menu._visible_menu_ids()).filtered(
            lambda m: m.parent_path.startswith(root.parent_path)
        )
        return set(menus.get_external_id().values())

    def test_each_position_lands_on_its_work_and_sees_the_menus_of_its_job(self):
        employee = self.employee_with_user("ph_role_landing")
        user = employee.user_id
        employee.write({"job_id": self.job_technician.id})
        self.assertEqual(
            user.action_id.id, self.env.ref("property_ticket.action_property_ticket_mine").id
        )
        menus = self.visible_menus(user)
        self.assertIn("property_ticket.menu_property_ticket_mine", menus)
        for foreign in (
            "property_billing.menu_property_billing",
            "property_fund.menu_property_maintenance_fund",
            "property_base.menu_property_front_desk",
            "property_base.menu_property_structure",
            "property_base.menu_property_reports",
        ):
            self.assertNotIn(foreign, menus, "not a technician's work")

        employee.job_id = self.job_butler
        self.assertEqual(
            user.action_id.id, self.env.ref("property_ticket.action_property_ticket_desk").id
        )
        menus = self.visible_menus(user)
        self.assertIn("property_base.menu_property_front_desk", menus)
        self.assertNotIn("property_fund.menu_property_maintenance_fund", menus)

        employee.job_id = self.job_cashier
        self.assertEqual(
            user.action_id.id, self.env.ref("property_billing.action_property_payment_notice").id
        )
        menus = self.visible_menus(user)
        self.assertIn("property_billing.menu_property_payment_notice", menus)
        self.assertIn("property_billing.menu_property_collection_report", menus)
        self.assertNotIn("property_ticket.menu_property_ticket_root", menus)

        employee.action_archive()
        self.assertFalse(user.action_id, "the position's landing goes with it")

    def test_reporting_gathers_the_property_reports(self):
        reporting = self.env.ref("property_base.menu_property_reports")
        for xmlid in (
            "property_billing.menu_property_collection_report",
            "property_billing.menu_property_arrears_report",
            "property_billing.menu_property_income_report",
            "property_ticket.menu_property_ticket_report",
            "property_ticket.menu_property_ticket_followup_report",
            "property_base.menu_property_handover_daily",
            "property_hr.menu_property_kpi_review_report_property",
        ):
            menu = self.env.ref(xmlid)
            self.assertEqual(menu.parent_id, reporting, xmlid)
