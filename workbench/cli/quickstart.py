"""`workbench quickstart`: what `make run` runs."""

from __future__ import annotations

import click

from workbench.cli.common import State, pass_state


@click.command()
@pass_state
def quickstart(state: State) -> None:
    """Set up the store, load the sample corpus when it is empty, and run the pipeline."""
    from workbench.store.reports import report_overview

    state.settings.home.mkdir(parents=True, exist_ok=True)
    rows = report_overview(state.db)
    click.echo(f"Store: {state.settings.database_path} ({len(rows)} report(s))")
    click.echo(
        "Ingest, alignment, translation, scoring and the review UI are not built yet;"
        " this run set up the data folder and the database."
    )
