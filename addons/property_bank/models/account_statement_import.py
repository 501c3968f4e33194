import re

from odoo import api, fields, models
from odoo.exceptions import UserError

# The head of an OFX 2 file: an XML declaration (with the encoding) and the OFX header
OFX2_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml([^>]*)\?>\s*(?:<\?OFX[^>]*\?>\s*)?", re.I)
XML_ENCODING = re.compile(rb"""encoding\s*=\s*["']([\w.:-]+)["']""")
# The same file as OFX 1 (SGML), whose header names the encoding, as ofxparse reads it
OFX1_HEAD = b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:UTF-8\nCHARSET:NONE\n\n"


def ofx2_as_ofx1(data_file):
    """An OFX 2 file with an OFX 1 header instead of its XML one: ofxparse reads the text
    of an XML file as ASCII (a Chinese payee fails) and warns about XML read as HTML."""
    head = OFX2_HEAD.match(data_file)
    if not head:
        return data_file
    encoding = XML_ENCODING.search(head[1])
    try:
        text = data_file[head.end() :].decode(encoding[1].decode() if encoding else "utf-8")
    except (LookupError, UnicodeDecodeError):
        return data_file
    return OFX1_HEAD + text.encode("utf-8")


class AccountStatementImport(models.TransientModel):
    """The OCA import wizard, opened from the Billing menu as well as from a journal: the
    bank journal is chosen in the wizard, and its column mapping follows."""

    _inherit = "account.statement.import"

    journal_id = fields.Many2one(
        "account.journal",
        string="Bank Journal",
        domain="[('type', '=', 'bank')]",
        default=lambda self: self._default_journal_id(),
        help="The bank account of the statement. An OFX file names its account itself.",
    )
    # The mapping of the journal chosen (not the default of the OCA wizard, which follows
    # the journal of the context only)
    sheet_mapping_id = fields.Many2one(
        compute="_compute_sheet_mapping_id",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
    )

    @api.model
    def _default_journal_id(self):
        if self.env.context.get("journal_id"):
            return self.env.context["journal_id"]
        journals = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self.env.company)]
            + [("type", "=", "bank")],
            limit=2,
        )
        return journals.id if len(journals) == 1 else False

    @api.depends("journal_id")
    def _compute_sheet_mapping_id(self):
        for wizard in self:
            wizard.sheet_mapping_id = wizard.journal_id.default_sheet_mapping_id

    def _import_file(self):
        self.ensure_one()
        if self.journal_id and self.env.context.get("journal_id") != self.journal_id.id:
            wizard = self.with_context(journal_id=self.journal_id.id)
            return super(AccountStatementImport, wizard)._import_file()
        return super()._import_file()

    @api.model
    def _check_ofx(self, data_file):
        return super()._check_ofx(ofx2_as_ofx1(data_file))

    def _parse_file(self, data_file):
        self.ensure_one()
        if self.sheet_mapping_id and self._check_ofx(data_file):
            # An OFX file into a journal whose default mapping is for its CSV exports
            self.sheet_mapping_id = False
        elif self.sheet_mapping_id:
            if re.search(rb"<OFX>|\AOFXHEADER:", data_file[:4096].lstrip(b"\xef\xbb\xbf"), re.I):
                raise UserError(
                    self.env._(
                        "This OFX file cannot be read: it is incomplete, or not written as the OFX "
                        "standard says. Export the statement from the bank again."
                    )
                )
            if not self.env.context.get("journal_id"):
                raise UserError(
                    self.env._(
                        "Choose the bank journal of the statement: a CSV or Excel file does "
                        "not say which bank account it is from."
                    )
                )
            # Clear errors here: the OCA parser logs a warning and reports a technical
            # message, and reads a malformed amount as 0.
            self.env["account.statement.import.sheet.parser"]._check_file(
                data_file, self.sheet_mapping_id
            )
        return super()._parse_file(data_file)
