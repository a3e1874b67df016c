"""`workbench quickstart`: what `make run` runs.

Loads the sample corpus into the default store when it is empty, then serves the review UI
and prints its URL. Each step is skipped when its work is already in the store, so running
it again only serves.
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
    click.echo(f"Store: {state.settings.database_path} ({len(rows)} report(s))")
    if not serve:
        click.echo("Not serving (--no-serve): `workbench serve` opens the review UI.")
        return
    from workbench.cli.serve import run_ui

    run_ui(state)
