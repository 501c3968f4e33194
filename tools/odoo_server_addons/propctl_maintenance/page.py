"""The answer to a request for a tenant under maintenance: 503, Retry-After and a page
that needs nothing from Odoo (no assets: the tenant's registry is being rebuilt), in
the visitor's language. Odoo's translations live in the tenant's database, which is the
one being upgraded, so the three languages of the page are here."""

import json

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Response

RETRY_AFTER = 120  # seconds; an upgrade of a tenant takes a minute or two

TEXTS = {
    "zh_CN": {
        "lang": "zh-CN",
        "title": "系统升级中",
        "message": "服务正在升级，几分钟后即可恢复。",
        "hint": "请稍后刷新本页面，无需重新登录。",
    },
    "zh_TW": {
        "lang": "zh-TW",
        "title": "系統升級中",
        "message": "服務正在升級，幾分鐘後即可恢復。",
        "hint": "請稍後重新整理本頁面，無需重新登入。",
    },
    "en": {
        "lang": "en",
        "title": "Upgrade in progress",
        "message": "The service is being upgraded and will be back in a few minutes.",
        "hint": "Please reload this page shortly; you will not need to log in again.",
    },
}
DEFAULT_LANG = "zh_CN"
TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{retry}">
<title>{title}</title>
<style>
body {{ margin: 0; min-height: 100vh; display: flex; align-items: center;
  justify-content: center; background: #f4f5f7; color: #333;
  font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  sans-serif; }}
main {{ max-width: 28rem; margin: 1rem; padding: 2rem; background: #fff;
  border-radius: 8px; box-shadow: 0 1px 4px rgba(0, 0, 0, .1); text-align: center; }}
h1 {{ font-size: 1.4rem; margin: 0 0 1rem; }}
p {{ line-height: 1.6; margin: .5rem 0; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{message}</p>
<p>{hint}</p>
</main>
</body>
</html>
"""


def language(accept_language):
    """zh_CN, zh_TW or en: the first of the visitor's languages the page has."""
    for tag, _quality in parse_accept_header(accept_language, LanguageAccept):
        tag = tag.lower().replace("_", "-")
        if tag == "zh" or tag.startswith("zh-"):
            return "zh_TW" if tag.startswith(TRADITIONAL) else "zh_CN"
        if tag == "en" or tag.startswith("en-"):
            return "en"
    return DEFAULT_LANG


def response(environ):
    """The 503 for this request: JSON for JSON-RPC callers, the page for the others."""
    texts = TEXTS[language(environ.get("HTTP_ACCEPT_LANGUAGE", ""))]
    headers = {"Retry-After": str(RETRY_AFTER), "Cache-Control": "no-store"}
    if environ.get("CONTENT_TYPE", "").startswith("application/json"):
        body = {
            "jsonrpc": "2.0",
            "id": None,
            "error": {
                "code": 503,
                "message": texts["message"],
                "data": {"name": "propctl.maintenance", "message": texts["message"]},
            },
        }
        return Response(
            json.dumps(body, ensure_ascii=False),
            status=503,
            headers=headers,
            content_type="application/json; charset=utf-8",
        )
    page = PAGE.format(retry=RETRY_AFTER, **texts)
    return Response(page, status=503, headers=headers, content_type="text/html; charset=utf-8")
