from freezegun import freeze_time
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.test_translations import (
    chinese_company,
    english_words,
    load_languages,
)

from .common import OperationsCommon

PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
    "RU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestContractorPortal(OperationsCommon, HttpCase):
    """The maintenance contractor's technician, a portal user of the contractor
    company's contact, records and signs the checklists of the preventive orders of the
    equipment his company maintains; engineering verifies them in the backend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # B1 1号电梯 is maintained by another contractor
        cls.other_contractor = cls.env["res.partner"].create(
            {"name": "三菱电梯维保公司", "is_company": True}
        )
        cls.lift_b.property_contractor_id = cls.other_contractor
        cls.technician_partner = cls.env["res.partner"].create(
            {"name": "维保技师 王师傅", "parent_id": cls.contractor.id}
        )
        cls.technician = new_test_user(
            cls.env,
            "po_technician",
            name="维保技师 王师傅",
            password="po_technician_pw1",
            groups="base.group_portal",
            partner_id=cls.technician_partner.id,
        )
        cls.other_technician = new_test_user(
            cls.env,
            "po_other_technician",
            name="技师 赵",
            password="po_other_technician_pw1",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "技师 赵", "parent_id": cls.other_contractor.id})
            .id,
        )
        cls.owner = new_test_user(
            cls.env,
            "po_owner",
            name="张伟",
            password="po_owner_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.plan()
        orders = cls.run_cron_cls("2026-02-28 01:00:00")
        cls.order_a = orders.filtered(lambda o: o.equipment_id == cls.lift_a)
        cls.order_b = orders.filtered(lambda o: o.equipment_id == cls.lift_b)

    @classmethod
    def run_cron_cls(cls, when):
        with freeze_time(when):
            orders = cls.Plan._cron_generate_orders()
            cls.env.flush_all()
        return orders

    def page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def post_checklist(self, order, results):
        """The checklist form of `order`'s page, as the browser posts it."""
        page = self.page(f"/my/maintenance/{order.id}")
        csrf = page.xpath("//form[hasclass('o_maintenance_checklist')]//input[@name='csrf_token']")
        data = {"csrf_token": csrf[0].get("value")}
        for line_id, (result, note) in results.items():
            data[f"result_{line_id}"] = result
            data[f"note_{line_id}"] = note
        return self.url_open(f"/my/maintenance/{order.id}/checklist", data=data)

    def sign(self, order, name, signature=PNG):
        return self.make_jsonrpc_request(
            f"/my/maintenance/{order.id}/sign", {"name": name, "signature": signature}
        )

    def test_technician_records_and_signs_then_engineering_verifies(self):
        self.authenticate(self.technician.login, "po_technician_pw1")
        # the home tile counts his open orders; the list holds his company's only
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_maintenance_order_count"]}
        )
        self.assertEqual(counters["property_maintenance_order_count"], 1)
        listed = self.page("/my/maintenance")
        links = set(listed.xpath("//tr[hasclass('o_maintenance_order_row')]//a/@href"))
        self.assertEqual(links, {f"/my/maintenance/{self.order_a.id}"})
        self.assertIn("A1 1号电梯", listed.text_content())
        self.assertNotIn("B1 1号电梯", listed.text_content())
        # another contractor's order: not found, nor can it be written or signed
        self.assertEqual(self.url_open(f"/my/maintenance/{self.order_b.id}").status_code, 404)
        line_b = self.order_b.property_check_ids[0]
        self.assertEqual(self.post_checklist_raw(self.order_b, line_b).status_code, 404)
        self.assertIn("error", self.sign(self.order_b, "王师傅"))
        self.assertFalse(self.order_b.property_signed_on)
        self.assertFalse(line_b.result)

        lines = self.order_a.property_check_ids
        self.assertEqual(len(lines), 10)
        # signing before every result is recorded is refused
        self.assertIn(
            "record the result of every check", self.sign(self.order_a, "王师傅")["error"]
        )
        # a line of another order among the results is refused: nothing is recorded
        response = self.post_checklist(
            self.order_a, {lines[0].id: ("ok", ""), line_b.id: ("fault", "x")}
        )
        self.assertIn("not of its checklist", response.text)
        self.assertFalse(lines[0].result)
        self.assertFalse(line_b.result)
        results = {line.id: ("ok", "") for line in lines}
        results[lines[-1].id] = ("fault", "底坑有积水，已排除")
        response = self.post_checklist(self.order_a, results)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/maintenance/{self.order_a.id}?message=recorded", response.url)
        self.assertEqual(lines.mapped("result"), ["ok"] * 9 + ["fault"])
        self.assertEqual(lines[-1].note, "底坑有积水，已排除")
        recorded = self.page(f"/my/maintenance/{self.order_a.id}")
        self.assertTrue(recorded.xpath("//owl-component[@name='portal.signature_form']"))
        # bad signature data is refused, a drawn one is recorded with the name, dated
        self.assertEqual(
            self.sign(self.order_a, "王师傅", "bm90IGFuIGltYWdl")["error"],
            "Invalid signature data.",
        )
        before = fields.Datetime.now().replace(microsecond=0)
        answer = self.sign(self.order_a, "王师傅")
        self.assertEqual(
            answer.get("redirect_url"), f"/my/maintenance/{self.order_a.id}?message=signed"
        )
        self.assertEqual(self.order_a.property_signed_by, "王师傅")
        self.assertGreaterEqual(self.order_a.property_signed_on, before)
        self.assertTrue(self.order_a.property_signature)
        self.assertEqual(self.order_a.message_ids[0].author_id, self.technician_partner)
        signed = self.page(f"/my/maintenance/{self.order_a.id}")
        self.assertEqual(signed.xpath("//*[hasclass('o_maintenance_state')]")[0].text, "Signed")
        self.assertIn(
            "王师傅", signed.xpath("//*[hasclass('o_maintenance_signed')]")[0].text_content()
        )

        # engineering verifies in the backend: the order is done
        self.order_a.with_user(self.engineer).action_property_verify()
        self.assertTrue(self.order_a.stage_id.done)
        self.assertEqual(self.order_a.property_verified_by_id, self.engineer)
        # the verified order's page has no form to change it, and the portal refuses
        page = self.page(f"/my/maintenance/{self.order_a.id}")
        self.assertEqual(page.xpath("//*[hasclass('o_maintenance_state')]")[0].text, "Verified")
        self.assertFalse(page.xpath("//button[hasclass('o_maintenance_save')]"))
        self.assertFalse(page.xpath("//owl-component[@name='portal.signature_form']"))
        response = self.post_checklist(self.order_a, {lines[0].id: ("fault", "改")})
        self.assertIn("can no longer be changed", response.text)
        self.assertIn("can no longer be changed", self.sign(self.order_a, "李四")["error"])
        self.assertEqual(lines[0].result, "ok")
        self.assertEqual(self.order_a.property_signed_by, "王师傅")
        # verified: no longer counted as to do, listed under "all"
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_maintenance_order_count"]}
        )
        self.assertEqual(counters["property_maintenance_order_count"], 0)
        listed = self.page("/my/maintenance?filterby=all")
        self.assertEqual(len(listed.xpath("//tr[hasclass('o_maintenance_order_row')]")), 1)

    def post_checklist_raw(self, order, line):
        """A forged post of the checklist form of an order the user cannot open, with
        the valid token of his own order's page."""
        page = self.page(f"/my/maintenance/{self.order_a.id}")
        csrf = page.xpath("//input[@name='csrf_token']/@value")[0]
        return self.url_open(
            f"/my/maintenance/{order.id}/checklist",
            data={"csrf_token": csrf, f"result_{line.id}": "ok"},
        )

    def test_the_other_contractor_sees_his_own_only(self):
        self.authenticate(self.other_technician.login, "po_other_technician_pw1")
        listed = self.page("/my/maintenance")
        links = set(listed.xpath("//tr[hasclass('o_maintenance_order_row')]//a/@href"))
        self.assertEqual(links, {f"/my/maintenance/{self.order_b.id}"})
        self.assertEqual(self.url_open(f"/my/maintenance/{self.order_a.id}").status_code, 404)

    def test_an_owner_gets_nothing(self):
        """An owner (a portal user of a unit) has no maintenance order: an empty list,
        no home tile, 404 on an order's page; reading or signing directly is refused."""
        self.authenticate(self.owner.login, "po_owner_pw1")
        listed = self.page("/my/maintenance")
        self.assertFalse(listed.xpath("//tr[hasclass('o_maintenance_order_row')]"))
        home = self.page("/my")
        tile = home.xpath("//a[@data-tile='maintenance']")
        self.assertTrue(tile and "d-none" in tile[0].get("class"))
        self.assertEqual(self.url_open(f"/my/maintenance/{self.order_a.id}").status_code, 404)
        self.assertIn("error", self.sign(self.order_a, "张伟"))
        self.assertFalse(self.order_a.property_signed_on)
        Order = self.env["maintenance.request"].with_user(self.owner)
        self.assertFalse(Order.search([]))
        self.assertFalse(self.env["property.maintenance.check"].with_user(self.owner).search([]))

    def test_model_steps_keep_the_guards(self):
        """The portal's steps are the order's: the rule (another contractor's order),
        the lines of the order only, the verified order's guard; and they are the
        portal's only (an internal user uses the backend)."""
        order = self.order_a.with_user(self.technician)
        with self.assertRaises(UserError):
            order._portal_record_checks({self.order_b.property_check_ids[0].id: ("ok", "")})
        with self.assertRaisesRegex(UserError, "Unknown check result"):
            order._portal_record_checks({self.order_a.property_check_ids[0].id: ("bad", "")})

        with self.assertRaises(AccessError):
            self.order_b.with_user(self.technician)._portal_record_checks({})
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.engineer)._portal_sign("孙工", PNG)


