import functools
import ipaddress
import re
import subprocess
import unicodedata
from urllib.parse import urlsplit

import lxml.html

from odoo import api, models
from odoo.http import db_filter, request
from odoo.tools import config

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# the page of one record in a report's HTML
ARTICLE = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"

# CJK fonts such as Noto Sans CJK draw a Kangxi radical (U+2F00-U+2FD5) or a CJK radical
# supplement (U+2E80-U+2EF3) with the very glyph of the ideograph it stands for: 人 and
# ⼈ are one glyph. Qt's PDF writer (wkhtmltopdf) maps each glyph back to the lowest code
# point that uses it, so the PDF's text layer says ⼈ for 人, ⻆ for 角: the document cannot
# be searched or copied. The radicals never occur in our documents; each is mapped back to
# the ideograph it shares its glyph with (Unicode's EquivalentUnifiedIdeograph.txt, as
# the Noto CJK faces unify them; the Kangxi radicals are their NFKC forms).
_RADICAL_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭"
    "⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺾艹⺿艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻎辶"
    "⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄"
    "⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_RADICALS = {
    **{code: ord(unicodedata.normalize("NFKC", chr(code))) for code in range(0x2F00, 0x2FD6)},
    **{
        ord(radical): ord(ideograph)
        for radical, ideograph in zip(
            _RADICAL_SUPPLEMENT[::2], _RADICAL_SUPPLEMENT[1::2], strict=True
        )
    },
}
# The one radical the faces unify with different ideographs: KANGXI RADICAL DOOR.
_DOOR = {"sc": ord("户"), "jp": ord("戸")}

_TO_UNICODE = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)[^>]*?/ToUnicode\s+(\d+)\s+0\s+R")
_CMAP_BLOCK = re.compile(rb"begin(bfrange|bfchar)\b(.*?)end\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _fix_cmap(cmap, font_name):
    """The ToUnicode CMap `cmap` with radicals replaced by their ideographs, same length."""
    face = re.search(rb"CJK(sc|tc|hk|jp|kr)\b", font_name, re.I)
    door = _DOOR.get(face and face.group(1).decode().lower(), ord("戶"))

    def fix_line(line, sources):
        tokens = list(_HEX.finditer(line))
        if sources == 2 and b"[" not in line and (len(tokens) < 2 or tokens[0][1] != tokens[1][1]):
            return line  # <a> <b> <dest>: a range from dest on; Qt writes arrays instead
        for token in reversed(tokens[sources:]):
            code = int(token[1], 16)
            code = door if code == 0x2F3E else _RADICALS.get(code, code)
            line = line[: token.start(1)] + b"%04X" % code + line[token.end(1) :]
        return line

    def fix_block(match):
        sources = 2 if match[1] == b"bfrange" else 1
        lines = match[2].split(b"\n")
        body = b"\n".join(fix_line(line, sources) for line in lines)
        return b"begin" + match[1] + body + b"end" + match[1]

    return _CMAP_BLOCK.sub(fix_block, cmap)


def fix_cjk_text_layer(pdf):
    """`pdf` (wkhtmltopdf's output) with the radicals of its text layer replaced by the
    ideographs they stand for. Qt writes the ToUnicode CMaps uncompressed; each is
    rewritten in place with as many bytes, so offsets and lengths stay valid."""
    for font_name, number in _TO_UNICODE.findall(pdf):
        header = re.search(
            rb"(?<![0-9])%s 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number, pdf
        )
        if not header:
            continue  # a compressed stream: not written by Qt, left alone
        start, end = header.end(), header.end() + int(header[1])
        fixed = _fix_cmap(pdf[start:end], font_name)
        if len(fixed) == end - start:
            pdf = pdf[:start] + fixed + pdf[end:]
    return pdf


@functools.cache
def wkhtmltopdf_takes_several_files():
    """Whether wkhtmltopdf prints several HTML files into one PDF, as Odoo has it do for
    several records. Only its own builds can ("with patched qt"): Debian's and Ubuntu's
    exit with code 1 and no PDF, so that printing two invoices at once fails."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # no wkhtmltopdf: Odoo says so
    return "patched qt" in version.lower()


def one_body(bodies):
    """The pages of `bodies` (the HTML documents of a report, one per record) in one
    document, each record from a new page."""
    document = lxml.html.fromstring(bodies[0])
    last = document.xpath(ARTICLE)[-1]
    for body in bodies[1:]:
        for article in lxml.html.fromstring(body).xpath(ARTICLE):
            article.set("style", f"page-break-before: always; {article.get('style') or ''}")
            last.addnext(article)
            last = article
    return lxml.html.tostring(document, encoding="unicode")


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

    @api.model
    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        if len(bodies) > 1 and not wkhtmltopdf_takes_several_files():
            # One file then: the PDF of all the records, which Odoo hands out whole
            # (without the outline it would cut by record, which this build never
            # writes).
            bodies = [one_body(bodies)]
        return fix_cjk_text_layer(super()._run_wkhtmltopdf(bodies, *args, **kwargs))
