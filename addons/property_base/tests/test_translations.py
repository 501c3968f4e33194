"""No English on the screens of a Chinese user, swept generically over the property
addons installed: a new action, menu, view, field or report is covered without a test of
its own.

In zh_CN and zh_TW, for every menu and window action of the property addons: the menu's
and the action's names and the action's help; the views of the action as ``get_views``
returns them in that language (list, form, kanban, search, pivot, graph, calendar, with
what they inherit from Odoo core and the OCA addons): their texts and their ``string``,
``help``, ``placeholder``, ``confirm``, ``sum`` attributes and tooltips (``title``,
``aria-label``), and the labels, help and selection values of the fields they show; the
names of the property reports. The documents (payment notice, handover form) are
checked by their addons' tests with :func:`english_words`.

English = a Latin word of three letters or more that is not in :data:`ALLOWED`.
"""

import logging
import re
import time

from lxml import etree
from lxml import html as lxml_html

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import topological_sort

from .common import PropertyCommon

_logger = logging.getLogger(__name__)

LANGS = ("zh_CN", "zh_TW")
VIEW_TYPES = ("list", "form", "kanban", "search", "pivot", "graph", "calendar")
ATTRIBUTES = ("string", "help", "placeholder", "confirm", "sum", "title", "aria-label")

# Latin words a Chinese user reads as they are (add one with the reason).
ALLOWED = {
    # abbreviations used as such in Chinese texts
    "SLA",  # 服务时限 (SLA) in the ticket screens
    "PDF",
    "CSV",  # the bank statement and import file formats
    "XLSX",
    "OFX",
    "TXT",
    "SEPA",  # the European payment schemes, in the help of the payment methods
    "SMS",  # 短信, a kind of Events' reminders (zh_TW: 電話短訊（SMS）)
    # names
    "Odoo",
    "Google",  # Google Slides, a kind of instructions of Maintenance's orders (zh_TW)
    # units of measure
    "kWh",  # the electricity meters, as on the bills
}

# Texts in which Latin letters are right: examples of values typed in Latin letters.
ALLOWED_TEXTS = {
    "例如：yg-service",  # an estate's e-mail alias (the part before the @)
    "例如：ABC-1234",  # a Taiwanese plate number (zh_TW)
    # the domain of an equipment kind's e-mail alias (Maintenance's, property_operations)
    "例如：mycompany.com",
    "例：mycompany.com",
}

# Not words: what a text carries that is not language.
NOT_WORDS = re.compile(
    r"%\(\w+\)[sdf]"  # placeholders
    r"|\{\{.*?\}\}|\{[^{}]*\}"  # {{ expressions }} and {formats}
    r"|\b[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
    r"|\b(https?://|www\.)\S+"  # web addresses
    r"|\bRF\d[\d ]*"  # structured payment references (ISO 11649)
    r"|\b[A-Z]+/\d{4}/\d+"  # document numbers: INV/2026/00001, WO/2026/0001
)
WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text):
    """The English words of `text`: Latin words of 3+ letters not allowed."""
    if (text or "").strip() in ALLOWED_TEXTS:
        return []
    text = NOT_WORDS.sub(" ", text or "")
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


def html_text(html):
    """The text a reader sees of an HTML fragment or document (no scripts, styles)."""
    if not html or not html.strip():
        return ""
    tree = lxml_html.fromstring(html)
    for node in tree.xpath("//script | //style | //title"):
        node.drop_tree()
    return tree.text_content()


def _invisible(node):
    return any(
        node.get(attribute, "").strip() in ("1", "True", "true")
        for attribute in ("invisible", "column_invisible")
    )


def property_records(env, model):
    """Records of `model` created by the data files of the property addons."""
    data = env["ir.model.data"].search(
        [("model", "=", model), ("module", "=like", "property\\_%")], order="module, id"
    )
    return env[model].browse(data.mapped("res_id")).exists()


