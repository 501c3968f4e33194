import re
import unicodedata

from odoo import api, models
from odoo.tools import SQL

# A payment reference shorter than this is not looked for in the texts of bank lines: it
# would be found there by chance.
MIN_REFERENCE_LENGTH = 4


def normalize_reference(text):
    """A payment reference or a bank line's text as they are compared: full-width
    characters as their ASCII forms (Chinese input methods type ＩＮＶ／２０２６), without
    spaces, in upper case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()


def reference_in(reference, texts):
    """Whether the payment reference is written in one of the texts as a whole word, spaces
    and case ignored: RF18 5390 0754 7034 is in "rf18539007547034物业费", but RF47 12 is not
    in "RF47 1234" (the reference of another notice)."""
    pattern = re.compile(
        r"(?<![0-9A-Z])"
        + r"\s*".join(map(re.escape, normalize_reference(reference)))
        + r"(?![0-9A-Z])"
    )
    return any(pattern.search(unicodedata.normalize("NFKC", text or "").upper()) for text in texts)


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    @api.model
    def _property_search_payment_reference(self, texts, domain):
        """The journal items of ``domain`` whose entry's payment reference appears in one
        of ``texts`` (the memo, label or note of a bank line) as a whole word, spaces and
        case ignored."""
        lines = self.env["account.move.line"]
        # "|" never occurs in a payment reference: a match cannot span two texts
        haystack = "|".join(filter(None, map(normalize_reference, texts)))
        if len(haystack) < MIN_REFERENCE_LENGTH:
            return lines
        self.env["account.move"].flush_model(["payment_reference"])
        query = lines._search(domain, order="date_maturity, id")
        move = query.join("account_move_line", "move_id", "account_move", "id", "move_id")
        reference = SQL(
            "upper(regexp_replace(%s, '\\s', '', 'g'))",
            SQL.identifier(move, "payment_reference"),
        )
        query.add_where(
            SQL(
                "length(%s) >= %s AND strpos(%s, %s) > 0",
                reference,
                MIN_REFERENCE_LENGTH,
                haystack,
                reference,
            )
        )
        # The database finds the references inside the texts; a reference inside a longer
        # one (RF47 12 in RF47 1234) is not the one the payer wrote.
        return lines.browse(query).filtered(
            lambda line: reference_in(line.move_id.payment_reference, texts)
        )

    def _do_auto_reconcile(self, models):
        # account_reconcile_oca reconciles whatever an auto-validating model proposes, even
        # a proposal the model itself does not call sure (no "auto_reconcile" in its
        # answer): an amount that merely equals an unrelated invoice's, or a payment
        # reference with a different amount. At import only sure matches are reconciled;
        # the others wait in the reconciliation screen.
        return super()._do_auto_reconcile(models.with_context(property_sure_matches_only=True))
