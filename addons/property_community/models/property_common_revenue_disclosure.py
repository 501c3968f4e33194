from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


def _this_quarter(record):
    return str((fields.Date.context_today(record).month - 1) // 3 + 1)


class PropertyCommonRevenueDisclosure(models.Model):
    """The quarterly disclosure (公示) of an estate's common revenue to its owners: the
    opening balance, the income by kind, each use, the closing balance, and the
    maintenance fund's figures of the same estate and quarter (property_fund's own
    disclosure). The figures are read from the accounts while it is a draft and kept as
    they were when it is published; the quarter's entries are then closed."""

    _name = "property.common.revenue.disclosure"
    _description = "Common Revenue Disclosure"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "estate_id"
    _order = "date_from desc, estate_id, id desc"
    _check_company_auto = True
    _rec_names_search = ["estate_id.name"]
    _workflow_locked = {"published": ALL_FIELDS}

    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    quarter = fields.Selection(QUARTERS, required=True, default=_this_quarter, tracking=True)
    date_from = fields.Date(compute="_compute_dates", store=True, precompute=True)
    date_to = fields.Date(compute="_compute_dates", store=True, precompute=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    published_on = fields.Date(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    opening_balance = fields.Monetary(readonly=True, copy=False)
    income_total = fields.Monetary(string="Income", readonly=True, copy=False)
    use_total = fields.Monetary(string="Uses", readonly=True, copy=False)
    closing_balance = fields.Monetary(readonly=True, copy=False)
    fund_opening = fields.Monetary(string="Fund Opening Balance", readonly=True, copy=False)
    fund_contributions = fields.Monetary(readonly=True, copy=False)
    fund_used = fields.Monetary(string="Fund Uses", readonly=True, copy=False)
    fund_other = fields.Monetary(string="Fund Other Entries", readonly=True, copy=False)
    fund_closing = fields.Monetary(string="Fund Closing Balance", readonly=True, copy=False)
    line_ids = fields.One2many(
        "property.common.revenue.disclosure.line",
        "disclosure_id",
        string="Lines",
        readonly=True,
        copy=False,
    )
    income_line_ids = fields.One2many(
        "property.common.revenue.disclosure.line",
        "disclosure_id",
        domain=[("section", "=", "income")],
        string="Income by Kind",
        readonly=True,
    )
    use_line_ids = fields.One2many(
        "property.common.revenue.disclosure.line",
        "disclosure_id",
        domain=[("section", "=", "use")],
        string="Uses of the Revenue",
        readonly=True,
    )
    note = fields.Html(help="A word to the owners, printed under the figures.")

    _property_bounds = {"year": (2000, 2100)}

    _sql_constraints = [
        (
            "estate_quarter_uniq",
            "unique(estate_id, year, quarter)",
            "An estate has one disclosure per quarter.",
        ),
    ]

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for disclosure in self:
            if disclosure.year and disclosure.quarter:
                start = date(disclosure.year, 3 * int(disclosure.quarter) - 2, 1)
                disclosure.date_from = start
                disclosure.date_to = start + relativedelta(months=3, days=-1)
            else:
                disclosure.date_from = disclosure.date_to = False

    @api.depends("estate_id.name", "year", "quarter")
    def _compute_display_name(self):
        for disclosure in self:
            disclosure.display_name = self.env._(
                "%(estate)s, %(year)s Q%(quarter)s",
                estate=disclosure.estate_id.name or "",
                year=disclosure.year,
                quarter=disclosure.quarter,
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(disclosure.state == "published" for disclosure in self):
            raise UserError(self.env._("A published disclosure cannot be deleted."))

    def _compute_access_url(self):
        for disclosure in self:
            disclosure.access_url = f"/my/disclosures/{disclosure.id}"

    @api.model_create_multi
    def create(self, vals_list):
        disclosures = super().create(vals_list)
        disclosures._refresh_figures()
        return disclosures

    # ------------------------------------------------------------------ figures

    def _figures(self):
        """The quarter's figures, read from the posted entries: {opening, income:
        [(kind, amount)], uses: [{use, date, amount, cancellation}], closing, fund:
        {opening, contributions, used, other, closing}}."""
        self.ensure_one()
        Ledger = self.env["property.common.revenue.ledger"].sudo()
        estate = [("estate_id", "=", self.estate_id.id)]
        period = [*estate, ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        opening = Ledger._estate_balances(self.estate_id, before=self.date_from).get(
            self.estate_id, 0.0
        )
        income = Ledger._read_group(
            [*period, ("kind", "=", "income")], ["revenue_kind_id"], ["amount:sum"]
        )
        uses = [
            {"use": use, "date": move.date, "amount": -amount, "cancellation": reversal}
            for use, move, reversal, amount in Ledger._read_group(
                [*period, ("kind", "=", "use")],
                ["use_id", "move_id", "is_reversal"],
                ["amount:sum"],
            )
        ]
        uses.sort(key=lambda use: (use["date"], use["use"].id, use["cancellation"]))
        fund_wizard = (
            self.env["property.maintenance.fund.disclosure.wizard"]
            .sudo()
            .create(
                {
                    "estate_id": self.estate_id.id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                }
            )
        )
        buildings = fund_wizard._disclosure()
        fund = {
            key: sum(building[key] for building in buildings)
            for key in ("opening", "contributions", "used", "other", "closing")
        }
        closing = (
            opening + sum(amount for _kind, amount in income) - sum(use["amount"] for use in uses)
        )
        return {
            "opening": opening,
            "income": sorted(income, key=lambda pair: (pair[0].sequence, pair[0].id)),
            "uses": uses,
            "closing": closing,
            "fund": fund,
        }

    def _refresh_figures(self):
        """Store the figures read from the accounts. The lines are written as superuser:
        nobody edits them (the figures are the accounts')."""
        for disclosure in self:
            disclosure._require_state("draft")
            figures = disclosure._figures()
            round_ = disclosure.currency_id.round
            disclosure.sudo().write(
                {
                    "opening_balance": round_(figures["opening"]),
                    "income_total": round_(sum(amount for _kind, amount in figures["income"])),
                    "use_total": round_(sum(use["amount"] for use in figures["uses"])),
                    "closing_balance": round_(figures["closing"]),
                    "fund_opening": round_(figures["fund"]["opening"]),
                    "fund_contributions": round_(figures["fund"]["contributions"]),
                    "fund_used": round_(figures["fund"]["used"]),
                    "fund_other": round_(figures["fund"]["other"]),
                    "fund_closing": round_(figures["fund"]["closing"]),
                    "line_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "section": "income",
                                "sequence": index,
                                "kind_id": kind.id,
                                "amount": round_(amount),
                            }
                        )
                        for index, (kind, amount) in enumerate(figures["income"])
                    ]
                    + [
                        Command.create(
                            {
                                "section": "use",
                                "sequence": index,
                                "use_id": use["use"].id,
                                "date": use["date"],
                                "reference": use["use"].name,
                                "name": use["use"].purpose,
                                "decided_by": use["use"].decided_by,
                                "is_cancellation": use["cancellation"],
                                "amount": round_(use["amount"]),
                            }
                        )
                        for index, use in enumerate(figures["uses"])
                    ],
                }
            )

    # ------------------------------------------------------------------ workflow

    def action_refresh(self):
        """Read the figures again from the accounts."""
        self._require_state("draft")
        self._refresh_figures()
        return True

    def action_publish(self):
        """Publish to the estate's owners and residents, on their portal (公示); the
        quarter's entries are closed from now on."""
        self._require_group(
            "property_community.group_community_manager",
            self.env._("Only a community manager can publish a disclosure."),
        )
        self._require_state("draft")
        today = fields.Date.context_today(self)
        for disclosure in self:
            if disclosure.date_to >= today:
                raise UserError(
                    self.env._(
                        "The quarter of %(disclosure)s has not ended yet: publish it once "
                        "its entries are all posted.",
                        disclosure=disclosure.display_name,
                    )
                )
        self._refresh_figures()
        # the portal's token, set now: nothing changes once published
        for disclosure in self:
            disclosure._portal_ensure_token()
        self._write_workflow(
            {"state": "published", "published_on": today, "published_by_id": self.env.user.id}
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_print(self):
        return self.env.ref(
            "property_community.action_report_common_revenue_disclosure"
        ).report_action(self)

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }
