from odoo.tests import TransactionCase, new_test_user


class TestGroups(TransactionCase):
    def test_group_hierarchy(self):
        """A manager is also staff; an administrator is also a manager."""
        admin = new_test_user(self.env, "prop_admin", groups="property_base.group_property_admin")
        self.assertTrue(admin.has_group("property_base.group_property_manager"))
        self.assertTrue(admin.has_group("property_base.group_property_user"))
        staff = new_test_user(self.env, "prop_staff", groups="property_base.group_property_user")
        self.assertFalse(staff.has_group("property_base.group_property_manager"))
        self.assertFalse(staff.has_group("property_base.group_property_admin"))
