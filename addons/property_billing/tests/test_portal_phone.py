from datetime import date

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.test_translations import load_languages

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestOwnerPortalInChinese(BillingCommon, HttpCase):
    """Owner 张伟 (zh_CN) on the portal: the home's tiles, the bills as cards and one
    notice. July's notice (246.25) is partly paid (100), August's paid in full; a
    salesperson is on the notices, which the owner never sees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ("zh_CN",))
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        cls.july = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.august = cls.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        cls.salesperson = new_test_user(cls.env, "bill_sales", name="Mitchell Salesman")
        (cls.july | cls.august).invoice_user_id = cls.salesperson
        for notice, amount in ((cls.july, 100.0), (cls.august, 246.25)):
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=notice.ids
            ).create({"payment_date": date(2026, 6, 20), "amount": amount})._create_payments()
        cls.owner_zhang.lang = "zh_CN"
        new_test_user(
            cls.env,
            "phone_owner",
            name="张伟",
            password="phone_owner_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )

    def setUp(self):
        super().setUp()
        self.authenticate("phone_owner", "phone_owner_pw1")

    def page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertNotIn("Powered by", response.text, url)
        page = html.fromstring(response.content)
        for hidden in page.xpath("//*[hasclass('d-none')]|//script"):
            hidden.drop_tree()
        headings = " ".join(
            page.xpath("string(//title)")
            + " "
            + page.xpath("string(//ol[hasclass('o_portal_submenu')])")
            + " "
            + " ".join(h.text_content() for h in page.xpath("//h1|//h2|//h3|//h4|//h5"))
        )
        self.assertNotIn("发票", headings, url)  # owners pay bills (账单), not tax invoices
        return page

    def test_home_tiles(self):
        page = self.page("/my")
        self.assertNotIn("发票", page.text_content())
        tiles = page.xpath("//div[hasclass('o_property_home_grid')]/a")
        names = [tile.get("data-tile") for tile in tiles]
        self.assertEqual(names[0], "bills")
        self.assertEqual(names[-2:], ["announcements", "units"])
        bills = tiles[0]
        self.assertEqual(bills.get("href"), "/my/invoices")
        self.assertIn("账单", bills.text_content())
        counters = {
            tile.xpath("string(.//@data-placeholder_count)"): tile.get("data-tile")
            for tile in tiles
        }
        self.assertEqual(counters["property_amount_due"], "bills")
        figures = self.make_jsonrpc_request("/my/counters", {"counters": list(counters)})
        self.assertIn("146.25", figures["property_amount_due"])
        self.assertEqual(figures["property_unit_count"], 1)
        # The icons tell the tiles apart.
        icons = [tile.xpath("string(.//i/@class)") for tile in tiles]
        self.assertEqual(len(set(icons)), len(icons))

    def test_bills_as_cards(self):
        page = self.page("/my/invoices")
        self.assertNotIn("发票", page.text_content())
        to_pay = page.xpath("//section[hasclass('o_property_bills_to_pay')]")[0]
        history = page.xpath("//section[hasclass('o_property_bills_history')]")[0]
        cards = to_pay.xpath(".//div[hasclass('o_property_bill_card')]")
        self.assertEqual([int(card.get("data-invoice-id")) for card in cards], self.july.ids)
        card = cards[0].text_content()
        self.assertIn("A1-1203", card)
        self.assertIn("146.25", card)
        self.assertIn("部分", card)  # partly paid
        pay = cards[0].xpath(".//a[hasclass('o_property_bill_pay')]/@href")
        self.assertEqual(len(pay), 1)
        self.assertIn(f"/my/invoices/{self.july.id}", pay[0])
        self.assertIn("#portal_pay", pay[0])
        paid = history.xpath(".//div[hasclass('o_property_bill_card')]")
        self.assertEqual([int(card.get("data-invoice-id")) for card in paid], self.august.ids)
        self.assertIn("246.25", paid[0].text_content())
        self.assertFalse(paid[0].xpath(".//a[hasclass('o_property_bill_pay')]"))

    def test_notice_names_the_service_centre(self):
        page = self.page(f"/my/invoices/{self.july.id}")
        self.assertNotIn("Mitchell Salesman", page.text_content())
        contact = page.xpath("//div[hasclass('o_portal_property_contact')]")
        self.assertEqual(len(contact), 1)
        self.assertIn("阳光花园", contact[0].text_content())
        self.assertEqual(contact[0].xpath(".//a/@href"), ["tel:0755-12345678"])
