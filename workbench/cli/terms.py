"""`workbench terms`: the termbase (import, export, list, find, extract, accept, reject)."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_table, pass_state, say, visible
from workbench.memory.extract import MIN_COUNT, MIN_DICE
from workbench.memory.termbase import TERM_FORMATS
from workbench.records import CANDIDATE_STATUSES

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(TERM_FORMATS, case_sensitive=False),
    help="Default: from the file's suffix (.tbx, .csv).",
)
_USER = click.option("--user", help="Who decides (default: your login name).")


@click.group("terms")
def terms() -> None:
    """The termbase: concepts (places, organisations, ranks ...) with their terms in en, ar,
    ckb and kmr, variants and forbidden terms; found in texts through each language's
    morphology (Arabic clitics, Sorani and Kurmanji endings)."""


@terms.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_FORMAT
@pass_state
def import_command(state: State, file: Path, fmt: str | None) -> None:
    """Import a TBX or CSV glossary (a concept sharing a term with a stored one is merged
    into it, so importing a file again adds nothing)."""
    from workbench.memory.termbase import import_terms

    done = import_terms(state.db, file, fmt)
    click.echo(
        f"Imported {visible(str(file))}: {done.concepts} new concept(s), {done.merged} merged "
        f"into stored ones, {done.terms} term(s) added."
    )
    if done.skipped:
        say(f"Left out languages the workbench does not serve: {', '.join(done.skipped)}")


@terms.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_FORMAT
@pass_state
def export_command(state: State, file: Path, fmt: str | None) -> None:
    """Write the termbase as TBX (TBX-Basic) or CSV, whole or not at all."""
    from workbench.memory.termbase import export_terms

    count = export_terms(state.db, file, fmt)
    say(f"Wrote {count} concept(s) to {file}")


@terms.command("list")
@click.option("--lang", "langs", multiple=True, help="Only these languages (repeatable).")
@click.option("--candidates", is_flag=True, help="List term candidates instead of concepts.")
@click.option(
    "--status",
    type=click.Choice(CANDIDATE_STATUSES),
    default=None,
    help="With --candidates: only those pending, accepted or rejected.",
)
@pass_state
def list_command(
    state: State, langs: tuple[str, ...], candidates: bool, status: str | None
) -> None:
    """List the concepts (forbidden terms marked !), or the extracted term candidates."""
    from workbench.store.terms import all_concepts, list_candidates
    from workbench.text.languages import LANGUAGES, canonical

    if candidates:
        _echo_candidates(list_candidates(state.db, status))
        return
    shown = [canonical(lang) for lang in langs] or list(LANGUAGES)
    echo_table(
        [
            (c.id, c.subject, *("; ".join(_shown(t) for t in c.terms_in(lang)) for lang in shown))
            for c in all_concepts(state.db)
        ],
        ("id", "subject", *shown),
    )


def _echo_candidates(candidates) -> None:
    echo_table(
        [
            (
                c.id,
                f"{c.src_lang}-{c.tgt_lang}",
                c.source,
                c.target,
                c.kind,
                f"{c.score:.2f}",
                c.count,
                c.status,
            )
            for c in candidates
        ],
        ("id", "pair", "source", "target", "kind", "dice", "beads", "status"),
    )


def _shown(term) -> str:
    return ("!" if term.forbidden else "") + term.text


@terms.command("find")
@click.argument("text")
@click.option("--lang", required=True, help="Language of TEXT.")
@pass_state
def find_command(state: State, text: str, lang: str) -> None:
    """Show the termbase's terms found in TEXT (inflected forms included)."""
    from workbench.memory.termbase import load_termbase
    from workbench.text.languages import canonical

    hits = load_termbase(state.db).find(text, canonical(lang))
    if not hits:
        click.echo("No term of the termbase in this text.")
        return
    echo_table(
        [
            (h.start, h.end, text[h.start : h.end], h.term, h.concept, "yes" if h.forbidden else "")
            for h in hits
        ],
        ("start", "end", "found", "term", "concept", "forbidden"),
    )


@terms.command("extract")
@click.option("--report", "reports", multiple=True, help="A report (repeat for several).")
@click.option("--all", "every", is_flag=True, help="Every report in the store.")
@click.option("--from", "src", help="Only this source language (with --to).")
@click.option("--to", "tgt", help="Only this target language (with --from).")
@click.option(
    "--min-count",
    type=click.IntRange(1),
    default=MIN_COUNT,
    show_default=True,
    help="Beads a pair must share.",
)
@click.option(
    "--min-dice",
    type=click.FloatRange(0, 1),
    default=MIN_DICE,
    show_default=True,
    help="Least Dice coefficient of a pair over beads.",
)
@pass_state
def extract_command(
    state: State,
    reports: tuple[str, ...],
    every: bool,
    src: str | None,
    tgt: str | None,
    min_count: int,
    min_dice: float,
) -> None:
    """Find term candidates in aligned beads: names, acronyms and phrases whose translation
    is the same across beads. A reviewer accepts or rejects each (`terms accept ID`)."""
    from workbench.errors import InputError
    from workbench.memory.extract import extract_terms
    from workbench.text.languages import canonical

    if every == bool(reports):
        raise InputError("Say which reports: --report NAME (repeatable) or --all.")
    if bool(src) != bool(tgt):
        raise InputError("Give both languages of the pair: --from L and --to L.")
    pairs = [(canonical(src), canonical(tgt))] if src and tgt else None
    found = extract_terms(
        state.db,
        None if every else list(reports),
        pairs,
        min_count=min_count,
        min_dice=min_dice,
    )
    _echo_candidates(found)
    click.echo(f"{len(found)} candidate(s); `workbench terms accept ID ...` adds them.")


@terms.command("accept")
@click.argument("ids", nargs=-1, type=int, required=True)
@_USER
@pass_state
def accept_command(state: State, ids: tuple[int, ...], user: str | None) -> None:
    """Accept term candidates IDS: each becomes a concept, or joins the concept that already
    holds its source term."""
    from workbench.formats.api import login_name
    from workbench.memory.termbase import accept_candidate

    for candidate_id in ids:
        concept = accept_candidate(state.db, candidate_id, user or login_name())
        terms = "; ".join(f"{t.lang}: {t.text}" for t in concept.terms)
        click.echo(f"Candidate {candidate_id} accepted: concept {concept.id} ({visible(terms)})")


@terms.command("reject")
@click.argument("ids", nargs=-1, type=int, required=True)
@_USER
@pass_state
def reject_command(state: State, ids: tuple[int, ...], user: str | None) -> None:
    """Reject term candidates IDS (they stay rejected when extraction finds them again)."""
    from workbench.formats.api import login_name
    from workbench.memory.termbase import reject_candidate

    for candidate_id in ids:
        reject_candidate(state.db, candidate_id, user or login_name())
        click.echo(f"Candidate {candidate_id} rejected.")
