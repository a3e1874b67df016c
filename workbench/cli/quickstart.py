"""`workbench quickstart`: what `make run` runs."""

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
@pass_state
def quickstart(state: State, corpus: Path | None) -> None:
    """Set up the store, load the sample corpus when it is empty, and run the pipeline."""
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
    click.echo(
        "Ingest, language detection, normalization and segmentation are built"
        " (`workbench ingest|detect|normalize|segment`). Alignment, translation, scoring"
        " and the review UI are not built yet."
    )
