"""Commands for the store: init, reports, db."""

from __future__ import annotations

import click

from workbench.cli.common import State, echo_json, echo_table, pass_state


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


def listing_group(name: str) -> click.Group:
    """A group whose name alone runs its `list` command (`workbench reports`)."""

    @click.group(
        name,
        invoke_without_command=True,
        help=f"List the {name} in the store (`workbench {name}` alone does `{name} list`).",
    )
    @click.option("--json", "as_json", is_flag=True, help=f"Print the {name} as JSON.")
    @click.pass_context
    def group(ctx: click.Context, as_json: bool) -> None:
        if ctx.invoked_subcommand is None:
            ctx.invoke(group.commands["list"], as_json=as_json)

    return group


reports = listing_group("reports")
alignments = listing_group("alignments")


@reports.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@pass_state
def reports_list(state: State, as_json: bool = False) -> None:
    """Show every report with its languages and alignments."""
    from workbench.store.reports import report_overview

    rows = report_overview(state.db)
    if as_json:
        echo_json(
            [{**r, "languages": (r["languages"] or "").split(",") if r["languages"] else []}
             for r in rows]
        )  # fmt: skip
        return
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
    click.echo("`workbench alignments list` shows the alignments' ids (for export).")


@alignments.command("list")
@click.option("--report", help="Only the alignments of this report.")
@click.option("--json", "as_json", is_flag=True, help="Print the alignments as JSON.")
@pass_state
def alignments_list(state: State, report: str | None = None, as_json: bool = False) -> None:
    """Show every alignment: its id (what `export` takes), report, languages and beads."""
    from workbench.store.alignments import alignment_overview

    rows = alignment_overview(state.db, report)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No alignments yet. `workbench align-report NAME` makes one.")
        return
    echo_table(
        [
            (
                r["id"],
                r["report"] or "-",
                ",".join(r["languages"]),
                r["method"],
                r["beads"],
                r["created_at"][:19],
            )
            for r in rows
        ],  # fmt: skip
        ("id", "report", "languages", "method", "beads", "created (UTC)"),
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
