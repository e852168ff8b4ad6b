"""Messages in the user's language: English message ids in the code, a Japanese catalog beside it.

``_("{file}:{line}:{col}: unknown municipality {name}").format(...)`` translates a whole sentence, then fills
its named fields, so that the Japanese can put them in its own order. ``N_`` marks a text for extraction
where it is defined (a module-level constant) and ``_`` translates it where it is shown: a module constant
translated at import time would stay in whatever language was set up then.

The language is chosen once, by the CLI, before it builds its argument parser (``setup``): ``--lang`` when
given, else the locale as gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; on Windows, where those are
usually unset, the user's display language). A missing or unreadable catalog means English, never a failure
(as Sphinx's ``sphinx.locale`` falls back on ``NullTranslations``). Until ``setup`` runs — the library used
from Python — messages are English.

A server answering browsers in several languages at once (``docgen serve``) does not call ``setup``: it runs
each request inside ``using(lang)``, which sets the language in a context variable, so each request (an
asyncio task, and the threads Starlette runs its blocking work in, which copy the context) reads its own;
the library builds its messages when raising, so its errors come out in the request's language too.

English is the message ids themselves (``English``): an English command reads no catalog. The Japanese
catalog is read on demand (``docgen.base.catalog``): its bytes are kept and each message is found, by a binary
search of the catalog's sorted ids, and decoded when it is asked for. A command looks up a handful of
messages, and the standard library's ``gettext.GNUTranslations``, which decodes all 700 into a dict when it
opens a catalog, made a Japanese ``docgen build`` ~14 M instructions dearer than an English one (importing
gettext, then parsing). A catalog that reader does not take (another plural formula or charset, an unsorted
table, a damaged file) goes to GNUTranslations as before, which reads it or refuses it: then English. Babel
extracts and compiles (``babel.cfg``; see ``docgen/locale/README.md``), by hand and in the tests.
"""

from __future__ import annotations

import contextlib
import functools
from contextvars import ContextVar
from pathlib import Path

from docgen.base.languages import LANGUAGES, locale_language

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import gettext
    from collections.abc import Iterator
    from typing import TypeAlias

    from docgen.base.catalog import Catalog

    Translations: TypeAlias = "gettext.NullTranslations | Catalog | English"

DOMAIN = "docgen"
LOCALE_DIR = Path(__file__).parent.parent / "locale"  # __file__ is absolute: no need to resolve it


class English:
    """English, the message ids themselves: what gettext's ``NullTranslations`` answers, without importing
    gettext (and its locale, re and struct) where no catalog is read."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural


_translations: Translations = English()
_language = "en"
# the language of the request being answered (``using``); None: the process's, from ``setup``
_current: ContextVar[tuple[str, Translations] | None] = ContextVar("docgen_language", default=None)


def _active() -> Translations:
    current = _current.get()
    return _translations if current is None else current[1]


def _(message: str) -> str:
    """``message`` in the language of this request (``using``), else the one set up (English until then)."""
    return _active().gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it yet (it is translated where it is shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural English message, or the one Japanese form, for ``count``."""
    return _active().ngettext(singular, plural, count)


def language() -> str:
    """The language messages are in: ``"ja"`` or ``"en"``."""
    current = _current.get()
    return _language if current is None else current[0]


@functools.cache
def translation(lang: str) -> Translations:
    """The catalog of ``lang`` (read once): English, the message ids, for ``"en"``, for a language docgen has
    no catalog for, and when the catalog is missing or unreadable."""
    if lang in LANGUAGES and lang != "en":
        catalog = _catalog(lang)
        if catalog is not None:
            return catalog
    return English()


def _catalog(lang: str) -> Catalog | gettext.NullTranslations | None:
    """The compiled catalog of ``lang``, read on demand (``docgen.base.catalog``), or by gettext when that
    reader does not take it (imported only then: English and docgen's own catalog need none); ``None`` when
    it is missing or damaged."""
    try:
        data = (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    except OSError:
        return None
    from docgen.base.catalog import read

    catalog = read(data)
    if catalog is not None:
        return catalog
    import gettext
    import io
    import struct

    try:
        return gettext.GNUTranslations(io.BytesIO(data))
    # what GNUTranslations raises on a damaged catalog: OSError (bad magic, version, offsets), struct.error
    # (cut short), UnicodeDecodeError (a ValueError), IndexError and LookupError (a bad header)
    except (OSError, ValueError, LookupError, struct.error):
        return None


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """Messages in ``lang`` within the block, for this context only (one request of a server): other
    threads and tasks, and the process's language from ``setup``, are untouched."""
    chosen = lang if lang in LANGUAGES else "en"
    token = _current.set((chosen, translation(chosen)))
    try:
        yield
    finally:
        _current.reset(token)


def setup(lang: str | None = None) -> str:
    """Translate docgen's messages into ``lang`` (``"ja"`` or ``"en"``; ``None``: from the locale). Returns
    the language chosen. An argparse parser built after it speaks that language too
    (``translate_argparse``)."""
    global _translations, _language
    chosen = lang if lang in LANGUAGES else locale_language()
    translations: Translations = English()
    if chosen != "en":
        catalog = _catalog(chosen)
        if catalog is None:  # no catalog, or a damaged one: English
            chosen = "en"
        else:
            translations = catalog
    _translations, _language = translations, chosen
    return chosen


def translate_argparse() -> None:
    """Point argparse's own words ("usage:", "options", its mistakes) at the language ``setup`` chose: called
    by whoever builds an argparse parser, before building it (argparse translates some of its words when a
    parser is made, the others when it prints them)."""
    # argparse looks its words up through its module's `_` and `ngettext` (gettext's global domain, bound at
    # its import); pointing them at docgen's catalog, which holds argparse's message ids too (argparse_words),
    # is what s-ball/i18nparse does, and it touches no other library's messages
    import argparse

    argparse._ = _translations.gettext  # type: ignore[attr-defined]
    argparse.ngettext = _translations.ngettext  # type: ignore[attr-defined]
