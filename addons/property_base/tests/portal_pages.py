"""What an owner reads of a portal page and where its links lead: the helpers of the
portal sweeps (property_renovation's, of every page, and those of the addons above it,
of their own pages)."""

import re
from urllib.parse import urlsplit

from lxml import html

from .test_translations import english_words

# Links an owner's pages carry that the sweeps do not follow: leaving the session or
# the site, and the browser's own anchors.
NOT_FOLLOWED = re.compile(r"^(/web/session/logout|/web/login|/odoo|mailto:|tel:|javascript:|#)")


def page_text(response):
    """What the owner reads of a page: its visible text, but the options of its lists
    (countries and states are data, named as they are) and the languages offered in the
    footer (each named in itself: English, 繁體中文)."""
    page = html.fromstring(response.content)
    hidden = (
        "//script | //style | //title | //template | //option | //*[@hidden]"
        " | //*[contains(concat(' ', normalize-space(@class), ' '), ' d-none ')]"
        " | //*[contains(@class, 'js_language_selector')]//a"
    )
    for node in page.xpath(hidden):
        node.drop_tree()
    return page.text_content()


def page_english(response, data=()):
    """The English words of a page, but for `data` (values that are data, not the
    product's words) and files' names."""
    text = re.sub(r"[^\s/>]+\.(pdf|jpe?g|png)\b", " ", page_text(response))
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return english_words(text)


def page_links(env, response):
    """The pages of the site a page links to (paths with their query), but those of
    NOT_FOLLOWED and the language selector's (/en/my... would switch to English)."""
    languages = set(env["res.lang"].search([]).mapped("url_code"))
    page = html.fromstring(response.content)
    found = set()
    for href in page.xpath("//a/@href"):
        parts = urlsplit(href.strip())
        if (
            parts.netloc
            or not parts.path.startswith("/")
            or NOT_FOLLOWED.match(parts.path)
            or parts.path.split("/")[1] in languages
        ):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found
