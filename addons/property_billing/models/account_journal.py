from odoo import api, models

BANK_ACCOUNT_FIELDS = {"bank_account_id", "bank_acc_number", "bank_id"}


class AccountJournal(models.Model):
    _inherit = "account.journal"

    @api.model_create_multi
    def create(self, vals_list):
        journals = super().create(vals_list)
        if any(BANK_ACCOUNT_FIELDS & set(vals) for vals in vals_list):
            journals.filtered(
                lambda j: j.type == "bank"
            ).company_id._property_update_transfer_message()
        return journals

    def write(self, vals):
        res = super().write(vals)
        if BANK_ACCOUNT_FIELDS & set(vals):
            self.filtered(lambda j: j.type == "bank").company_id._property_update_transfer_message()
        return res
