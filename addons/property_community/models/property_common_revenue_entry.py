from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

ENTRY_STATES = [
    ("draft", "Draft"),
    ("posted", "Posted"),
    ("cancelled", "Cancelled"),
]


class PropertyCommonRevenueEntry(models.AbstractModel):
    """What an income of the owners' common revenue and a use of it share: the estate,
    the amount, the posting by a manager (or Finance) into the common revenue's own
    journal, and the cancellation by an entry of today, so that the past disclosures
    (公示) stay true. The journal entries are made as property_fund makes the maintenance
    fund's (`property.maintenance.fund.document`)."""

    _name = "property.common.revenue.entry"
    _description = "Common Revenue Entry"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "property.maintenance.fund.document",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "estate_id"
    _order = "date desc, id desc"
    _check_company_auto = True
    # what is posted stays as booked: a mistake is cancelled (reversed) and recorded again
    _workflow_locked = {"posted": ALL_FIELDS, "cancelled": ALL_FIELDS}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Date of the journal entry.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True, aggregator="sum")
    state = fields.Selection(
        ENTRY_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    note = fields.Text()

    _property_bounds = {"amount": (0.0, 1e10)}

    @api.constrains("amount")
    def _check_amount(self):
        for entry in self:
            if entry.currency_id.compare_amounts(entry.amount, 0) <= 0:
                raise ValidationError(
                    self.env._(
                        "The amount of %(document)s %(name)s must be positive.",
                        document=entry._workflow_document_label(),
                        name=entry.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_without_entry(self):
        if any(entry.move_id for entry in self):
            raise UserError(self.env._("A posted entry cannot be deleted: cancel it instead."))

    # ------------------------------------------------------------------ checks

    def _require_poster(self):
        """Posting and cancelling move the owners' money: the community manager, who
        answers to the owners for it, does it (the entries are made without accounting
        rights from the checked document, as property_fund's; Finance reads them in the
        common revenue's journal)."""
        self._require_group(
            "property_community.group_community_manager",
            self.env._(
                "Only a community manager can post or cancel the owners' common revenue "
                "and its uses."
            ),
        )

    def _check_disclosure_open(self, dates=None):
        """Refuse an entry in a quarter of which the estate's disclosure is published:
        what the owners were shown stays true."""
        Disclosure = self.env["property.common.revenue.disclosure"].sudo()
        for entry in self:
            for day in dates or [entry.date]:
                published = Disclosure.search(
                    [
                        ("estate_id", "=", entry.estate_id.id),
                        ("state", "=", "published"),
                        ("date_from", "<=", day),
                        ("date_to", ">=", day),
                    ],
                    limit=1,
                )
                if published:
                    raise UserError(
                        self.env._(
                            "The disclosure %(disclosure)s of this quarter is published: "
                            "%(name)s cannot be booked on %(date)s.",
                            disclosure=published.display_name,
                            name=entry.name,
                            date=day,
                        )
                    )

    def _check_balance_after(self, withdrawn):
        """Refuse what would take an estate's common revenue below zero: `withdrawn` is
        {estate: amount}."""
        balances = self.env["property.common.revenue.ledger"]._estate_balances(
            self.env["property.estate"].union(*withdrawn)
        )
        for estate, amount in withdrawn.items():
            currency = estate.company_id.currency_id
            balance = balances.get(estate, 0.0)
            if currency.compare_amounts(balance, amount) < 0:
                raise UserError(
                    self.env._(
                        "The common revenue of %(estate)s holds %(balance)s, less than %(amount)s.",
                        estate=estate.display_name,
                        balance=currency.format(balance),
                        amount=currency.format(amount),
                    )
                )

    def _withdrawn_by_estate(self):
        withdrawn = {}
        for entry in self:
            withdrawn[entry.estate_id] = withdrawn.get(entry.estate_id, 0.0) + entry.amount
        return withdrawn

    # ------------------------------------------------------------------ workflow

    def _before_post(self):
        """Checks of the kind of entry, before it is posted."""

    def _before_reverse(self):
        """Checks of the kind of entry, before its posted entry is reversed."""

    def action_post(self):
        """Book the entry in the common revenue's journal."""
        self._require_poster()
        self._require_state("draft")
        self._check_amount()
        self._check_disclosure_open()
        self._before_post()
        # A manager, who need not be an accountant: the entry is built from the checked
        # document only, without accounting rights.
        self._post_fund_moves()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        """Cancel; a posted entry is reversed by an entry of today, so the quarter it
        was disclosed in stays as it was shown."""
        self._require_state("draft", "posted")
        posted = self.filtered(lambda entry: entry.state == "posted")
        if posted:
            posted._require_poster()
            posted._check_disclosure_open([fields.Date.context_today(self)])
            posted._before_reverse()
            posted._reverse_fund_moves()
        self._write_workflow({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_request_posting(self):
        """Ask the estate's manager to post the draft (an activity)."""
        self._require_state("draft")
        for entry in self.filtered("estate_id.manager_id"):
            entry.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                user_id=entry.estate_id.manager_id.id,
                summary=self.env._("Check and post %(name)s", name=entry.name),
            )
        return True
