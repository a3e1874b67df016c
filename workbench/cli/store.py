"""Commands for the store: init, reports, db."""

from __future__ import annotations

import click

from workbench.cli.common import State, echo_table, pass_state


@click.command()
@pass_state
def init(state: State) -> None:
    """Create the data folder and the database (safe to run again).

    Both are private to you (the folder 0700, the database 0600, whatever the umask); an
    existing store that others could read is made private."""
    from workbench.errors import StoreError
    from workbench.private_files import private_folder
    from workbench.store.migrations import applied_migrations

    try:
        private_folder(state.settings.home)
        private_folder(state.settings.models_path)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the folder {exc.filename} ({exc.strerror}): choose another place "
            "with --home, or fix the permissions of its parent."
        ) from None
    names = applied_migrations(state.db)
    click.echo(f"Data folder: {state.settings.home}")
    click.echo(f"Database:    {state.settings.database_path} (schema {names[-1]})")
    click.echo(f"Models:      {state.settings.models_path}")


@click.group()
def reports() -> None:
    """List the reports in the store."""


@reports.command("list")
@pass_state
def reports_list(state: State) -> None:
    """Show every report with its languages and alignments."""
    from workbench.store.reports import report_overview

    rows = report_overview(state.db)
    if not rows:
        click.echo("No reports yet. `workbench ingest FILE --report NAME` adds one.")
        return
    echo_table(
        [
            (r["id"], r["name"], r["languages"] or "-", r["documents"], r["alignments"])
            for r in rows
        ],
        ("id", "report", "languages", "documents", "alignments"),
    )


@click.group()
def db() -> None:
    """Check or back up the database (both work while the UI is running)."""


@db.command("check")
@pass_state
def db_check(state: State) -> None:
    """Run SQLite's integrity and foreign-key checks, and look for a sentence in two beads."""
    from workbench.errors import StoreError
    from workbench.store.db import check

    problems = check(state.db)
    if problems:
        raise StoreError(
            f"{state.settings.database_path} has {len(problems)} problem(s): "
            + "; ".join(problems[:10])
            + ". Restore the latest backup (workbench db backup makes them); a sentence in two"
            " beads is mended in the Review tab instead: merge the beads that share it."
        )
    path = state.settings.database_path
    click.echo(f"ok: {path} passed the integrity check; no sentence is in two beads")


@db.command("backup")
@click.argument("path", type=click.Path())
@pass_state
def db_backup(state: State, path: str) -> None:
    """Copy the database to PATH (a file, or a folder to hold a dated copy).

    The copy is private to you (0600). Partial copies a killed backup left there are removed
    first; one a running backup is writing is left alone. Works on a read-only store too."""
    from workbench.store.db import backup

    click.echo(f"Backed up to {backup(state.db, path)}")