@tagged("post_install", "-at_install")
class TestContractorPhoneTour(OperationsCommon, HttpCase):
    """The contractor's technician at the elevator, on his phone (static/tests/tours/)."""

    browser_size = "390x844"  # a phone
    touch_enabled = True

    def test_technician_records_and_signs_on_his_phone(self):
        kind = self.env["maintenance.equipment.category"].create(
            {
                "name": "Tour lifts",
                "technician_user_id": False,
                "property_check_item_ids": [
                    Command.create({"name": "Tour: brakes", "sequence": 1}),
                    Command.create({"name": "Tour: doors", "sequence": 2}),
                ],
            }
        )
        lift = self.env["maintenance.equipment"].create(
            {
                "name": "Tour lift",
                "category_id": kind.id,
                "property_estate_id": self.estate.id,
                "property_contractor_id": self.contractor.id,
            }
        )
        order = self.Order.create(
            {
                "name": "Tour: half-monthly maintenance",
                "equipment_id": lift.id,
                "maintenance_type": "preventive",
                "maintenance_team_id": self.maintenance_team.id,
            }
        )
        new_test_user(
            self.env,
            "po_tour_technician",
            name="王师傅",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create({"name": "王师傅", "parent_id": self.contractor.id})
            .id,
        )
        self.start_tour("/my", "property_operations_contractor_portal", login="po_tour_technician")
        self.assertEqual(order.property_check_ids.mapped("result"), ["ok", "fault"])
        self.assertEqual(
            order.property_check_ids.mapped("note"), [False, "Door sensor dirty, cleaned"]
        )
        self.assertEqual(order.property_signed_by, "王师傅")
        self.assertTrue(order.property_signature)
        self.assertTrue(order.property_signed_on)
        self.assertFalse(order.property_verified_on)


