"""argparse's own words, as message ids of docgen's catalog.

argparse asks gettext for "usage: ", "options", "the following arguments are required: %s"…; ``i18n.setup``
points it at docgen's catalog, so that these ids must be in it. Listed here, they are extracted with docgen's
own and survive ``pybabel update``. They change between Python versions ("optional arguments" until 3.9,
"options" since 3.10; deprecation messages since 3.13): each version's wording docgen runs on is here.
Nothing imports this module; it is read by Babel only.
"""

from __future__ import annotations

from docgen.base.i18n import N_, ngettext

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("subcommands"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("option %(option)s is deprecated"),
    N_("argument %(argument_name)s is deprecated"),
    N_("command %(parser_name)r is deprecated"),
)


def _plurals() -> tuple[str, ...]:
    # never called: ngettext here only shows Babel argparse's plural message
    return (ngettext("expected %s argument", "expected %s arguments", 0),)
