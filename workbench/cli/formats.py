"""`workbench export` and `workbench import`: alignments to and from TMX, XLIFF, TSV, JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, output_name, pass_state
from workbench.outputs import is_stdout
from workbench.records import BEAD_STATUSES

FORMATS = ("tmx", "xliff", "tsv", "jsonl")


@click.command("export")
@click.argument("alignment_id", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    required=True,
    help="File to write, whole or not at all; - for standard output (with --format).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Default: from the output's suffix (.tmx, .xlf, .tsv, .jsonl).",
)
@click.option(
    "--languages",
    help="Comma-separated languages, in column order (XLIFF: SRC,TGT). Default: all.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(BEAD_STATUSES),
    help="Only beads with this review status (repeat for several), e.g. accepted.",
)
@pass_state
def export_command(
    state: State,
    alignment_id: int,
    output: Path,
    fmt: str | None,
    languages: str | None,
    statuses: tuple[str, ...],
) -> None:
    """Export ALIGNMENT_ID's beads, reviewers' edits applied, as TMX 1.4b, XLIFF 2.0, TSV or
    JSONL.

    Review status, scores, flags and comments travel with each bead (TMX props and notes,
    XLIFF segment state and metadata, TSV/JSONL columns).
    """
    from workbench.formats.api import export_alignment

    chosen = [x.strip() for x in languages.split(",") if x.strip()] if languages else None
    result = export_alignment(
        alignment_id, output, fmt, languages=chosen, statuses=statuses or None, db=state.db
    )
    click.echo(
        f"Wrote {result.beads} beads ({', '.join(result.languages)}) as "
        f"{result.format.upper()} to {output_name(output)}",
        err=is_stdout(output),
    )


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--report", required=True, help="Report to import into (made if it is new).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Default: from the file's suffix (.tmx, .xlf/.xliff, .tsv, .jsonl).",
)
@click.option("--user", help="Reviewer the imported review events are attributed to.")
@pass_state
def import_command(
    state: State, file: Path, report: str, fmt: str | None, user: str | None
) -> None:
    """Import a TMX, XLIFF (1.2 or 2.0), TSV or JSONL FILE as a report: one document per
    language and an alignment with one bead per unit, review states kept."""
    from workbench.formats.api import import_file

    result = import_file(file, report, fmt, user=user, db=state.db)
    alignment = result.alignment
    if not result.created:
        click.echo(
            f"{file} was already imported into {result.report.name!r} "
            f"(alignment {alignment.id}); nothing changed."
        )
        return
    languages = ", ".join(d.lang for d in result.documents)
    click.echo(
        f"Imported {len(alignment.beads)} beads ({languages}) into report "
        f"{result.report.name!r} as alignment {alignment.id}."
    )
