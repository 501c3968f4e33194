import re
from urllib.parse import urlsplit

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.test_translations import (
    chinese_company,
    english_words,
    load_languages,
)

from .common_supervision import SupervisionCommon

# Links an owner's pages carry that the sweep does not follow: leaving the session or
# the site, and the browser's own anchors.
NOT_FOLLOWED = re.compile(r"^(/web/session/logout|/web/login|/odoo|mailto:|tel:|javascript:|#)")
# Pages of other portal users than owners, by the argument naming their record and its
# model: the maintenance contractors' orders (property_operations, when installed).
# The sweep's owner is refused them: 404, with the id of an existing record.
NOT_OWNERS = {"maintenance_order_id": "maintenance.request"}


@tagged("post_install", "-at_install")
class TestPortalSweep(HttpCase, SupervisionCommon):
    """As an owner with data of every kind (a unit with its meter, handover, bills, a
    repair request, a renovation, an announcement), every page of the portal: each GET
    route the property addons define and every Odoo `/my` route, then every link on
    those pages once. Each answers 200 (after a deliberate redirect, if any); an error
    would be logged, which fails the test run. The owner reads Chinese: no English word
    on any page (what Odoo's catalogues leave in English is translated in
    property_billing/i18n_extra). A route whose arguments the sweep cannot fill fails
    the test: add it to `route_args`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["zh_CN"])
        chinese_company(cls.env.company)
        cls.owner = new_test_user(
            cls.env,
            "sweep_owner",
            name="张伟",
            password="sweep_owner_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
            lang="zh_CN",
        )
        cls.meter = cls.env["property.meter"].create(
            {"name": "W-A1-1203", "meter_type": "water", "unit_id": cls.unit_a1.id}
        )
        cls.env["property.meter.reading"].create({"meter_id": cls.meter.id, "value": 321.5})
        cls.handover = cls.env["property.handover"].create(
            {"unit_id": cls.unit_a1.id, "partner_id": cls.owner_zhang.id}
        )
        cls.handover.state = "done"  # as superuser: the sweep needs one, not the flow
        cls.announcement = cls.env["property.announcement"].create(
            {"name": "停水通知", "body": "<p>明日停水。</p>", "estate_ids": cls.estate.ids}
        )
        cls.announcement.action_publish()
        cls.repair = cls.ticket()
        # SupervisionCommon's application of A1-1203 has its permit: one worker's pass
        cls.env["property.renovation.pass"].create(
            {
                "renovation_id": cls.renovation.id,
                "name": "刘建国",
                "id_number": "440301198001011234",
                "trade": "mason",
            }
        )
        charge = cls.env["property.charge"].create(
            {
                "unit_id": cls.unit_a1.id,
                "partner_id": cls.owner_zhang.id,
                "product_id": cls.fee_management.id,
                "price_unit": 246.25,
            }
        )
        cls.bill = charge._invoice_now()

    def route_args(self):
        return {
            "page": 1,
            "unit_id": self.unit_a1.id,
            "handover_id": self.handover.id,
            "announcement_id": self.announcement.id,
            "ticket_id": self.repair.id,
            "renovation_id": self.renovation.id,
            "invoice_id": self.bill.id,
        }

    def portal_routes(self):
        """The GET pages of the owners' portal, with their arguments filled in."""
        args, urls, unfilled = self.route_args(), [], []
        self.refused_routes = []
        Http = self.env["ir.http"]
        modules = sorted(self.env.registry._init_modules)
        for url, endpoint in Http._generate_routing_rules(modules, Http._get_converters()):
            module = getattr(endpoint, "original_endpoint", endpoint).__module__
            routing = endpoint.routing
            if not (url.startswith("/my") or module.startswith("odoo.addons.property_")):
                continue
            if routing["type"] != "http" or (
                routing["methods"] and "GET" not in routing["methods"]
            ):
                continue
            names = re.findall(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", url)
            if set(names) & set(NOT_OWNERS):
                self.refused_routes.append(self.refused_url(url, names))
                continue
            if set(names) - set(args):
                unfilled.append(url)
                continue
            urls.append(
                re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", lambda m: str(args[m.group(1)]), url)
            )
        self.assertEqual(unfilled, [], "routes the sweep cannot fill in")
        return sorted(set(urls))

    def refused_url(self, url, names):
        """The url of a page of another kind of portal user, with the id of one of its
        records (0 if none)."""
        args = self.route_args()
        for name in names:
            if name in NOT_OWNERS:
                value = self.env[NOT_OWNERS[name]].sudo().search([], limit=1).id or 0
            else:
                value = args[name]
            url = re.sub(rf"<(?:\w+(?:\([^)]*\))?:)?{name}>", str(value), url)
        return url

    def test_every_page_and_link_answers(self):
        self.authenticate(self.owner.login, "sweep_owner_pw1")
        routes = self.portal_routes()
        self.assertIn(f"/my/units/{self.unit_a1.id}/handover/{self.handover.id}", routes)
        failed, links, english = [], set(), {}
        for url in routes:
            response = self.url_open(url)
            if response.status_code != 200:
                failed.append(f"{url}: {response.status_code}")
            elif "html" in response.headers.get("Content-Type", ""):
                links |= self.links(response)
                english[url] = self.english(response)
        links -= set(routes)
        for url in sorted(links):
            response = self.url_open(url)
            if response.status_code != 200:
                failed.append(f"{url} (a link): {response.status_code}")
            elif "html" in response.headers.get("Content-Type", ""):
                english[url] = self.english(response)
        for url in self.refused_routes:
            if self.url_open(url).status_code != 404:
                failed.append(f"{url} (not an owner's page): not refused")
        self.assertEqual(failed, [])
        self.maxDiff = None
        self.assertEqual({url: words for url, words in english.items() if words}, {})
        self.assertGreater(len(routes) + len(links), 40)

    def english(self, response):
        """The English words of a page, but for data: the values the common fixtures
        create in English before the languages are loaded (the renovation's fee lines,
        the journals' codes), the owner's login and files' names."""
        text = re.sub(r"[^\s/>]+\.(pdf|jpe?g|png)\b", " ", self.page_text(response))
        data = [
            *self.renovation.charge_ids.mapped("name"),
            *self.renovation.charge_ids.product_id.mapped("name"),
            *self.env["account.journal"].search([]).mapped("code"),
            self.owner.login,
        ]
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, " ")
        return english_words(text)

    @staticmethod
    def page_text(response):
        """What the owner reads of a page: its visible text, but the options of its
        lists (countries and states are data, named as they are) and the languages
        offered in the footer (each named in itself: English, 繁體中文)."""
        page = html.fromstring(response.content)
        hidden = (
            "//script | //style | //title | //template | //option | //*[@hidden]"
            " | //*[contains(concat(' ', normalize-space(@class), ' '), ' d-none ')]"
            " | //*[contains(@class, 'js_language_selector')]//a"
        )
        for node in page.xpath(hidden):
            node.drop_tree()
        return page.text_content()

    def links(self, response):
        # the language selector's links (/en/my...) would switch the owner to English
        languages = set(self.env["res.lang"].search([]).mapped("url_code"))
        page = html.fromstring(response.content)
        found = set()
        for href in page.xpath("//a/@href"):
            parts = urlsplit(href.strip())
            if (
                parts.netloc
                or not parts.path.startswith("/")
                or NOT_FOLLOWED.match(parts.path)
                or parts.path.split("/")[1] in languages
            ):
                continue
            found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        return found
