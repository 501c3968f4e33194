import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval, time

from ..tools.pdf_batch import render_pdfs
from .account_move import DUNNING_LEVELS

_logger = logging.getLogger(__name__)

LETTER_REPORT = "property_billing.action_report_dunning_letter"


class PropertyDunning(models.Model):
    """A step of collecting the arrears of a payer (催缴): a reminder (催款通知书), a final
    notice (最后缴款通知书) or the formal demand after 3 months (DOMAIN §8), with the
    notices it covers and the figures as they stood that day. The dunning history of a
    payer is the list of these."""

    _name = "property.dunning"
    _description = "Dunning Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Payer", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one("property.estate", index=True, check_company=True)
    level = fields.Selection(DUNNING_LEVELS, required=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    deadline = fields.Date(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        precompute=True,
        help="Pay by this date: counted from the letter's date per the dunning calendar.",
    )
    move_ids = fields.Many2many("account.move", string="Notices", check_company=True, readonly=True)
    amount_due = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_amounts",
        store=True,
        help="Unpaid on the notices: kept up to date until the letter is sent, then as sent.",
    )
    late_fee = fields.Monetary(
        string="Late Fee to Date",
        compute="_compute_amounts",
        store=True,
        help="Late fee accrued on the letter's date.",
    )
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    state = fields.Selection(
        [("draft", "To Send"), ("sent", "Sent"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    note = fields.Text()
    send_queued = fields.Boolean(
        string="Being E-mailed",
        readonly=True,
        copy=False,
        index=True,
        help="Queued to be e-mailed in the background, a batch of letters at a time.",
    )

    @api.depends("date", "level", "move_ids.property_cycle")
    def _compute_deadline(self):
        for letter in self:
            letter.deadline = letter.move_ids._property_dunning_deadline(letter.level, letter.date)

    # and the notices' payment: account.move._property_payment_followers (Issue 20)
    @api.depends("state", "date", "move_ids")
    def _compute_amounts(self):
        unsent = self.filtered(lambda letter: letter.state != "sent")
        # the payments the late fees read, for the notices of all the letters at once
        unsent.move_ids.line_ids.mapped("matched_credit_ids")
        for letter in unsent:
            # Until it is sent, a letter asks for what is still unpaid on its notices; a
            # letter sent keeps the figures it was sent with.
            letter.amount_due = sum(letter.move_ids.mapped("amount_residual"))
            letter.late_fee = sum(
                move._property_late_fee(move._property_dunning_dates()["arrears"], letter.date)[0]
                for move in letter.move_ids
            )

    @api.depends("amount_due", "late_fee")
    def _compute_amount_total(self):
        for letter in self:
            letter.amount_total = letter.amount_due + letter.late_fee

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company or self.env.company)
                    .next_by_code("property.dunning")
                    or "/"
                )
        return super().create(vals_list)

    @api.depends("name", "level")
    def _compute_display_name(self):
        levels = dict(self._fields["level"]._description_selection(self.env))
        for letter in self:
            parts = [levels.get(letter.level), letter.name if letter.name != "/" else ""]
            letter.display_name = " ".join(part for part in parts if part) or False

    # ------------------------------------------------------------ generating

    @api.model
    def _dunning_due(self, company, today):
        """{(level, payer, estate): notices}: the notices of `company` that reach a
        dunning step on or before `today` and have not had it yet."""
        Move = self.env["account.move"]
        overdue = Move.search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("property_unit_id", "!=", False),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
                ("property_dunning_level", "!=", "demand"),
            ],
            order="invoice_date_due, id",
        )
        steps = [("reminder", False), ("final", "reminder"), ("demand", "final")]
        due = defaultdict(Move.browse)
        for move in overdue:
            dates = move._property_dunning_dates()
            for level, after in steps:
                if move.property_dunning_level == after and dates[level] <= today:
                    due[level, move.commercial_partner_id, move.property_estate_id] |= move
                    break
        return due

    @api.model
    def _generate(self, company, today):
        """Create today's dunning letters of `company`, one per payer, estate and step,
        and advance the notices' dunning level. Formal demands get an activity for the
        estate manager: the letter goes by express mail and legal steps may follow."""
        values, notices = [], []
        for (level, partner, estate), moves in self._dunning_due(company, today).items():
            values.append(
                {
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "estate_id": estate.id,
                    "level": level,
                    "date": today,
                    "move_ids": [fields.Command.set(moves.ids)],
                }
            )
            notices.append(moves)
        letters = self.create(values)
        # one write per level, not per letter (a notice's letters are the letters'
        # notices: one relation, filled by the create)
        reached = defaultdict(self.env["account.move"].browse)
        for letter, moves in zip(letters, notices, strict=True):
            reached[letter.level] |= moves
        for level, moves in reached.items():
            moves.write({"property_dunning_level": level})
        for letter in letters:
            if letter.level == "demand":
                letter.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._(
                        "Formal demand letter: %(months)s months unpaid",
                        months=company.property_formal_demand_after_months,
                    ),
                    note=self.env._(
                        "Send the formal demand letter by express mail, visit the payer, "
                        "and consider the legal channel."
                    ),
                    user_id=(letter.estate_id.manager_id or self.env.user).id,
                )
        return letters

    @api.model
    def _cron_generate(self):
        for company in self.env["res.company"].search([]):
            # the company's day (the cron's user has no time zone of its own)
            today = company._property_today()
            letters = self.with_company(company)._generate(company, today)
            letters.filtered(lambda letter: letter.level != "demand").action_send()

    @api.model
    def _cron_send(self, batch_size=20):
        """E-mail a batch of the queued letters (the scheduler calls again at once while
        some are left; each batch is committed on its own)."""
        letters = self.search([("send_queued", "=", True)], order="id", limit=batch_size)
        letters._send_by_email()
        self.env["ir.cron"]._notify_progress(
            done=len(letters), remaining=self.search_count([("send_queued", "=", True)])
        )

    # --------------------------------------------------------------- actions

    def action_send(self):
        """E-mail the letters (PDF attached) to payers who have an e-mail address, in
        the background (a PDF takes a second or two); the others stay to send, to be
        printed and delivered by hand."""
        to_email = self.filtered(lambda letter: letter.state == "draft" and letter.partner_id.email)
        if to_email:
            to_email.write({"send_queued": True})
            self.env.ref("property_billing.ir_cron_property_dunning_send").sudo()._trigger()
        return True

    def _send_by_email(self):
        """E-mail these letters, their PDFs made in one go. A letter whose e-mail
        fails leaves the queue with the reason in its chatter; the others go."""
        self.write({"send_queued": False})
        letters = self.filtered(lambda letter: letter.state == "draft" and letter.partner_id.email)
        if not letters:
            return
        # The figures as they stand now are the ones sent (they freeze once sent).
        letters.flush_recordset(["amount_due", "late_fee"])
        try:
            pdfs = render_pdfs(self.env, LETTER_REPORT, letters) or {}
        except Exception:  # printed one by one below, as Odoo's templates do
            _logger.exception("Dunning letters %s could not be printed at once", letters.ids)
            pdfs = {}
        template = self.env.ref("property_billing.mail_template_dunning_letter")
        rendered = {
            name: template._render_field(name, letters.ids, compute_lang=True)
            for name in ("subject", "body_html", "email_from")
        }
        Report = self.env["ir.actions.report"]
        report = Report._get_report(LETTER_REPORT)
        for letter in letters:
            try:
                with self.env.cr.savepoint():
                    pdf = (
                        pdfs.get(letter.id) or Report._render_qweb_pdf(LETTER_REPORT, letter.ids)[0]
                    )
                    name = safe_eval(report.print_report_name, {"object": letter, "time": time})
                    letter.message_post(
                        subject=rendered["subject"][letter.id],
                        body=rendered["body_html"][letter.id],
                        email_from=rendered["email_from"][letter.id],
                        partner_ids=letter.partner_id.ids,
                        subtype_xmlid="mail.mt_comment",
                        message_type="comment",
                        attachments=[(f"{name}.pdf", pdf)],
                        mail_auto_delete=template.auto_delete,
                    )
                    letter._write_workflow({"state": "sent"})
            except Exception as error:  # one letter's failure must not stop the batch
                _logger.exception("Dunning letter %s could not be e-mailed", letter.name)
                letter.message_post(body=self.env._("Not e-mailed: %(error)s", error=error))

    def action_mark_sent(self):
        self.flush_recordset(["amount_due", "late_fee"])
        self.filtered(lambda letter: letter.state == "draft")._write_workflow({"state": "sent"})
        return True

    def _cancel_paid(self):
        """Cancel the letters to send whose notices are all paid."""
        paid = self.filtered(
            lambda letter: (
                letter.state == "draft"
                and not any(
                    move.payment_state in ("not_paid", "partial") for move in letter.move_ids
                )
            )
        )
        if paid:
            paid._write_workflow({"state": "cancelled"})
            body = self.env._("Not sent: the notices it covers are paid.")
            paid._message_log_batch(dict.fromkeys(paid.ids, body))
        return paid

    def action_cancel(self):
        if any(letter.state == "cancelled" for letter in self):
            raise UserError(self.env._("This letter is already cancelled."))
        self._write_workflow({"state": "cancelled"})
        return True
