import ipaddress
from urllib.parse import urlsplit

from odoo import api, models
from odoo.http import db_filter, request
from odoo.tools import config


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_report_url(self, layout=None):
        """The URL wkhtmltopdf loads the report's stylesheets and images from: this
        server's own loopback address, unless the `report.url` parameter says otherwise.
        The tenant's public name (web.base.url, e.g. acme.localhost or acme.example.com)
        need not resolve on the server: *.localhost only resolves in browsers."""
        report_url = self.env["ir.config_parameter"].sudo().get_param("report.url")
        if report_url:
            return report_url
        host = config["http_interface"] or "127.0.0.1"
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None  # a host name: served there
        if address is not None and address.is_unspecified:
            host = "::1" if address.version == 6 else "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{config['http_port']}"

    def _report_host(self):
        """The Host header that selects this database on this server (`dbfilter` may
        choose the database by host name, `^%d$`: acme.localhost -> acme): the request's,
        else web.base.url's, else NAME.localhost; None if none of them does."""
        dbname = self.env.cr.dbname
        candidates = []
        if request and request.db == dbname:
            candidates.append(request.httprequest.host)
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        candidates += [urlsplit(base_url).netloc, f"{dbname}.localhost:{config['http_port']}"]
        return next((host for host in candidates if host and db_filter([dbname], host=host)), None)

    @api.model
    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env["ir.config_parameter"].sudo().get_param("report.url"):
            return command_args
        # Loaded from the loopback address, the stylesheets must still reach this
        # database: send the tenant's host name along.
        host = self._report_host()
        if host:
            command_args += ["--custom-header", "Host", host, "--custom-header-propagation"]
        return command_args
