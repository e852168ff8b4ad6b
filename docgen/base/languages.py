"""The languages docgen speaks, and which one the locale asks for: read without gettext, so that a help
screen (``docgen.commands.screens``) can choose its language as cheaply as it prints it.

``docgen.base.i18n`` uses the same choice for the messages.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Mapping

LANGUAGES = ("ja", "en")  # en is the message ids themselves: it has no catalog


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """``"ja"`` or ``"en"`` from the locale, read as gettext reads it: the first of LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG that is set decides; LANGUAGE may list several (``ja:en``), the first one docgen
    speaks wins. The C and POSIX locales, and any language docgen has no catalog for, mean English."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            for name in value.split(":"):
                code = _language_code(name)
                if code in LANGUAGES:
                    return code
                if code in ("c", "posix"):
                    return "en"
            return "en"
    if sys.platform == "win32":
        return _windows_language()
    return "en"


def _language_code(name: str) -> str:
    """``ja_JP.UTF-8`` → ``ja``; ``C.UTF-8`` → ``c``."""
    return name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def _windows_language() -> str:
    # Windows keeps the display language out of the environment; its LCID maps to a POSIX name (1041 → ja_JP)
    try:
        import ctypes
        import locale

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        name = locale.windows_locale.get(lcid, "")
    except (AttributeError, OSError):
        return "en"
    code = _language_code(name)
    return code if code in LANGUAGES else "en"
