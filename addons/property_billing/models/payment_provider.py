from markupsafe import Markup

from odoo import models


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    def action_recompute_pending_msg(self):
        """What an owner reads after choosing the wire transfer, in each installed
        language: the company's collection account, or the service desk while it has
        none (Odoo's own message would then list nothing). The notice's payment
        reference follows it on the status page (payment_custom's "communication")."""
        transfers = self.filtered(lambda provider: provider.custom_mode == "wire_transfer")
        result = super(PaymentProvider, self - transfers).action_recompute_pending_msg()
        field = self._fields["pending_msg"]
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        for provider in transfers:
            source = provider.with_context(lang="en_US")
            source.pending_msg = source._property_transfer_message()
            terms = field.get_trans_terms(source.pending_msg)
            provider.update_field_translations(
                "pending_msg",
                {
                    lang: dict(
                        zip(
                            terms,
                            field.get_trans_terms(
                                provider.with_context(lang=lang)._property_transfer_message()
                            ),
                            strict=True,
                        )
                    )
                    for lang in langs
                },
            )
        return result

    def _property_transfer_message(self):
        self.ensure_one()
        _ = self.env._
        company = self.company_id
        account = company._property_collection_journal().bank_account_id
        if not account:
            return Markup("<div><p>%s</p></div>") % _(
                "The bank account of %(company)s for transfers is not set up yet: please "
                "contact the service desk to pay.",
                company=company.name,
            )
        lines = [
            _("Account holder: %(holder)s", holder=account.acc_holder_name or company.name),
            account.bank_id and _("Bank: %(bank)s", bank=account.bank_id.name),
            _("Account number: %(number)s", number=account.acc_number),
        ]
        return Markup("<div><h5>%s</h5><ul>%s</ul><p>%s</p></div>") % (
            _("Please transfer the amount to"),
            Markup().join(Markup("<li>%s</li>") % line for line in lines if line),
            _(
                "Write the payment reference below in the transfer memo: your "
                "payment is then matched to your notice."
            ),
        )
