from odoo import models, tools
from odoo.tools import SQL


class PropertyReportMixin(models.AbstractModel):
    """A read-only report on an SQL view. Inheriting models set ``_auto = False``
    themselves (it is not inherited), define ``_query()`` (the view's SELECT) and, for
    rates, ``_rates`` = {rate field: (numerator, denominator)}: the rate of a group is
    then the ratio of the group's sums, computed in SQL by ``_read_group`` (which serves
    pivot, graph and list group rows), never the mean of the rows' rates."""

    _name = "property.report.mixin"
    _description = "Property SQL Report"
    _auto = False
    _rates = {}

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        if fname in self._rates and func in ("avg", "sum"):
            numerator, denominator = self._rates[fname]
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, numerator, query),
                self._field_to_sql(self._table, denominator, query),
            )
        return super()._read_group_select(aggregate_spec, query)
