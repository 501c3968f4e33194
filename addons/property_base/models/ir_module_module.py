from odoo import models
from odoo.modules.module import get_module_path
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """A property addon's ``i18n_extra/LANG.po`` translates terms of Odoo core and the
        OCA addons that its screens show and that their stock catalogues leave in English
        (or half English). Odoo loads those files too, but a module's terms never replace
        what an earlier module loaded for a field label, help or selection value (the
        stock catalogue's English copy "In payment" stays); these overrides are therefore
        loaded again, overwriting, after the module's own catalogues."""
        result = super()._load_module_terms(modules, langs, overwrite, imported_module)
        importer = None
        for module in modules:
            if not module.startswith("property_") or not get_module_path(module):
                continue
            for lang in langs:
                try:
                    path = file_path(f"{module}/i18n_extra/{lang}.po")
                except FileNotFoundError:
                    continue
                importer = importer or TranslationImporter(self.env.cr, verbose=False)
                importer.load_file(path, lang)
        if importer:
            importer.save(overwrite=True, force_overwrite=True)
        return result