@tagged("post_install", "-at_install")
class TestContractorPortalInChinese(OperationsCommon, HttpCase):
    """The technician reads Chinese: no English word on his pages (but data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["zh_CN"])
        chinese_company(cls.env.company)
        cls.technician = new_test_user(
            cls.env,
            "po_zh_technician",
            name="王师傅",
            password="po_zh_technician_pw1",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "王师傅", "parent_id": cls.contractor.id})
            .id,
            lang="zh_CN",
        )
        cls.plan()
        with freeze_time("2026-02-28 01:00:00"):
            orders = cls.Plan._cron_generate_orders()
        cls.order = orders.filtered(lambda o: o.equipment_id == cls.lift_a)

    def english(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        page = html.fromstring(response.content)
        hidden = (
            "//script | //style | //title | //template | //option | //*[@hidden]"
            " | //*[contains(concat(' ', normalize-space(@class), ' '), ' d-none ')]"
            " | //*[contains(@class, 'js_language_selector')]//a"
        )
        for node in page.xpath(hidden):
            node.drop_tree()
        text = page.text_content().replace(self.technician.login, " ")
        return english_words(text)

    def test_pages_in_chinese(self):
        self.authenticate(self.technician.login, "po_zh_technician_pw1")
        # every result recorded: the page offers the signature too
        self.order.property_check_ids.write({"result": "ok"})
        for url in ("/my", "/my/maintenance", f"/my/maintenance/{self.order.id}"):
            self.assertEqual(self.english(url), [], url)
