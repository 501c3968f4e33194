"""The screens as each role opens them, swept generically over every window action of
the property addons installed: a new action, model or field is covered without a test
of its own.

- *New*: for every role that may create on the action's model, the form opens with the
  defaults and onchanges the web client applies, and each visible, editable many2one
  offers a choice (its domain evaluated as the web client evaluates it, then
  ``name_search``) wherever the user can read a record of its model. The fields are
  filled top-down with the first choice, as a user would, so that a domain depending on
  an earlier field is evaluated with it set.
- Views: each view of the action loads for every role that sees its menu, and its
  records load with the fields the view shows.
"""

import logging

from lxml import etree

from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)


def property_records(env, model):
    """Records of `model` created by the data files of the property addons."""
    data = env["ir.model.data"].search(
        [("model", "=", model), ("module", "=like", "property\\_%")], order="module, id"
    )
    return env[model].browse(data.mapped("res_id")).exists()


@tagged("post_install", "-at_install")
class TestScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = property_records(cls.env, "res.groups")
        cls.roles = {}
        for group in groups:
            xmlid = group.get_external_id()[group.id]
            login = "sweep_" + xmlid.replace(".", "_")
            cls.roles[xmlid] = new_test_user(
                cls.env, login, groups=f"base.group_user,{xmlid}", name=login
            )
        cls._menu_actions = {}
        cls.actions = property_records(cls.env, "ir.actions.act_window").filtered(
            lambda a: a.res_model in cls.env
        )

    def _action_context(self, action, user):
        context = safe_eval(
            action.context or "{}",
            {"uid": user.id, "active_id": False, "active_ids": [], "allowed_company_ids": []},
        )
        return {
            **context,
            "allowed_company_ids": user.company_id.ids,
            "lang": user.lang,
            "tz": user.tz,
            "uid": user.id,
        }

    def _visible_actions(self, user):
        """The actions of the menus `user` sees."""
        if user not in self._menu_actions:
            menus = self.env["ir.ui.menu"].with_user(user)
            visible = menus.browse(menus._visible_menu_ids())
            self._menu_actions[user] = visible.mapped("action")
        return self._menu_actions[user]

    def _domain(self, form, domain):
        if callable(domain):
            domain = domain(form._env[form._record._name])
        if isinstance(domain, str):
            domain = safe_eval(domain, form._get_eval_context())
        return domain or []

    def _choices(self, form, name, node_domain):
        """What the web client's dropdown of field `name` offers now."""
        info = form._view["fields"][name]
        domain = self._domain(form, node_domain or info.get("domain"))
        comodel = form._env[info["relation"]].with_context(form._get_context(name))
        return comodel.name_search("", domain, limit=8)

    def _expected(self, form, name, node_domain):
        """Whether the user's company holds a record that field `name` should offer: one
        the user may read that passes the field's own domain (not the company filter
        the web client adds, which is what is under test)."""
        field = form._record._fields[name]
        comodel = form._env[field.comodel_name]
        if not comodel.has_access("read"):
            return False
        domain = self._domain(form, node_domain or field.domain)
        if "company_id" in comodel:
            domain = [*domain, ("company_id", "in", [form._env.company.id, False])]
        return bool(comodel.search_count(domain, limit=1))

    def _sweep_new(self, action, user, covered):
        env = self.env(user=user, context=self._action_context(action, user))
        form_view = next((view for view, mode in action.views if mode == "form"), False)
        form = Form(env[action.res_model], view=form_view or None)
        problems = []
        for node in form._view["tree"].iter("field"):
            name = node.get("name")
            info = form._view["fields"].get(name)
            if (
                not info
                or info["type"] != "many2one"
                or node.getparent().tag in ("list", "kanban")
                or any(a.tag == "field" for a in node.iterancestors())
                or form._get_modifier(name, "invisible")
                or form._get_modifier(name, "readonly")
            ):
                continue
            covered.add((action.id, user.id, name))
            comodel = env[info["relation"]]
            choices = self._choices(form, name, node.get("domain"))
            if not choices and self._expected(form, name, node.get("domain")):
                problems.append(f"{name} offers no choice")
                continue
            if choices and not form[name]:
                try:
                    form[name] = comodel.browse(choices[0][0])
                except Exception as exc:  # any failure is a finding
                    problems.append(f"choosing {name} fails: {exc}")
        return problems

    def test_new_forms_offer_choices(self):
        """On New, each many2one a role can edit offers the records the role can read."""
        problems, covered = [], set()
        for action in self.actions:
            if "form" not in action.view_mode or self.env[action.res_model]._abstract:
                continue
            for xmlid, user in self.roles.items():
                model = self.env[action.res_model].with_user(user)
                if not model.has_access("create") or action not in self._visible_actions(user):
                    continue
                try:
                    found = self._sweep_new(action, user, covered)
                except Exception as exc:  # any failure is a finding
                    found = [f"New fails: {type(exc).__name__}: {exc}"]
                problems += [f"{action.xml_id} as {xmlid}: {p}" for p in found]
        _logger.info(
            "New-form sweep: %s actions × roles, %s many2one fields",
            len({(a, u) for a, u, _f in covered}),
            len(covered),
        )
        self.assertTrue(covered, "the sweep found no form to open")
        if problems:
            self.fail("\n".join(problems))

    def _load_views(self, action, user):
        """Open each view of `action` as the web client does: the views, then the
        records (or groups) with the fields each view shows."""
        env = self.env(user=user, context=self._action_context(action, user))
        model = env[action.res_model]
        domain = safe_eval(action.domain or "[]", {"uid": user.id, "context": env.context})
        modes = [mode for _view, mode in action.views]
        views = model.get_views([(view, mode) for view, mode in action.views] + [(False, "search")])
        fields_info = views["models"][model._name]["fields"]
        for mode in modes:
            arch = etree.fromstring(views["views"][mode]["arch"])
            shown = {
                node.get("name") for node in arch.iter("field") if node.get("name") in fields_info
            }
            if mode in ("list", "kanban"):
                model.web_search_read(domain, {name: {} for name in shown}, limit=80)
            elif mode in ("pivot", "graph"):
                rows = [
                    node.get("name")
                    for node in arch.iter("field")
                    if node.get("type") in (None, "row")
                    and node.get("name") in fields_info
                    and fields_info[node.get("name")].get("groupable", True)
                ]
                model.web_read_group(domain, ["__count"], rows[:1] or [])
        return modes

    def test_views_load(self):
        """Every view of every action loads, with its records, for each role that sees
        its menu."""
        problems, opened = [], 0
        for action in self.actions:
            for xmlid, user in self.roles.items():
                if action not in self._visible_actions(user):
                    continue
                try:
                    opened += len(self._load_views(action, user))
                except Exception as exc:  # any failure is a finding
                    problems.append(f"{action.xml_id} as {xmlid}: {type(exc).__name__}: {exc}")
        _logger.info("View sweep: %s views opened", opened)
        self.assertTrue(opened, "the sweep found no view to open")
        if problems:
            self.fail("\n".join(problems))
