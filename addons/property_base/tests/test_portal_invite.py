import json
import subprocess
from urllib.parse import parse_qs, quote, urlsplit

from freezegun import freeze_time

from odoo.exceptions import AccessDenied, AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import PropertyCommon
from .pdf_text import pdf_text


@tagged("post_install", "-at_install")
class TestPortalInvite(PropertyCommon, HttpCase):
    """The desk brings owners onto the portal in bulk: a portal user each, whose login is
    their e-mail, else their mobile number; a printed letter with a one-time link; sign
    in with either; the access ends with their last occupancy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # no e-mail: signs in with the mobile, typed as people write it
        cls.owner_zhao = Partner.create({"name": "赵强", "mobile": "+86 138-0013-8000"})
        cls.owner_sun = Partner.create({"name": "孙丽"})  # neither e-mail nor mobile
        cls.unit_a3 = cls.env["property.unit"].create(
            {"code": "A1-1205", "estate_id": cls.estate.id, "building_id": cls.building_a.id}
        )
        cls.occupy(cls.unit_a1, cls.owner_zhang, date_from="2025-01-01")
        cls.occupy(cls.unit_a2, cls.owner_zhao, date_from="2025-01-01")
        cls.occupy(cls.unit_a3, cls.owner_sun, date_from="2025-01-01")
        cls.occupy(cls.unit_b1, cls.owner_zhang, date_from="2025-01-01")
        # a tenant who does not pay: not invited with the building's owners
        cls.lease = cls.occupy(
            cls.unit_a2,
            cls.tenant_wang,
            role="tenant",
            date_from="2025-01-01",
            date_to="2030-06-30",
        )

    def invite(self, model, records, user=None):
        wizard = Form(
            self.env["property.portal.invite"]
            .with_user(user or self.office)
            .with_context(active_model=model, active_ids=records.ids)
        ).save()
        wizard.action_invite()
        return wizard

    def line(self, wizard, partner):
        return wizard.line_ids.filtered(lambda line: line.partner_id == partner)

    def sign_up(self, line, password):
        """The owner opens the letter's link and chooses a password."""
        token = parse_qs(urlsplit(line.signup_url).query)["token"][0]
        self.env["res.users"].sudo().signup({"password": password}, token)

    def http_login(self, login, password):
        """/web/session/authenticate as the web client's login form does: the uid."""
        response = self.url_open(
            "/web/session/authenticate",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"db": self.env.cr.dbname, "login": login, "password": password},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json().get("result", {}).get("uid")

    def test_desk_invites_a_buildings_owners(self):
        wizard = self.invite("property.building", self.building_a)

        zhang = self.owner_zhang.with_context(active_test=False).user_ids
        zhao = self.owner_zhao.with_context(active_test=False).user_ids
        self.assertEqual(zhang.login, "zhang@example.com")
        self.assertEqual(zhao.login, "13800138000", "no e-mail: the mobile, digits only")
        self.assertTrue(zhang._is_portal() and zhao._is_portal())
        self.assertTrue(zhang.active and zhao.active)
        self.assertEqual(self.line(wizard, self.owner_zhang).status, "invited")
        self.assertEqual(self.line(wizard, self.owner_zhang).unit_ids, self.unit_a1)

        # who could not be invited is listed, with the reason
        sun = self.line(wizard, self.owner_sun)
        self.assertEqual(sun.status, "skipped")
        self.assertIn("e-mail", sun.reason)
        self.assertFalse(self.owner_sun.user_ids)
        self.assertFalse(self.line(wizard, self.tenant_wang))
        self.assertFalse(self.tenant_wang.user_ids)

        # the invitation by e-mail where there is one: Odoo's portal welcome
        mail = self.env["mail.mail"].search([("email_to", "ilike", "zhang@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn("/web/signup?", mail.body_html)
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "赵强")]))

        # invited again: who already signed in is left alone, who has not gets a new link
        self.authenticate("zhang@example.com", "any")
        again = self.invite("property.unit", self.unit_a1 | self.unit_a2)
        self.assertEqual(self.line(again, self.owner_zhang).status, "skipped")
        self.assertEqual(self.line(again, self.owner_zhao).status, "invited")
        self.assertEqual(self.owner_zhao.user_ids, zhao, "the same user, invited again")

    def test_invite_from_selected_occupancies(self):
        wizard = self.invite("property.occupancy", self.lease)
        self.assertEqual(wizard.line_ids.partner_id, self.tenant_wang)
        self.assertEqual(self.tenant_wang.user_ids.login, "wang@example.com")

    def test_field_staff_cannot_invite(self):
        with self.assertRaises(AccessError):
            self.invite("property.building", self.building_a, user=self.staff)
        self.assertFalse(self.owner_zhang.user_ids)

    def test_letter_has_login_and_one_time_link(self):
        wizard = self.invite("property.building", self.building_a)
        letters = wizard.line_ids.filtered(lambda line: line.status == "invited")
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "property_base.report_portal_invitation")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.office)
            ._render_qweb_html("property_base.report_portal_invitation", letters.ids)[0]
            .decode()
        )
        zhao = self.line(wizard, self.owner_zhao)
        self.assertIn("/web/signup?", zhao.signup_url)
        self.assertIn("token=", zhao.signup_url)
        self.assertIn(
            "/report/barcode/?barcode_type=QR&amp;value=" + quote(zhao.signup_url, safe=""),
            html,
        )
        self.assertIn(zhao.signup_url.replace("&", "&amp;"), html)
        self.assertIn("13800138000", html)
        self.assertIn("A1-1204", html)
        self.assertIn("赵强", html)
        self.assertIn("zhang@example.com", html)
        self.assertNotIn("孙丽", html)

    def test_letter_prints_with_its_qr_code(self):
        """As a PDF: the QR code is drawn (an image fetched from the server) and the text
        is Chinese for a Chinese owner."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["property_base"], ["zh_CN"])
        self.owner_zhao.lang = "zh_CN"
        wizard = self.invite("property.unit", self.unit_a2)
        report = self.env.ref("property_base.action_report_portal_invitation").with_context(
            force_report_rendering=True
        )
        pdf, kind = report.with_user(self.office)._render_qweb_pdf(
            report.report_name, wizard.line_ids.ids
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        self.assertIn("13800138000", text)
        self.assertIn("A1-1204", text)
        self.assertIn("业主服务平台开通通知", text)
        self.assertIn("尊敬的 赵强", text)
        images = subprocess.run(
            ["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertEqual(len(images.splitlines()), 3, images)  # header, rule, the QR code

    def test_login_by_mobile_or_email(self):
        wizard = self.invite("property.building", self.building_a)
        zhao_user = self.owner_zhao.user_ids
        zhang_user = self.owner_zhang.user_ids
        self.sign_up(self.line(wizard, self.owner_zhao), "zhao_pw_2026")
        self.sign_up(self.line(wizard, self.owner_zhang), "zhang_pw_2026")
        # the e-mail given later also opens the account whose login is the mobile
        self.owner_zhao.email = "Zhao.Qiang@example.com"
        self.owner_zhang.mobile = "139 0000 1111"

        self.assertEqual(self.http_login("13800138000", "zhao_pw_2026"), zhao_user.id)
        self.assertEqual(self.http_login("zhao.qiang@example.com", "zhao_pw_2026"), zhao_user.id)
        self.assertEqual(self.http_login("zhang@example.com", "zhang_pw_2026"), zhang_user.id)
        self.assertEqual(self.http_login("+86 13900001111", "zhang_pw_2026"), zhang_user.id)
        with self.assertRaises(AccessDenied):  # not over HTTP: it logs a warning
            self.env["res.users"].authenticate(
                self.env.cr.dbname,
                {"type": "password", "login": "13800138000", "password": "zhang_pw_2026"},
                {"interactive": False},
            )

    def test_login_alias_only_when_unique_and_never_for_employees(self):
        self.invite("property.building", self.building_a)
        Users = self.env["res.users"]
        self.assertEqual(
            Users._get_login_domain("+86 13800138000"), [("id", "=", self.owner_zhao.user_ids.id)]
        )
        # a second portal user with the same mobile: the mobile no longer says who
        twin = self.env["res.partner"].create(
            {"name": "赵敏", "mobile": "13800138000", "email": "min@example.com"}
        )
        self.occupy(self.unit_b1, twin, role="family")
        self.invite("property.occupancy", twin.occupancy_ids)
        self.assertEqual(twin.user_ids.login, "min@example.com")
        self.assertEqual(
            Users._get_login_domain("+86 13800138000"), [("login", "=", "+86 13800138000")]
        )
        # the login itself still says who
        self.assertEqual(Users._get_login_domain("13800138000"), [("login", "=", "13800138000")])
        # an employee keeps signing in with their login only, not with their e-mail
        self.office.partner_id.email = "liu.desk@example.com"
        self.assertEqual(
            Users._get_login_domain("liu.desk@example.com"),
            [("login", "=", "liu.desk@example.com")],
        )

    def test_access_ends_with_the_last_occupancy(self):
        wizard = self.invite("property.occupancy", self.lease | self.owner_zhang.occupancy_ids)
        self.sign_up(self.line(wizard, self.tenant_wang), "wang_pw_2026")
        wang = self.tenant_wang.user_ids
        zhang = self.owner_zhang.user_ids

        # the lease runs out: the cron ends it, and with it the tenant's access
        with freeze_time("2030-07-01"):
            self.env["property.occupancy"]._cron_end_expired()
        self.assertEqual(self.lease.state, "ended")
        self.assertFalse(wang.active)
        self.assertFalse(self.tenant_wang.user_ids)
        with self.assertRaises(AccessDenied):
            self.authenticate("wang@example.com", "wang_pw_2026")

        # an owner of two units who sells one keeps the access of the other
        sold, kept = self.owner_zhang.occupancy_ids.sorted("unit_id")
        sold.with_user(self.office).action_end()
        self.assertTrue(zhang.active and zhang._is_portal())
        kept.with_user(self.office).action_end()
        self.assertFalse(zhang.active)
