import base64
import json
from datetime import date

from lxml import html

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PNG, RenovationCommon

SCAN = base64.b64decode(PNG)


@tagged("post_install", "-at_install")
class TestRenovationPortal(HttpCase, RenovationCommon):
    """Owner A (张伟) owns A1-1203, owner B (李娜) A1-1204, where 陈明 is her agent with
    a power of attorney. Each sees and acts on their own applications (made or paid)
    only; B's answer 404 to A, and reading or acting on them by RPC is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "prt_owner_a",
            name="张伟",
            password="prt_owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.user_b = new_test_user(
            cls.env,
            "prt_owner_b",
            name="李娜",
            password="prt_owner_b_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_li.id,
        )
        cls.user_agent = new_test_user(
            cls.env,
            "prt_agent",
            name="代理人 陈明",
            password="prt_agent_pw1",
            groups="base.group_portal",
            partner_id=cls.agent.id,
        )
        cls.renovation_a = cls.application()
        cls.renovation_b = cls.application(unit=cls.unit_a2, applicant=cls.owner_li)

    def login(self, user):
        self.authenticate(user.login, f"{user.login}_pw1")

    def csrf(self):
        """The CSRF token of the session, as the application form carries it."""
        page = html.fromstring(self.url_open("/my/renovations/new").content)
        return page.xpath("//form//input[@name='csrf_token']/@value")[0]

    def post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf()}, files=files, allow_redirects=True
        )

    def form(self, **values):
        """A complete application of A1-1203, as the form posts it."""
        return {
            "unit_id": self.unit_a1.id,
            "contractor_name": "新居装饰有限公司",
            "contractor_contact": "孙工",
            "contractor_phone": "13800000002",
            "scope_walls": "on",
            "scope_ceiling": "on",
            "date_start": "2026-06-01",
            "date_end": "2026-07-31",
            "description": "墙面翻新\n吊顶",
            "drawings_stamped": "on",
            "prohibited_items_accepted": "on",
            "commitment_signed_by": "张伟",
            "commitment_signature": PNG.decode(),
            **values,
        }

    def files(self, *keys):
        keys = keys or ("contractor_licence", "contractor_qualification", "contractor_id_copy")
        files = [(key, (f"{key}.png", SCAN, "image/png")) for key in keys]
        if not keys or "contractor_licence" in keys:
            files += [
                ("drawings", ("平面图.png", SCAN, "image/png")),
                ("drawings", ("水电图.pdf", b"%PDF-1.4 drawing", "application/pdf")),
            ]
        return files

    def sign_json(self, renovation, name="张伟", signature=None):
        response = self.url_open(
            f"/my/renovations/{renovation.id}/sign",
            data=json.dumps(
                {
                    "params": {
                        "name": name,
                        "signature": PNG.decode() if signature is None else signature,
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def post_message(self, renovation, body):
        """What the portal chatter's composer sends."""
        return self.url_open(
            "/mail/message/post",
            data=json.dumps(
                {
                    "params": {
                        "thread_model": "property.renovation",
                        "thread_id": renovation.id,
                        "post_data": {"body": body, "message_type": "comment"},
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )

    def created(self):
        return self.env["property.renovation"].search([("id", ">", self.renovation_b.id)])

    # ------------------------------------------------------------ pages

    def test_home_and_list(self):
        self.login(self.user_a)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_renovation_count"]}
        )
        self.assertEqual(counters["property_renovation_count"], 1)
        response = self.url_open("/my/renovations")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.renovation_a.name, response.text)
        self.assertNotIn(self.renovation_b.name, response.text)
        self.assertIn("/my/renovations/new", response.text)
        response = self.url_open("/my/renovations?filterby=closed&sortby=name")
        self.assertNotIn(self.renovation_a.name, response.text)
        response = self.url_open("/my/renovations?filterby=open&sortby=state")
        self.assertIn(self.renovation_a.name, response.text)

    def test_page_steps_review_and_chatter(self):
        self.renovation_a.with_user(self.desk).action_submit()
        self.renovation_a.with_user(self.engineer).action_start_review()
        self.renovation_a.review_comment = "<p>吊顶高度请保持2.6米以上</p>"
        self.login(self.user_a)
        response = self.url_open(f"/my/renovations/{self.renovation_a.id}")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        steps = page.xpath("string(//ul[hasclass('o_renovation_steps')])")
        self.assertIn("Application Date", steps)
        self.assertIn("Submitted On", steps)
        self.assertIn("吊顶高度请保持2.6米以上", response.text)
        self.assertIn(
            "Engineering Review", page.xpath("string(//*[hasclass('o_renovation_state')])")
        )
        self.assertIn(
            "营业执照.pdf", page.xpath("string(//*[hasclass('o_renovation_attachments')])")
        )
        self.assertTrue(page.xpath("//*[hasclass('o_renovation_rules')]"))
        self.assertTrue(page.xpath("//div[@id='discussion']"))
        # the documents by token; the owner writes to the service centre in the chatter
        licence = self.renovation_a.contractor_licence_ids
        self.assertTrue(licence.access_token)
        self.assertEqual(
            self.url_open(f"/web/content/{licence.id}?access_token={licence.access_token}").content,
            SCAN,
        )
        self.post_message(self.renovation_a, "请问什么时候可以审核完？")
        message = self.renovation_a.message_ids[0]
        self.assertEqual(message.author_id, self.owner_zhang)
        self.assertIn("请问什么时候可以审核完？", message.body)
        # not on somebody else's application
        response = self.post_message(self.renovation_b, "RPC")
        self.assertIn("error", response.json())
        self.assertNotIn("RPC", self.renovation_b.message_ids.mapped("body"))

    # ------------------------------------------------------------ applying

    def test_apply_with_uploads(self):
        self.login(self.user_a)
        form = self.url_open("/my/renovations/new")
        self.assertEqual(form.status_code, 200)
        page = html.fromstring(form.content)
        # only the units the user may apply for are offered
        self.assertEqual(
            page.xpath("//select[@name='unit_id']/option/@value"), [str(self.unit_a1.id)]
        )
        self.assertTrue(
            page.xpath("//owl-component[@name='property_renovation.commitment_signature']")
        )
        self.assertTrue(page.xpath("//*[hasclass('o_renovation_rules')]"))
        response = self.post("/my/renovations/new", self.form(), files=self.files())
        self.assertEqual(response.status_code, 200)
        renovation = self.created()
        self.assertEqual(len(renovation), 1)
        self.assertTrue(response.url.endswith(f"/my/renovations/{renovation.id}?message=submitted"))
        self.assertIn(renovation.name, response.text)
        self.assertRecordValues(
            renovation,
            [
                {
                    "state": "submitted",
                    "unit_id": self.unit_a1.id,
                    "applicant_id": self.owner_zhang.id,
                    "partner_id": self.owner_zhang.id,
                    "applicant_role": "owner",
                    "contractor_contact": "孙工",
                    "contractor_phone": "13800000002",
                    "scope_walls": True,
                    "scope_ceiling": True,
                    "scope_floors": False,
                    "date_start": date(2026, 6, 1),
                    "date_end": date(2026, 7, 31),
                    "drawings_stamped": True,
                    "prohibited_items_accepted": True,
                    "commitment_signed_by": "张伟",
                }
            ],
        )
        self.assertTrue(renovation.commitment_signature)
        self.assertTrue(renovation.commitment_signed_on)
        self.assertIn("吊顶", renovation.description)
        self.assertTrue(renovation.contractor_id.is_company)
        self.assertEqual(renovation.contractor_id.name, "新居装饰有限公司")
        self.assertCountEqual(renovation.drawing_ids.mapped("name"), ["平面图.png", "水电图.pdf"])
        self.assertEqual(renovation.contractor_licence_ids.name, "contractor_licence.png")
        self.assertEqual(renovation.contractor_id_copy_ids.res_model, "property.renovation")
        self.assertEqual(renovation.contractor_id_copy_ids.res_id, renovation.id)
        self.assertEqual(renovation.contractor_licence_ids.raw, SCAN)
        # a second application finds the decoration company again
        self.renovation_a.with_user(self.desk).action_withdraw(reason="改用新申请")
        self.post(
            "/my/renovations/new",
            self.form(contractor_name=self.contractor.name),
            files=self.files(),
        )
        self.assertEqual(self.created()[:1].contractor_id, self.contractor)
        # the engineering department takes it up as any other
        renovation.with_user(self.engineer).action_start_review()
        self.assertEqual(renovation.state, "review")

    def test_agent_applies_for_the_owner(self):
        self.login(self.user_agent)
        page = html.fromstring(self.url_open("/my/renovations/new").content)
        self.assertEqual(
            page.xpath("//select[@name='unit_id']/option/@value"), [str(self.unit_a2.id)]
        )
        self.post(
            "/my/renovations/new",
            self.form(unit_id=self.unit_a2.id, commitment_signed_by="陈明"),
            files=self.files(),
        )
        renovation = self.created()
        self.assertRecordValues(
            renovation,
            [
                {
                    "state": "submitted",
                    "applicant_id": self.agent.id,
                    "applicant_role": "agent",
                    "partner_id": self.owner_li.id,
                }
            ],
        )
        # the owner who pays sees it too
        self.login(self.user_b)
        self.assertEqual(self.url_open(renovation.access_url).status_code, 200)

    def test_apply_errors_create_nothing(self):
        self.login(self.user_a)
        partners = self.env["res.partner"].search_count([])
        Attachment = self.env["ir.attachment"]
        attachments = Attachment.search_count([("res_model", "=", "property.renovation")])
        cases = [
            (
                self.form(date_start="2026-08-01", date_end="2026-07-01"),
                self.files(),
                "cannot be before the",
            ),
            (
                self.form(contractor_name="无图纸装饰公司"),
                self.files("contractor_licence", "contractor_qualification"),
                "missing: ID copy",
            ),
            (self.form(unit_id=self.unit_a2.id), self.files(), "Choose one of the units"),
            (
                self.form(prohibited_items_accepted=""),
                self.files(),
                "accept the prohibitions",
            ),
            (self.form(commitment_signature=""), self.files(), "signed commitment letter"),
            (self.form(commitment_signature="not base64!"), self.files(), "Invalid signature"),
            (self.form(date_start="2026-13-45"), self.files(), "planned dates as dates"),
            (
                self.form(),
                [*self.files(), ("drawings", ("notes.txt", b"hello", "text/plain"))],
                "is not a PDF or an image",
            ),
        ]
        for values, files, message in cases:
            with self.subTest(message=message):
                response = self.post("/my/renovations/new", values, files=files)
                self.assertEqual(response.status_code, 200)
                page = html.fromstring(response.content)
                self.assertIn(message, page.xpath("string(//*[hasclass('o_renovation_error')])"))
                # the form keeps what was typed
                self.assertEqual(
                    page.xpath("//input[@name='contractor_name']/@value"),
                    [values["contractor_name"]],
                )
        self.assertFalse(self.created())
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(
            Attachment.search_count([("res_model", "=", "property.renovation")]), attachments
        )
        # without the CSRF token, nothing is created
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open("/my/renovations/new", data=self.form())
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.created())

    def test_tenant_cannot_apply(self):
        tenant = self.env["res.partner"].create({"name": "租户 赵"})
        self.occupy(self.unit_a1, tenant, role="tenant")
        user = new_test_user(
            self.env,
            "prt_tenant",
            password="prt_tenant_pw1",
            groups="base.group_portal",
            partner_id=tenant.id,
        )
        self.login(user)
        response = self.url_open("/my/renovations/new")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(
            html.fromstring(response.content).xpath("//form[hasclass('o_renovation_form')]")
        )
        self.assertNotIn("/my/renovations/new", self.url_open("/my/renovations").text)
        with self.assertRaises(AccessError):
            self.env["property.renovation"].with_user(user)._portal_create(
                self.form(), {"drawings": [("a.png", SCAN)]}
            )

    # ------------------------------------------------------------ changes and signature

    def test_resubmit_after_changes_requested(self):
        renovation = self.renovation_a
        renovation.with_user(self.desk).action_submit()
        renovation.with_user(self.engineer).action_request_changes(reason="补充吊顶图纸")
        old_drawing = renovation.drawing_ids
        self.login(self.user_a)
        page = html.fromstring(self.url_open(renovation.access_url).content)
        self.assertIn("补充吊顶图纸", page.xpath("string(//*[hasclass('o_renovation_changes')])"))
        self.assertEqual(
            page.xpath("//a[hasclass('o_renovation_edit')]/@href"),
            [f"/my/renovations/{renovation.id}/edit"],
        )
        form = html.fromstring(self.url_open(f"/my/renovations/{renovation.id}/edit").content)
        self.assertEqual(
            form.xpath("//input[@name='contractor_name']/@value"), [self.contractor.name]
        )
        self.assertEqual(form.xpath("//input[@name='date_start']/@value"), ["2026-03-01"])
        url = f"/my/renovations/{renovation.id}/edit"
        # still wrong: the form says so, nothing changes
        response = self.post(
            url,
            self.form(
                contractor_name=self.contractor.name,
                date_start="2026-04-01",
                date_end="2026-03-01",
                commitment_signature="",
            ),
        )
        self.assertIn("cannot be before the", response.text)
        self.assertRecordValues(renovation, [{"state": "draft", "date_start": date(2026, 3, 1)}])
        response = self.post(
            url,
            self.form(
                contractor_name=self.contractor.name,
                date_start="2026-04-01",
                date_end="2026-06-30",
                scope_ceiling="on",
                commitment_signature="",
            ),
            files=[("drawings", ("吊顶图.png", SCAN, "image/png"))],
        )
        self.assertTrue(response.url.endswith("?message=resubmitted"))
        self.assertRecordValues(
            renovation,
            [
                {
                    "state": "submitted",
                    "date_start": date(2026, 4, 1),
                    "scope_ceiling": True,
                    "change_request_count": 1,
                    "commitment_signed_by": "张伟",
                }
            ],
        )
        # the new drawing replaces the old one; the other documents stay
        self.assertEqual(renovation.drawing_ids.mapped("name"), ["吊顶图.png"])
        self.assertNotEqual(renovation.drawing_ids, old_drawing)
        self.assertEqual(len(renovation.contractor_licence_ids), 1)
        # submitted: no more editing
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.post(url, self.form(date_start="2026-05-01"))
        self.assertEqual(renovation.date_start, date(2026, 4, 1))

    def test_owner_signs_then_pays_and_sees_the_settlement(self):
        renovation = self.renovation_a
        renovation.with_user(self.desk).action_submit()
        renovation.with_user(self.engineer).action_start_review()
        self.login(self.user_a)
        # not approved yet: nothing to sign
        self.assertIn("not possible now", self.sign_json(renovation)["error"])
        renovation.with_user(self.engineer).action_approve()
        page = html.fromstring(self.url_open(renovation.access_url).content)
        self.assertTrue(page.xpath("//a[hasclass('o_renovation_sign_button')]"))
        self.assertTrue(page.xpath("//owl-component[@name='portal.signature_form']"))
        self.assertIn("error", self.sign_json(renovation, signature=""))
        self.assertIn("Invalid signature", self.sign_json(renovation, signature="abc=")["error"])
        result = self.sign_json(renovation)
        self.assertEqual(
            result.get("redirect_url"), f"/my/renovations/{renovation.id}?message=signed"
        )
        self.assertRecordValues(renovation, [{"state": "approved", "owner_signed_by": "张伟"}])
        self.assertTrue(renovation.owner_signature)
        self.assertTrue(renovation.owner_signed_on)
        self.assertIn("already signed", self.sign_json(renovation)["error"])
        renovation.with_user(self.desk).prohibited_items_accepted = True
        # the desk signs the agreement: the fees are invoiced, paid online on the invoice
        renovation.with_user(self.desk).action_sign_agreement()
        invoice = renovation.fee_move_id
        response = self.url_open(renovation.access_url)
        page = html.fromstring(response.content)
        self.assertIn("2,492.50", page.xpath("string(//span[@name='fee_amount'])"))
        pay = page.xpath("//a[hasclass('o_renovation_pay')]/@href")
        self.assertEqual(len(pay), 1)
        self.assertTrue(pay[0].startswith(f"/my/invoices/{invoice.id}?access_token="))
        response = self.url_open(pay[0])
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice.name, response.text)
        self.pay(invoice)
        self.assertEqual(renovation.state, "fees_paid")
        page = html.fromstring(self.url_open(renovation.access_url).content)
        self.assertFalse(page.xpath("//a[hasclass('o_renovation_pay')]"))
        self.assertTrue(page.xpath("//a[hasclass('o_renovation_invoice')]"))
        # works, acceptance with a deduction, settlement: the owner sees the refund
        renovation.with_user(self.engineer).action_issue_permit()
        self.env["property.renovation.pass"].create(
            {
                "renovation_id": renovation.id,
                "name": "刘建国",
                "id_number": "440301198001011234",
                "date_from": renovation.date_start,
            }
        )
        # the permit and the passes, as PDF, for the owner only
        page = html.fromstring(self.url_open(renovation.access_url).content)
        # (tests render reports as HTML in the PDF's place)
        for link_class, text in (
            ("o_renovation_permit_pdf", renovation.permit_id.name),
            ("o_renovation_passes_pdf", "刘建国"),
        ):
            [link] = page.xpath(f"//a[hasclass('{link_class}')]/@href")
            response = self.url_open(link)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            self.assertIn(text, response.content.decode())
        self.login(self.user_b)
        self.assertEqual(self.url_open(f"{renovation.access_url}/permit").status_code, 404)
        self.assertEqual(self.url_open(f"{renovation.access_url}/passes").status_code, 404)
        self.login(self.user_a)
        self.confirmed_entry(renovation)
        renovation.with_user(self.engineer).action_start_works()
        renovation.with_user(self.desk).action_request_inspection()
        renovation.with_user(self.engineer).action_accept()
        self.env["property.renovation.deduction"].with_user(self.engineer).create(
            {
                "renovation_id": renovation.id,
                "deduction_type": "damage",
                "name": "电梯轿厢划伤",
                "amount": 300.0,
            }
        )
        self.assertFalse(
            html.fromstring(self.url_open(renovation.access_url).content).xpath(
                "//*[hasclass('o_renovation_settlement')]"
            )
        )
        renovation.with_user(self.reno_manager).action_settle_deposit()
        page = html.fromstring(self.url_open(renovation.access_url).content)
        settlement = page.xpath("string(//*[hasclass('o_renovation_settlement')])")
        self.assertIn("电梯轿厢划伤", settlement)
        self.assertIn("2,000.00", page.xpath("string(//span[@name='deposit_amount'])"))
        self.assertIn("1,700.00", page.xpath("string(//span[@name='refund_amount'])"))
        # and the deduction by RPC, not the other owner
        Deduction = self.env["property.renovation.deduction"]
        self.assertEqual(Deduction.with_user(self.user_a).search([]), renovation.deduction_ids)
        self.assertFalse(Deduction.with_user(self.user_b).search([]))

    # ------------------------------------------------------------ isolation

    def test_other_owners_application_by_url(self):
        renovation_b = self.renovation_b
        renovation_b.with_user(self.desk).action_submit()
        renovation_b.with_user(self.engineer).action_request_changes(reason="补充图纸")
        self.login(self.user_a)
        self.assertEqual(self.url_open(renovation_b.access_url).status_code, 404)
        # with somebody else's access token neither
        token = self.renovation_a._portal_ensure_token()
        response = self.url_open(f"{renovation_b.access_url}?access_token={token}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("李娜", response.text)
        self.assertEqual(self.url_open(f"/my/renovations/{renovation_b.id}/edit").status_code, 404)
        response = self.post(
            f"/my/renovations/{renovation_b.id}/edit",
            self.form(unit_id=self.unit_a2.id, date_start="2026-03-15"),
            files=self.files(),
        )
        self.assertEqual(response.status_code, 404)
        self.assertRecordValues(renovation_b, [{"state": "draft", "date_start": date(2026, 3, 1)}])
        # B's application approved: A cannot sign it
        renovation_b.with_user(self.desk).action_submit()
        renovation_b.with_user(self.engineer).action_start_review()
        renovation_b.with_user(self.engineer).action_approve()
        self.assertIn("does not exist", self.sign_json(renovation_b)["error"])
        self.assertFalse(renovation_b.owner_signature)
        self.assertEqual(self.url_open("/my/renovations/999999").status_code, 404)
        # logged out, B's application needs its own token
        self.logout()
        response = self.url_open(renovation_b.access_url, allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"{renovation_b.access_url}?access_token={renovation_b._portal_ensure_token()}"
        )
        self.assertEqual(response.status_code, 200)

    def test_other_owners_application_by_rpc(self):
        Renovation = self.env["property.renovation"]
        renovation_b = self.renovation_b.with_user(self.user_a)
        self.assertEqual(Renovation.with_user(self.user_a).search([]), self.renovation_a)
        with self.assertRaises(AccessError):
            renovation_b.read(["name"])
        with self.assertRaises(AccessError):
            renovation_b._portal_resubmit(self.form(), {})
        self.renovation_b.with_user(self.desk).action_submit()
        self.renovation_b.with_user(self.engineer).action_start_review()
        self.renovation_b.with_user(self.engineer).action_approve()
        with self.assertRaises(AccessError):
            renovation_b._portal_owner_sign("张伟", PNG.decode())
        with self.assertRaises(AccessError):
            self.renovation_a.with_user(self.user_a).write({"date_end": date(2027, 1, 1)})
        with self.assertRaises(AccessError):
            Renovation.with_user(self.user_a).create(
                {"unit_id": self.unit_a1.id, "applicant_id": self.owner_zhang.id}
            )
        with self.assertRaises(AccessError):
            renovation_b.message_post(body="RPC", message_type="comment")
        # the model's actions are the staff's
        with self.assertRaises(UserError):
            self.renovation_a.with_user(self.user_a).action_submit()
        with self.assertRaises(UserError):
            self.renovation_b.with_user(self.user_b).action_owner_sign()
        # the review checks of B's application are B's
        Check = self.env["property.renovation.check"]
        self.assertEqual(Check.with_user(self.user_b).search([]), self.renovation_b.check_ids)
        self.assertFalse(Check.with_user(self.user_a).search([]))
        self.assertFalse(self.renovation_b.owner_signature)

    def test_rules_on_the_form_and_the_page(self):
        """The estate's rules (hours, prohibited items) are shown before applying and on
        the application."""
        rule = self.env.ref("property_renovation.rule_structure")
        self.login(self.user_a)
        self.assertIn(rule.name, self.url_open("/my/renovations/new").text)
        self.assertIn(rule.name, self.url_open(self.renovation_a.access_url).text)
