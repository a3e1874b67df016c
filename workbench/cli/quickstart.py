"""`workbench quickstart`: what `make run` runs.

Loads the sample corpus into the default store when it is empty, aligns every report that
has no alignment yet, then serves the review UI and prints its URL. Each step is skipped
when its work is already in the store, so running it again only serves.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_table, pass_state


@click.command()
@click.option(
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    help="Sample corpus folder to load into an empty store (default: the project's corpora/).",
)
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Serve the review UI at the end (Ctrl+C stops it).",
)
@pass_state
def quickstart(state: State, corpus: Path | None, serve: bool) -> None:
    """Set up the store, load the sample corpus when it is empty, and serve the review UI."""
    from workbench.store.reports import report_overview

    state.settings.home.mkdir(parents=True, exist_ok=True)
    rows = report_overview(state.db)
    if not rows:
        from workbench.text.corpus import default_corpus_dir, load_corpus

        folder = corpus or default_corpus_dir()
        loaded = load_corpus(state.db, folder)
        click.echo(f"Loaded {len(loaded)} sample report(s) from {folder}:")
        rows = report_overview(state.db)
        echo_table(
            [(r["name"], r["languages"], r["documents"], r["title"]) for r in rows],
            ("report", "languages", "documents", "title"),
        )
    _align_unaligned(state, rows)
    click.echo(f"Store: {state.settings.database_path} ({len(rows)} report(s))")
    if not serve:
        click.echo("Not serving (--no-serve): `workbench serve` opens the review UI.")
        return
    from workbench.cli.serve import run_ui

    run_ui(state)


def _align_unaligned(state: State, rows: list[dict]) -> None:
    """Align every report that has two or more versions and no alignment yet."""
    from workbench.align.report import align_report

    todo = [r for r in rows if not r["alignments"] and len((r["languages"] or "").split(",")) > 1]
    for row in todo:
        made = align_report(state.db, row["name"], settings=state.settings)
        flagged = sum(b.status == "flagged" for b in made.beads)
        click.echo(
            f"Aligned {row['name']} ({row['languages']}): {len(made.beads)} beads"
            + (f", {flagged} flagged for review" if flagged else "")
        )
