"""`workbench export` and `workbench import`: alignments to and from TMX, XLIFF, TSV, JSONL
and bitext."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import RECORD_ID, State, output_name, pass_state, say
from workbench.formats import FORMATS
from workbench.outputs import is_stdout
from workbench.records import BEAD_STATUSES


@click.command("export")
@click.argument("alignment_id", type=RECORD_ID)
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
    help="Default: from the output's suffix (.tmx, .xlf, .tsv, .jsonl). xliff is 2.0, "
    "xliff12 is 1.2 (OmegaT, older Trados); bitext: -o PREFIX writes PREFIX.en, PREFIX.ar.",
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
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Only beads the aligner was at least this sure of (0-1).",
)
@click.option(
    "--skip-unaligned",
    is_flag=True,
    help="Leave out beads without text in every language (omissions, additions).",
)
@pass_state
def export_command(
    state: State,
    alignment_id: int,
    output: Path,
    fmt: str | None,
    languages: str | None,
    statuses: tuple[str, ...],
    min_confidence: float | None,
    skip_unaligned: bool,
) -> None:
    """Export ALIGNMENT_ID's beads, reviewers' edits applied, as TMX 1.4b, XLIFF 2.0 or 1.2,
    TSV, JSONL or bitext (`workbench alignments list` shows the ids).

    Review status, the bead's numbers (confidence 0-1, the aligner's evidence, sentence chrF),
    flags and comments travel with each bead (TMX props and notes, XLIFF state and metadata,
    TSV/JSONL columns); see docs/formats.md. TMX and XLIFF leave out beads without source
    text. Bead ids are the store's; bitext line N is the Nth bead written.
    """
    from workbench.formats.api import export_alignment

    chosen = [x.strip() for x in languages.split(",") if x.strip()] if languages else None
    result = export_alignment(
        alignment_id,
        output,
        fmt,
        languages=chosen,
        statuses=statuses or None,
        min_confidence=min_confidence,
        skip_unaligned=skip_unaligned,
        db=state.db,
    )
    left_out = (
        f"; left out {result.left_out} (filtered, or without {result.languages[0]} text)"
        if result.left_out
        else ""
    )
    say(
        f"Wrote {result.beads} beads ({', '.join(result.languages)}) as "
        f"{result.format.upper()} to {output_name(output)}{left_out}",
        err=is_stdout(output),
    )


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--report", required=True, help="Report to import into (made if it is new).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Default: from the file's suffix (.tmx, .xlf/.xliff, .tsv, .jsonl); two or more "
    "files are bitext.",
)
@click.option(
    "--languages",
    help="Comma-separated languages of a headerless TSV's columns or of the bitext files "
    "(default: detected, or the files' suffixes: corpus.en corpus.ar).",
)
@click.option("--user", help="Reviewer the imported review events are attributed to.")
@pass_state
def import_command(
    state: State,
    files: tuple[Path, ...],
    report: str,
    fmt: str | None,
    languages: str | None,
    user: str | None,
) -> None:
    """Import a TMX, XLIFF (1.2 or 2.0), TSV (with or without a header) or JSONL FILE, or
    line-aligned bitext FILES (corpus.en corpus.ar), as a report: one document per language
    and an alignment with one bead per unit (or line), review states kept."""
    from workbench.formats.api import import_file
    from workbench.userfiles import Limits

    chosen = [x.strip() for x in languages.split(",") if x.strip()] if languages else None
    limits = Limits.of(state.settings)
    result = import_file(
        list(files), report, fmt, languages=chosen, user=user, db=state.db, limits=limits
    )
    alignment = result.alignment
    shown = " + ".join(str(f) for f in files)
    if not result.created:
        say(
            f"{shown} was already imported into {result.report.name!r} "
            f"(alignment {alignment.id}); nothing changed."
        )
        return
    languages = ", ".join(d.lang for d in result.documents)
    say(
        f"Imported {len(alignment.beads)} beads ({languages}) into report "
        f"{result.report.name!r} as alignment {alignment.id}."
    )
