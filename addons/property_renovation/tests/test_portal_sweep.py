import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.portal_pages import page_english, page_links
from odoo.addons.property_base.tests.test_translations import chinese_company, load_languages

from .common_supervision import SupervisionCommon

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
    property_billing/i18n_extra). A route of this addon or those below whose
    arguments the sweep cannot fill fails the test: add it to `route_args`. The pages of
    the records of addons above (an owners' meeting...) are swept by their own tests,
    with the helpers of property_base/tests/portal_pages.py."""

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
                # the pages of records of the addons above this one (an owners'
                # meeting...) are swept by those addons' tests, with their records
                if module.split(".")[2] in self.own_modules():
                    unfilled.append(url)
                continue
            urls.append(
                re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", lambda m: str(args[m.group(1)]), url)
            )
        self.assertEqual(unfilled, [], "routes the sweep cannot fill in")
        return sorted(set(urls))

    def own_modules(self):
        """property_renovation and the modules it depends on."""
        module = self.env["ir.module.module"].search([("name", "=", "property_renovation")])
        return {
            "property_renovation",
            *module.upstream_dependencies().mapped("name"),
        }

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
                links |= page_links(self.env, response)
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
        the journals' codes) and the owner's login."""
        data = [
            *self.renovation.charge_ids.mapped("name"),
            *self.renovation.charge_ids.product_id.mapped("name"),
            *self.env["account.journal"].search([]).mapped("code"),
            self.owner.login,
        ]
        return page_english(response, data)
