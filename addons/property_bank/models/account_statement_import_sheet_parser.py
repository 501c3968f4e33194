import csv
import re
from datetime import datetime

from odoo import api, models
from odoo.exceptions import UserError

# What banks print around an amount: currency signs and codes, spaces
CURRENCY_MARKS = re.compile(r"\s|[¥￥$€元]|CNY|RMB", re.IGNORECASE)


class AccountStatementImportSheetParser(models.TransientModel):
    _inherit = "account.statement.import.sheet.parser"

    @api.model
    def _check_file(self, data_file, mapping):
        """Raise a UserError that says what is wrong with a CSV file that ``mapping``
        cannot read: a column missing, a date or an amount not as the mapping expects
        (giving the line). Spreadsheets have typed cells and are left to the parser."""
        if mapping.no_header:
            return
        try:
            parsed = self._parse_data(mapping, data_file)
            if isinstance(parsed, tuple):
                return
            rows = list(parsed)
        except (UnicodeError, LookupError, TypeError, csv.Error) as exc:
            # TypeError: the encoding could not even be guessed
            raise UserError(
                self.env._(
                    "The file cannot be read as %(encoding)s text, the encoding of the "
                    "mapping “%(mapping)s”: %(error)s",
                    encoding=mapping.file_encoding,
                    mapping=mapping.name,
                    error=exc,
                )
            ) from exc
        header_index = max(mapping.header_lines_skip_count - 1, 0)
        if len(rows) <= header_index:
            raise UserError(self.env._("The file is empty."))
        header = [value.strip() for value in rows[header_index]][mapping.offset_column :]
        columns = {
            field: [name for name in (mapping[field] or "").split(",") if name]
            for field in self._get_column_names()
        }
        missing = [name for names in columns.values() for name in names if name not in header]
        if missing:
            raise UserError(
                self.env._(
                    "The file has no column %(missing)s, which the mapping “%(mapping)s” "
                    "reads. Its columns are: %(found)s. Is it this bank's export, in the "
                    "encoding %(encoding)s?",
                    missing=", ".join(missing),
                    mapping=mapping.name,
                    found=", ".join(header),
                    encoding=mapping.file_encoding,
                )
            )
        amount_fields = ("amount_column", "amount_debit_column", "amount_credit_column")
        last = len(rows) - mapping.footer_lines_skip_count
        for line_number in range(header_index + 2, last + 1):
            values = rows[line_number - 1][mapping.offset_column :]
            if mapping.skip_empty_lines and not any(value.strip() for value in values):
                continue

            def cell(name, values=values):
                index = header.index(name)
                return values[index].strip() if index < len(values) else ""

            date = " ".join(cell(name) for name in columns["timestamp_column"])
            try:
                datetime.strptime(date, mapping.timestamp_format)
            except ValueError as exc:
                raise UserError(
                    self.env._(
                        "Line %(line)s: the date “%(date)s” is not of the form %(format)s.",
                        line=line_number,
                        date=date,
                        format=mapping.timestamp_format,
                    )
                ) from exc
            amounts = []
            for field in (*amount_fields, "balance_column"):
                for name in columns[field]:
                    value = cell(name)
                    if value and not self._is_amount(value, mapping):
                        raise UserError(
                            self.env._(
                                "Line %(line)s: “%(value)s” in the column %(column)s is not "
                                "an amount.",
                                line=line_number,
                                value=value,
                                column=name,
                            )
                        )
                    if field in amount_fields and value:
                        amounts.append(value)
            if not amounts:
                raise UserError(self.env._("Line %(line)s has no amount.", line=line_number))

    @api.model
    def _is_amount(self, value, mapping):
        thousands, decimal = (re.escape(sep) for sep in mapping._get_float_separators())
        fraction = rf"(?:{decimal}\d+)?" if decimal else ""
        digits = rf"(?:\d{{1,3}}(?:{thousands}\d{{3}})+|\d+)" if thousands else r"\d+"
        return bool(re.fullmatch(rf"[+-]?{digits}{fraction}", CURRENCY_MARKS.sub("", value)))
