"""The browser's language: which of docgen's catalogs (``docgen.base.i18n``) answers a request, and the
``_`` the page templates call.

The workspace's words are in docgen's one catalog with the CLI's (the templates' ``_("…")`` are extracted
by Babel's Jinja extractor, see babel.cfg); each is a whole phrase or sentence with named placeholders, so
that Japanese can order them its own way.
"""

from __future__ import annotations

from collections.abc import Callable

from docgen.base import i18n


def language(accept: str | None) -> str:
    """``ja`` when the browser's Accept-Language puts Japanese before English, else ``en``."""
    best, best_q = "en", -1.0
    for number, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        tag = tag.strip().lower()
        if tag.startswith(("ja", "en")) and q > best_q and q > 0:
            best, best_q = tag[:2], q - number * 1e-6  # earlier wins among equal weights
    return best


def translator(lang: str) -> Callable[..., str]:
    """The templates' ``_``: ``message`` in ``lang``, its ``{named}`` fields filled."""
    catalog = i18n.translation(lang)

    def gettext(message: str, **fields: object) -> str:
        text = catalog.gettext(message)
        return text.format(**fields) if fields else text

    return gettext
