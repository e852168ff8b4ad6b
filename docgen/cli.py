"""The command line: parse arguments, call the library, turn a ``UserError`` into a message and an exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import UserError

DEFAULT_AGREEMENTS = Path("agreements")
DEFAULT_OUTPUT = Path("output")
EXIT_USER_ERROR = 1

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
template_option = click.option(
    "--template", "-t", type=click.Path(path_type=Path), default=None,
    help="Word template (default: templates/renkei-kyoyaku.docx).",
)
mode_option = click.option(
    "--mode", type=click.Choice(["final", "draft", "copy"]), default="final", show_default=True,
    help="final: the signing copy; draft: marked （案）, date and heads may be blank; copy: marked 写.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def cli() -> None:
    """Write Japanese inter-municipal agreements (連携協約) as Word documents from YAML."""


@cli.command()
@paths_argument
@click.option("--output", "-o", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Folder to write into: <output>/<region>/<agreement>.docx.")
@template_option
@mode_option
@click.option("--seal", is_flag=True, help="Print 印 after each head's name, where the seal goes.")
def build(paths: tuple[Path, ...], output: Path, template: Path | None, mode: str, seal: bool) -> None:
    """Build the agreements in PATHS (files or folders; default: agreements/)."""
    from .batch import build as build_documents

    built = build_documents(paths or (DEFAULT_AGREEMENTS,), output, template=template, mode=mode, seal=seal,
                            progress=None)
    noun = "document" if len(built) == 1 else "documents"
    click.echo(f"wrote {len(built)} {noun} to {output}{'' if str(output).endswith('/') else '/'}")


@cli.command()
@paths_argument
@template_option
@mode_option
def check(paths: tuple[Path, ...], template: Path | None, mode: str) -> None:
    """Check agreements and the template without writing anything."""
    from .batch import load_template, resolve_all

    resolved = resolve_all(list(paths or (DEFAULT_AGREEMENTS,)), mode=mode)
    load_template(template)
    noun = "agreement" if len(resolved) == 1 else "agreements"
    click.echo(f"ok: {len(resolved)} {noun}, template {template or 'templates/renkei-kyoyaku.docx'}")


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
