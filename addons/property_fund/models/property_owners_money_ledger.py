from odoo import fields, models
from odoo.tools import SQL


class PropertyOwnersMoneyLedger(models.AbstractModel):
    """A ledger of money the company holds for the owners (the maintenance fund, the
    common revenue): the posted journal items of the company's account for it, money in
    positive. A view on the accounting, not a ledger of its own.

    A ledger names the company's field of that account in ``_ledger_account`` (and adds
    it to ``_depends``), and adds its own columns and joins: ``_ledger_columns()`` and
    ``_ledger_joins()``, read from ``aml`` (the journal item)."""

    _name = "property.owners.money.ledger"
    _description = "Ledger of Owners' Money"
    _inherit = ["property.report.mixin"]
    _order = "date desc, id desc"
    _ledger_account = None
    # what the view reads, flushed before it is searched (a ledger adds its own)
    _depends = {
        "account.move.line": [
            "account_id",
            "balance",
            "company_id",
            "credit",
            "date",
            "debit",
            "move_id",
            "name",
            "parent_state",
            "partner_id",
        ],
        "res.company": ["currency_id"],
    }

    date = fields.Date(readonly=True)
    name = fields.Char(string="Label", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    amount_in = fields.Monetary(string="In", readonly=True, aggregator="sum")
    amount_out = fields.Monetary(string="Out", readonly=True, aggregator="sum")
    amount = fields.Monetary(string="Balance", readonly=True, aggregator="sum")

    def _ledger_columns(self):
        raise NotImplementedError

    def _ledger_joins(self):
        raise NotImplementedError

    def _query(self):
        return SQL(
            """
               SELECT aml.id AS id,
                      aml.date AS date,
                      aml.name AS name,
                      aml.move_id AS move_id,
                      aml.company_id AS company_id,
                      company.currency_id AS currency_id,
                      aml.partner_id AS partner_id,
                      %(columns)s,
                      aml.credit AS amount_in,
                      aml.debit AS amount_out,
                      -aml.balance AS amount
                 FROM account_move_line aml
                 JOIN res_company company
                   ON company.id = aml.company_id
                  AND company.%(account)s = aml.account_id
                      %(joins)s
                WHERE aml.parent_state = 'posted'
            """,
            columns=self._ledger_columns(),
            account=SQL.identifier(self._ledger_account),
            joins=self._ledger_joins(),
        )