def load_languages(env, langs=LANGS):
    """Activate `langs` and load the terms of the installed modules in them as a tenant
    created in that language gets them: module by module in the order of their
    dependencies, a module's terms not overwriting those loaded before, but for the
    property addons' ``i18n_extra`` overrides (see ``ir.module.module``)."""
    modules = env["ir.module.module"].search([("state", "=", "installed")])
    order = topological_sort({m.name: m.dependencies_id.mapped("name") for m in modules})
    for lang in langs:
        env["res.lang"]._activate_lang(lang)
    for module in order:
        env["ir.module.module"]._load_module_terms([module], list(langs))


def chinese_company(company):
    """Give `company` (the test database's, named in English) a Chinese name and
    address: what a document prints of them is data, not the document's language."""
    company.write(
        {
            "name": "阳光物业服务有限公司",
            "street": "深南大道 1000 号",
            "street2": False,
            "city": "深圳",
            "zip": "518000",
            "country_id": company.env.ref("base.cn").id,
            "state_id": False,
            "phone": "0755-12345678",
            "email": False,
            "website": False,
            "vat": False,
            "company_registry": False,
        }
    )


def menu_actions(env, menus):
    """The window actions of the property addons and of their menus."""
    actions = property_records(env, "ir.actions.act_window")
    for menu in menus:
        if menu.action and menu.action._name == "ir.actions.act_window":
            actions |= menu.action
    return actions.filtered(lambda action: action.res_model in env)


