import logging

import odoo
from odoo.http import Application, db_filter

from . import mark, page

_logger = logging.getLogger(__name__)


def request_host(environ):
    """The host Odoo routes the request by (behind a proxy, the forwarded one, as
    Odoo's ProxyFix takes it)."""
    forwarded = environ.get("HTTP_X_FORWARDED_HOST")
    if odoo.tools.config["proxy_mode"] and forwarded:
        return forwarded.split(",")[-1].strip()
    return environ.get("HTTP_HOST", "")


def tenant_under_maintenance(data_dir, environ):
    """The tenant under maintenance that this request is for, if any. Odoo's own
    db_filter decides, applied to the tenants with a mark only: nothing to compare
    when none has one (the usual case), one flock test when the request's tenant has."""
    names = mark.candidates(data_dir)
    if not names:
        return None
    for name in db_filter(names, host=request_host(environ)):
        if mark.is_held(data_dir, name):
            return name
    return None


def post_load():
    """Wrap Odoo's WSGI application, whatever server runs it (threaded, prefork workers,
    gevent): every server is given ``odoo.http.root``, an ``Application``."""
    if getattr(Application.__call__, "_propctl_maintenance", False):
        return
    serve = Application.__call__
    data_dir = odoo.tools.config["data_dir"]

    def __call__(self, environ, start_response):
        name = tenant_under_maintenance(data_dir, environ)
        if name:
            _logger.debug("%s is under maintenance: 503 for %s", name, environ.get("PATH_INFO"))
            return page.response(environ)(environ, start_response)
        return serve(self, environ, start_response)

    __call__._propctl_maintenance = True
    Application.__call__ = __call__
    _logger.info("Tenants under maintenance answer 503 (marks in %s)", mark.directory(data_dir))
