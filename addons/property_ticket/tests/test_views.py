from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRequestViews(TransactionCase):
    """What the desk reads in the lists of requests, in English and Chinese."""

    def arch(self, view_type, lang="en_US"):
        Ticket = self.env["property.ticket"].with_context(lang=lang)
        return etree.fromstring(Ticket.get_views([(False, view_type)])["views"][view_type]["arch"])

    def test_list_shows_the_deadlines(self):
        """Overdue requests: by which deadline."""
        arch = self.arch("list")
        for field in ("deadline_response", "deadline_resolve"):
            node = arch.find(f".//field[@name='{field}']")
            self.assertIsNotNone(node, field)
            self.assertNotEqual(node.get("optional"), "hide", field)

    def test_overdue_filters_read_differently(self):
        """ "Overdue" (a deadline passed on an open request) and "SLA missed" (a step
        was late, the request open or closed) are two filters: in Chinese they read
        逾期 / 超时, the same. Their names say what they filter."""
        expected = {
            "en_US": ("Overdue Now", "SLA Missed (Open or Closed)"),
            "zh_CN": ("当前逾期", "未达服务时限（含已关闭）"),
            "zh_TW": ("當前逾期", "未達服務時限（含已關閉）"),
        }
        for lang, strings in expected.items():
            if lang != "en_US":
                self.env["res.lang"]._activate_lang(lang)
                self.env["ir.module.module"]._load_module_terms(
                    ["property_ticket"], [lang], overwrite=True
                )
            arch = self.arch("search", lang)
            self.assertEqual(
                tuple(
                    arch.find(f".//filter[@name='{name}']").get("string")
                    for name in ("overdue", "sla_failed")
                ),
                strings,
                lang,
            )