class ScreenTexts:
    """Collects the texts of the screens in one language: {text: where}.

    What the web client does not show is left out: what is invisible="1", the
    ``string`` of a view's root (the breadcrumb shows the action's name), text replaced
    by a ``t-out``; a field's label (and its help, the label's tooltip) only where it
    is shown: in a form's ``<group>`` or ``<label for>``, a ``<setting>`` without a title
    of its own, a list's column header, the search, pivot, graph and calendar views.
    """

    LABELLED_VIEWS = ("list", "search", "pivot", "graph", "calendar")

    def __init__(self, env):
        self.env = env
        self.texts = {}

    def add(self, text, where):
        if text and isinstance(text, str) and text.strip():
            self.texts.setdefault(text.strip(), where)

    def add_views(self, result, model, where):
        for view_type, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            nodes = [arch]
            if model == "res.config.settings" and view_type == "form":
                # the apps' blocks of the settings form: the property addons' are ours
                nodes = arch.xpath("//app[starts-with(@name, 'property_')]")
            for node in nodes:
                self._add_node(node, model, result["models"], f"{where} {view_type}", view_type)

    def _add_node(self, node, model, models, where, view_type, root=True):
        if not isinstance(node.tag, str) or _invisible(node):
            return
        for attribute in ATTRIBUTES:
            if not (root and attribute == "string"):
                self.add(node.get(attribute), f"{where} <{node.tag} {attribute}>")
        # Text replaced by the value of an expression is never seen.
        if not any(node.get(a) for a in ("t-out", "t-esc", "t-raw", "t-field")):
            self.add(node.text, f"{where} <{node.tag}> text")
        if node.tag == "field":
            info = models.get(model, {}).get("fields", {}).get(node.get("name"))
            if info:
                self._add_field(node, info, f"{where} field {model}.{node.get('name')}", view_type)
                if info.get("relation") and len(node):
                    for child in node:  # the field's own views, of its comodel
                        self._add_node(child, info["relation"], models, where, child.tag)
                    return
        for child in node:
            self._add_node(child, model, models, where, view_type, root=False)
            # the text after a child is its parent's, shown whatever the child
            self.add(child.tail, f"{where} <{node.tag}> text")

    def _add_field(self, node, info, where, view_type):
        parent = node.getparent()
        labelled = view_type in self.LABELLED_VIEWS or (
            view_type == "form"
            and node.get("nolabel") != "1"
            and parent is not None
            and (parent.tag == "group" or (parent.tag == "setting" and not parent.get("string")))
        )
        if not labelled and view_type == "form":
            labelled = bool(
                node.getroottree().xpath("//label[@for=$name][not(@string)]", name=node.get("name"))
            )
        if labelled and not node.get("string"):
            self.add(info.get("string"), where)
        if labelled and not node.get("help") and view_type in ("form", "list"):
            self.add(info.get("help"), f"{where} help")
        for _value, name in info.get("selection") or ():
            self.add(name, f"{where} selection")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = time.time()
        load_languages(cls.env)
        _logger.info("Terms of the installed modules loaded in %.1fs", time.time() - start)
        cls.admin = cls.env.ref("base.user_admin")
        cls.menus = property_records(cls.env, "ir.ui.menu")
        cls.actions = menu_actions(cls.env, cls.menus)
        cls.reports = property_records(cls.env, "ir.actions.report")

    def screen_texts(self, lang):
        env = self.env(user=self.admin, context={"lang": lang})
        texts = ScreenTexts(env)
        for menu in self.menus.with_env(env):
            texts.add(menu.name, f"menu {menu.get_external_id()[menu.id]}")
        for report in self.reports.with_env(env):
            texts.add(report.name, f"report {report.xml_id}")
        for action in self.actions.with_env(env):
            where = f"action {action.xml_id or action.id}"
            texts.add(action.name, where)
            texts.add(html_text(action.help), f"{where} help")
            views = [[view_id, mode] for view_id, mode in action.views if mode in VIEW_TYPES]
            if action.target != "new" and {mode for _id, mode in views} - {"form"}:
                # the search view goes with the views of many records
                views.append([action.search_view_id.id, "search"])
            result = env[action.res_model].get_views(views)
            texts.add_views(result, action.res_model, where)
        return texts.texts

    def test_no_english_on_the_screens(self):
        start = time.time()
        english, checked = [], 0
        for lang in LANGS:
            texts = self.screen_texts(lang)
            checked += len(texts)
            # the sweep read the screens, in that language
            self.assertIn(self.menus[:1].with_context(lang=lang).name, texts)
            self.assertTrue(any("小区" in text or "社區" in text for text in texts), lang)
            english += [
                f"{lang} {where}: {text!r} {words}"
                for text, where in texts.items()
                if (words := english_words(text))
            ]
        _logger.info(
            "Screen texts: %s checked in %s menus, %s actions, %s reports (%.1fs)",
            checked,
            len(self.menus),
            len(self.actions),
            len(self.reports),
            time.time() - start,
        )
        if english:
            self.fail("English on the screens:\n" + "\n".join(english))


@tagged("post_install", "-at_install")
class TestHandoverFormInChinese(PropertyCommon):
    """The handover form (房屋交接表) printed for an owner whose language is zh_CN or
    zh_TW: no English but for the values of the records (none here: Chinese names)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        chinese_company(cls.env.company)
        Meter = cls.env["property.meter"]
        Meter.create({"name": "W1", "meter_type": "water", "unit_id": cls.unit_a1.id})
        Meter.create({"name": "E1", "meter_type": "electricity", "unit_id": cls.unit_a1.id})

    def test_handover_form_in_chinese(self):
        handover = self.env["property.handover"].create(
            {
                "unit_id": self.unit_a1.id,
                "partner_id": self.owner_zhang.id,
                "date": "2026-05-08",
                "user_id": self.staff.id,  # not OdooBot, an English name
            }
        )
        handover.check_line_ids[:1].write({"result": "defect", "defect_description": "门锁松动"})
        handover.check_line_ids[1:].write({"result": "ok"})
        for lang in LANGS:
            self.owner_zhang.lang = lang
            html = self.env["ir.actions.report"]._render_qweb_html(
                "property_base.action_report_handover", handover.ids
            )[0]
            text = html_text(html.decode())
            self.assertIn(handover.name, text)
            self.assertEqual(english_words(text), [], f"{lang}: {text}")
