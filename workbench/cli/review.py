"""`workbench review`: how far reviewing has come, and the alignment's path picture."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_json, echo_table, output_name, pass_state, say


@click.group()
def review() -> None:
    """Review progress per reviewer and report; the path picture of an alignment."""


@review.command("progress")
@click.argument("reports", nargs=-1)
@click.option("--user", help="Only this reviewer's rows.")
@click.option(
    "--idle", default=5.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
    help="Minutes without an action after which the time is a pause, not work.",
)  # fmt: skip
@click.option("--csv", "csv_path", metavar="FILE", help="Write the table as CSV (- for stdout).")
@pass_state
def review_progress_command(
    state: State, reports: tuple[str, ...], user: str | None, idle: float, csv_path: str | None
) -> None:
    """Reviewed, accepted, edited, flagged beads, error spans and time spent, per reviewer of
    REPORTS (every report when none), then each report's total (reviewer "-").

    Time spent sums the gaps between a reviewer's consecutive actions shorter than --idle."""
    from workbench.mqm.progress import progress_csv, review_progress
    from workbench.outputs import is_stdout, write_output

    rows = review_progress(state.db, list(reports) or None, user=user, idle=idle * 60)
    if csv_path is not None:
        written = write_output(csv_path, progress_csv(rows))
        if not is_stdout(csv_path):
            say(f"Wrote {written} ({len(rows)} rows)")
        return
    if not rows:
        click.echo("No reports yet.")
        return
    echo_table(
        [
            (r.report, r.reviewer or "-", f"{r.reviewed}/{r.beads}", r.accepted, r.edited,
             r.flagged, r.rejected, r.spans, r.comments, f"{r.seconds / 60:.1f}", r.last[:19])
            for r in rows
        ],  # fmt: skip
        ("report", "reviewer", "reviewed", "accepted", "edited", "flagged", "rejected", "spans",
         "comments", "minutes", "last (UTC)"),
    )  # fmt: skip


@review.command("path")
@click.argument("alignment", type=int)
@click.option(
    "-o", "--output", "output", metavar="FILE", help="Write the picture (.svg; - for stdout)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the points (with bead ids) as JSON.")
@pass_state
def review_path(state: State, alignment: int, output: str | None, as_json: bool) -> None:
    """The alignment's path: pivot sentence against target sentence, one panel per language,
    coloured by confidence, gaps and many-to-many beads marked (`alignments` lists ids)."""
    from workbench.errors import InputError
    from workbench.outputs import is_stdout, write_output
    from workbench.score.path import alignment_path, path_svg

    path = alignment_path(state.db, alignment)
    if as_json:
        echo_json(path.to_dict())
        return
    if output is None:
        raise InputError("Say where to write the picture: -o path.svg (or --json for points).")
    if not is_stdout(output) and Path(output).suffix.lower() != ".svg":
        raise InputError(f"The picture is SVG: name the file .svg, not {output}.")
    write_output(output, path_svg(path))
    if not is_stdout(output):
        say(f"Wrote {output_name(output)}")
