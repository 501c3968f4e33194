import re

from odoo.tests import TransactionCase, tagged

# "property.ticket.followup,1": what a record without a name shows in its chatter.
BARE_NAME = re.compile(r"^[\w.]+,\d+$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestNames(TransactionCase):
    """The names users see of the property models (of every property addon installed):
    records' display names, the breadcrumb of a new record, the models' descriptions in
    Chinese (the chatter's "小区 创建")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        models = cls.env["ir.model"].search([("model", "=like", "property.%")])
        cls.property_models = [
            model.model
            for model in models
            if model.model in cls.env and not cls.env[model.model]._abstract
        ]
        cls.modules = sorted(
            {
                module
                for model in models
                for module in model.modules.split(", ")
                if module.startswith("property_")
            }
        )

    def test_threads_have_a_name(self):
        """Every property model with a chatter names its records (a name field or its
        own display name), and its records (the demo's, where there are) are not shown
        as "model,ID"."""
        thread = self.env.registry["mail.thread"]
        base = self.env.registry["base"]._compute_display_name
        unnamed, bare, checked = [], [], []
        for model in self.property_models:
            Model = self.env[model]
            if not isinstance(Model, thread) or Model._transient:
                continue
            if Model._rec_name not in Model._fields and (type(Model)._compute_display_name is base):
                unnamed.append(model)
            record = Model.search([], limit=1)
            if record:
                checked.append(model)
                if BARE_NAME.match(record.display_name or ""):
                    bare.append(record.display_name)
        self.assertEqual(unnamed, [])
        self.assertEqual(bare, [])
        self.assertIn("property.estate", checked)

    def test_new_records_have_no_false_in_their_name(self):
        """The breadcrumb of a new record: nothing, or what is known, never "False"."""
        names = {model: self.env[model].new({}).display_name for model in self.property_models}
        self.assertEqual(
            {model: name for model, name in names.items() if "False" in (name or "")}, {}
        )

    def test_model_descriptions_in_chinese(self):
        """The chatter says "小区 创建", not "Estate 创建"."""
        missing = []
        for lang in ("zh_CN", "zh_TW"):
            self.env["res.lang"]._activate_lang(lang)
            self.env["ir.module.module"]._load_module_terms(self.modules, [lang], overwrite=True)
            IrModel = self.env["ir.model"].with_context(lang=lang)
            missing += [
                f"{lang} {model}: {IrModel._get(model).name}"
                for model in self.property_models
                if not CJK.search(IrModel._get(model).name)
            ]
        self.assertEqual(missing, [])
