"""The command line: parse arguments, call the library, turn a ``UserError`` into a message and an exit
code.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from .errors import UserError

DEFAULT_AGREEMENTS = Path("agreements")
DEFAULT_OUTPUT = Path("output")
EXIT_USER_ERROR = 1

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
template_option = click.option(
    "--template",
    "-t",
    type=click.Path(path_type=Path),
    default=None,
    help="Word template (default: templates/renkei-kyoyaku.docx).",
)
mode_option = click.option(
    "--mode",
    type=click.Choice(["final", "draft", "copy"]),
    default="final",
    show_default=True,
    help="final: the signing copy; draft: marked （案）, date and heads may be blank; copy: marked 写.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def cli() -> None:
    """Write Japanese inter-municipal agreements (連携協約) as Word documents from YAML."""


@cli.command()
@paths_argument
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Folder to write into: <output>/<region>/<agreement>.docx.",
)
@template_option
@mode_option
@click.option("--seal", is_flag=True, help="Print 印 after each head's name, where the seal goes.")
@click.option("--pdf", is_flag=True, help="Also write <agreement>.pdf beside each .docx (needs LibreOffice).")
def build(
    paths: tuple[Path, ...], output: Path, template: Path | None, mode: str, seal: bool, pdf: bool
) -> None:
    """Build the agreements in PATHS (files or folders; default: agreements/)."""
    from .batch import build as build_documents

    paths = paths or (DEFAULT_AGREEMENTS,)
    with _progress_bar(paths) as progress:
        built = build_documents(
            paths, output, template=template, mode=mode, seal=seal, progress=progress, pdf=pdf
        )
    noun = "document" if len(built) == 1 else "documents"
    kinds = " (.docx and .pdf)" if pdf else ""
    click.echo(f"wrote {len(built)} {noun}{kinds} to {output}{'' if str(output).endswith('/') else '/'}")


@cli.command()
@paths_argument
@template_option
@mode_option
def check(paths: tuple[Path, ...], template: Path | None, mode: str) -> None:
    """Check agreements and the template without writing anything.

    Lists every mistake and every value still to fill in (a value "TODO: …" left by `docgen new`) as
    file:line:column, and exits non-zero while there is any.
    """
    from .batch import load_template, resolve_all

    resolved = resolve_all(list(paths or (DEFAULT_AGREEMENTS,)), mode=mode)
    from .lint import check_template

    check_template(load_template(template), resolved)  # lint, then render each agreement in memory
    noun = "agreement" if len(resolved) == 1 else "agreements"
    click.echo(f"ok: {len(resolved)} {noun}, template {template or 'templates/renkei-kyoyaku.docx'}")


@cli.command()
@click.argument("region")
@click.argument("name")
@click.option(
    "--party",
    "-p",
    "parties",
    multiple=True,
    metavar="NAME",
    help="A party as named in municipalities.yaml, 甲 first; repeat for each party.",
)
@click.option(
    "--date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The signing date, e.g. 2017-03-30 (default: left to fill in).",
)
@click.option(
    "--agreements",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_AGREEMENTS,
    show_default=True,
    help="The folder that holds the regions.",
)
def new(region: str, name: str, parties: tuple[str, ...], date, folder: Path) -> None:
    """Write the skeleton of a new agreement, agreements/REGION/NAME.yaml.

    Values still to decide read "TODO: …"; `docgen check` lists them. A party not yet in municipalities.yaml
    is added there with its address, title and head to fill in. An existing file is never overwritten.
    """
    from .agreement import display
    from .scaffold import new_agreement

    created = new_agreement(folder, region, name, list(parties), date.date() if date else None)
    shown = display(created.agreement)
    click.echo(f"wrote {shown}")
    if created.added:
        click.echo(
            f"added {', '.join(created.added)} to {display(created.municipalities)}: "
            f"fill in the address, the head's title and name"
        )
    if created.added or date is None or len(parties) < 2:
        click.echo(f'next: replace every "TODO: …" value, then run: docgen check {shown}')
    else:
        click.echo(f"next: docgen build {shown}")


@contextlib.contextmanager
def _progress_bar(paths: tuple[Path, ...]) -> Iterator[Callable[[Path], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing at all in a pipe, a log or CI."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from .agreement import agreement_files

    total = len(agreement_files(paths))
    columns = (
        SpinnerColumn(),
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    # transient: the bar is erased when done, leaving the summary line (or the errors) alone on the screen
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)
        yield lambda target: bar.update(task, advance=1, description=str(target))


@cli.command()
@click.argument("kind", type=click.Choice(["agreement", "region", "municipalities"]), default="agreement")
def schema(kind: str) -> None:
    """Print the JSON Schema of an agreement file (or of region.yaml / municipalities.yaml).

    Editors with yaml-language-server use it for completion and checking: see the first line of each YAML
    file.
    """
    from .schema import schema_text

    click.echo(schema_text(kind), nl=False)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``docgen`` command; returns the exit status."""
    try:
        cli.main(args=argv, prog_name="docgen", standalone_mode=False)
    except UserError as error:
        click.echo(f"error: {error}".replace("\n", "\nerror: "), err=True)
        return EXIT_USER_ERROR
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as stop:
        return stop.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script wrapper: exit with ``main``'s status."""
    sys.exit(main())
