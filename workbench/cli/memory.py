"""`workbench tm`: the translation memory (import, export, search, stats, build)."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_json, echo_table, pass_state, say, visible
from workbench.formats.api import FORMATS
from workbench.memory.search import LIMIT, MIN_SCORE
from workbench.records import HUMAN_ORIGINS, MEMORY_ORIGINS

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Default: from the file's suffix (.tmx, .xlf/.xliff, .tsv, .jsonl).",
)


@click.group("tm")
def tm() -> None:
    """The translation memory: the organisation's own translations, reused before any model.

    It holds the beads of stored alignments (kept current as reviewers work), imported files
    and machine translations, in every language pair and both directions.
    """


@tm.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("target_file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "src", help="Source language (needed for a two-file bitext).")
@click.option("--to", "tgt", help="Target language (needed for a two-file bitext).")
@_FORMAT
@click.option("--user", help="Who the entries are attributed to (default: your login name).")
@pass_state
def import_command(
    state: State,
    file: Path,
    target_file: Path | None,
    src: str | None,
    tgt: str | None,
    fmt: str | None,
    user: str | None,
) -> None:
    """Import FILE (TMX, XLIFF, TSV or JSONL), or FILE and TARGET_FILE as a two-file bitext
    (line n translates line n; give --from and --to).

    Importing the same file again replaces its entries. --from/--to keep one language pair.
    """
    from workbench.memory.transfer import import_memory

    done = import_memory(
        state.db, file, target_file=target_file, src=src, tgt=tgt, format=fmt, user=user
    )
    click.echo(
        f"Imported {done.units} unit(s) ({', '.join(done.languages)}) from {visible(str(file))}: "
        f"{done.entries} entries in the memory."
    )


@tm.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "src", help="Only this source language (XLIFF needs --from and --to).")
@click.option("--to", "tgt", help="Only this target language.")
@click.option(
    "--origin",
    "origins",
    multiple=True,
    type=click.Choice(MEMORY_ORIGINS),
    help=f"Only entries of this origin (repeat for several). Default: {', '.join(HUMAN_ORIGINS)}.",
)
@_FORMAT
@pass_state
def export_command(
    state: State,
    file: Path,
    src: str | None,
    tgt: str | None,
    origins: tuple[str, ...],
    fmt: str | None,
) -> None:
    """Write the memory to FILE as TMX, XLIFF, TSV or JSONL (whole or not at all), each unit
    once, with where it came from in a note."""
    from workbench.memory.transfer import export_memory

    done = export_memory(
        state.db, file, format=fmt, src=src, tgt=tgt, origins=origins or HUMAN_ORIGINS
    )
    say(f"Wrote {done.units} unit(s) ({', '.join(done.languages)}) to {done.path}")


@tm.command("search")
@click.argument("text")
@click.option("--from", "src", required=True, help="Language of TEXT.")
@click.option("--to", "tgt", required=True, help="Language of the translations wanted.")
@click.option(
    "--limit",
    type=click.IntRange(1, 100),
    default=LIMIT,
    show_default=True,
    help="At most this many.",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 101),
    default=MIN_SCORE,
    show_default=True,
    help="Show matches scoring at least this (0-100; 101 is an exact match in context).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the matches as a JSON list.")
@pass_state
def search_command(
    state: State, text: str, src: str, tgt: str, limit: int, min_score: int, as_json: bool
) -> None:
    """Find the memory's best matches for TEXT: score, target, origin and provenance."""
    from workbench.memory.search import search

    matches = search(state.db, text, src, tgt, limit=limit, min_score=min_score)
    if as_json:
        echo_json([m.as_dict() for m in matches], indent=2)
        return
    if not matches:
        click.echo(f"No match scoring {min_score} or more.")
        return
    for match in matches:
        click.echo(f"{match.score:>3}  {match.origin:<8}  {visible(match.source)}")
        click.echo(f"{'':15}→ {visible(match.target)}")
        about = " · ".join(filter(None, [match.provenance, match.note]))
        if about:
            click.echo(f"{'':15}{visible(about)}")


@tm.command("stats")
@pass_state
def stats_command(state: State) -> None:
    """Entries per language pair and origin."""
    from workbench.memory.sources import refresh_memory
    from workbench.store.memory import count_texts, memory_counts

    refresh_memory(state.db)
    rows = memory_counts(state.db)
    echo_table(
        [(f"{r['src_lang']}-{r['tgt_lang']}", r["origin"], r["entries"]) for r in rows],
        ("pair", "origin", "entries"),
    )
    total = sum(r["entries"] for r in rows)
    click.echo(f"{total} entries over {count_texts(state.db)} distinct sentences.")


@tm.command("build")
@click.option("--report", "reports", multiple=True, help="A report (repeat for several).")
@click.option("--all", "every", is_flag=True, help="Every report in the store.")
@pass_state
def build_command(state: State, reports: tuple[str, ...], every: bool) -> None:
    """Derive the memory's entries from stored alignments again: accepted and edited beads
    as "reviewed", unreviewed ones as "aligned" (flagged and rejected beads are left out).

    Lookups keep the memory current by themselves; this rebuilds on demand.
    """
    from workbench.errors import InputError
    from workbench.memory.sources import build_memory

    if every == bool(reports):
        raise InputError("Say which reports: --report NAME (repeatable) or --all.")
    done = build_memory(state.db, None if every else list(reports))
    click.echo(f"Derived {done.entries} entries from {done.alignments} alignment(s).")
