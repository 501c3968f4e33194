from odoo import fields, models


class PropertyMaintenanceFundDocument(models.AbstractModel):
    """What contributions to and uses of the maintenance fund share: the journal entry
    that records them, posted without accounting rights (the document's own checks come
    first), and its reversal by an entry of today, so past disclosures stay true."""

    _name = "property.maintenance.fund.document"
    _description = "Maintenance Fund Document"

    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, copy=False, index="btree_not_null"
    )
    reversal_move_id = fields.Many2one(
        "account.move",
        string="Reversal Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _move_values(self):
        raise NotImplementedError

    def _post_fund_moves(self):
        moves = self.env["account.move"].sudo().create([doc._move_values() for doc in self])
        moves.action_post()
        for doc, move in zip(self, moves, strict=True):
            doc._write_workflow({"state": "posted", "move_id": move.id})

    def _reverse_fund_moves(self):
        today = fields.Date.context_today(self)
        reversals = self.move_id.sudo()._reverse_moves(
            [
                {"date": today, "ref": self.env._("Cancellation of %(name)s", name=doc.name)}
                for doc in self
            ],
            cancel=True,
        )
        for doc, reversal in zip(self, reversals, strict=True):
            doc._write_workflow({"reversal_move_id": reversal.id})

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.move_id.id,
        }
