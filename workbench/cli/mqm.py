"""`workbench mqm`: mark, list and remove MQM error spans on beads; MQM scores."""

from __future__ import annotations

import click

from workbench.cli.common import State, echo_json, echo_table, pass_state, say
from workbench.mqm.typology import CATEGORIES, SEVERITIES

USER_HELP = "Who does it (default: your login name)."


@click.group()
def mqm() -> None:
    """MQM error spans on beads, and MQM scores per document, report and reviewer.

    \b
    workbench mqm add BEAD ar --words "..." -c accuracy/omission -s major
    workbench mqm list REPORT
    workbench mqm remove SPAN
    workbench mqm score REPORT
    """


@mqm.command("categories")
def mqm_categories() -> None:
    """List the MQM Core categories and severities the workbench uses."""
    for name in CATEGORIES:
        click.echo(name)
    click.echo(f"severities: {', '.join(SEVERITIES)}")


@mqm.command("add")
@click.argument("bead", type=int)
@click.argument("lang")
@click.option("--words", help="The words that are wrong, as they read in the bead's text.")
@click.option("--nth", default=1, show_default=True, help="With --words: which occurrence.")
@click.option("--start", type=int, help="Or: the first character (from 0) of the error.")
@click.option("--end", type=int, help="With --start: the character after the error.")
@click.option("-c", "--category", required=True, help="An MQM category (`mqm categories`).")
@click.option(
    "-s", "--severity", required=True, type=click.Choice(SEVERITIES), help="How much it matters."
)
@click.option("--note", default="", help="Why it is an error (kept with it).")
@click.option("--against", help="For an error marked on the source: the translation it is in.")
@click.option("--user", help=USER_HELP)
@pass_state
def mqm_add(
    state: State, bead: int, lang: str, words: str | None, nth: int, start: int | None,
    end: int | None, category: str, severity: str, note: str, against: str | None,
    user: str | None,
) -> None:  # fmt: skip
    """Mark words of BEAD's LANG text (a language, or a column number) as an MQM error."""
    from workbench.errors import InputError
    from workbench.mqm.spans import add_span, locate

    if (words is None) == (start is None or end is None):
        raise InputError("Say which words: --words TEXT, or --start N --end N (not both).")
    if words is not None:
        start = locate(state.db, bead, lang, words, nth)
        end = start + len(words)
    span = add_span(
        state.db, bead, lang, start or 0, end or 0, category, severity, _user(user), note,
        against=against,
    )  # fmt: skip
    say(
        f"Error span {span.id} on bead {span.bead_id} ({span.lang} {span.start}-{span.end}): "
        f"«{span.text}» {span.category}, {span.severity}, by {span.user}."
    )


@mqm.command("remove")
@click.argument("span", type=int)
@click.option("--note", default="", help="Why it is no error after all (kept).")
@click.option("--user", help=USER_HELP)
@pass_state
def mqm_remove(state: State, span: int, note: str, user: str | None) -> None:
    """Take error span SPAN off its bead (kept in the history; undo brings it back)."""
    from workbench.mqm.spans import remove_span

    event = remove_span(state.db, span, _user(user), note)
    click.echo(f"Error span {span} removed from bead {event.bead_id} (review event {event.id}).")


@mqm.command("list")
@click.argument("report", required=False)
@click.option("--alignment", type=int, help="Only this alignment's spans.")
@click.option("--json", "as_json", is_flag=True, help="Print the spans as JSON.")
@pass_state
def mqm_list(state: State, report: str | None, alignment: int | None, as_json: bool) -> None:
    """List the error spans in effect (of REPORT, of one --alignment, or all)."""
    from workbench.mqm.spans import spans_for_alignment
    from workbench.store.alignments import alignments_for_report
    from workbench.store.reports import get_report, list_reports

    if alignment is not None:
        ids = [alignment]
    else:
        chosen = [get_report(state.db, report)] if report else list_reports(state.db)
        ids = [a.id for r in chosen for a in alignments_for_report(state.db, r.id or 0)]
    found = [s for i in ids for spans in spans_for_alignment(state.db, i or 0).values()
             for s in spans]  # fmt: skip
    if as_json:
        echo_json([s.to_dict() for s in found])
        return
    if not found:
        click.echo("No error spans. `workbench mqm add BEAD LANG ...` marks one.")
        return
    echo_table(
        [
            (
                s.id,
                s.alignment_id,
                s.bead_id,
                s.lang + (f">{s.against}" if s.against else ""),
                s.category,
                s.severity,
                s.text,
                s.user,
                "stale" if s.is_stale else "",
            )
            for s in found
        ],  # fmt: skip
        ("span", "alignment", "bead", "lang", "category", "severity", "words", "user", "stale"),
    )


@mqm.command("score")
@click.argument("reports", nargs=-1)
@click.option("--user", help="Only this reviewer's row (and the documents and reports).")
@click.option(
    "--weight", "weights", multiple=True, metavar="NAME=N",
    help="A severity's, a category's weight or per_words (over the [mqm] table of "
    "workbench.toml); repeatable.",
)  # fmt: skip
@click.option("--all-words", is_flag=True, help="Count every source word, not the reviewed ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@pass_state
def mqm_score_command(
    state: State, reports: tuple[str, ...], user: str | None, weights: tuple[str, ...],
    all_words: bool, as_json: bool,
) -> None:  # fmt: skip
    """MQM scores of REPORTS (every report when none): per translated document, report and
    reviewer. Score = 100 - penalty / source words x per_words (1000 unless set): minor 1,
    major 5, critical 25, neutral 0 points unless set. See docs/mqm.md."""
    from workbench.mqm.scoring import mqm_score

    model = penalty_model(state, weights)
    scores = mqm_score(state.db, list(reports) or None, user=user, model=model,
                       evaluated_only=not all_words)  # fmt: skip
    if as_json:
        echo_json(scores.to_dict())
        return
    echo_table(
        [
            (r.scope, r.name, r.system or r.user, "-" if r.score is None else f"{r.score:.1f}",
             r.count, *(r.errors.get(s, 0) for s in SEVERITIES[1:]), f"{r.penalty:g}", r.words,
             r.stale)
            for r in scores.rows
        ],  # fmt: skip
        ("scope", "what", "system", "MQM", "errors", "minor", "major", "critical", "penalty",
         "words", "stale"),
    )  # fmt: skip
    say(scores.signature)
    if scores.unplaced:
        click.echo(f"note: {scores.unplaced} flag(s) in alignments of 3-4 languages name no "
                   "language and are not scored.")  # fmt: skip


def penalty_model(state: State, weights: tuple[str, ...]):
    """The MQM weights: workbench.toml's [mqm] table, then --weight NAME=N flags."""
    from workbench.errors import InputError
    from workbench.mqm.penalty import model_from

    table = dict(state.settings.mqm)
    for item in weights:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--weight {item!r}: write NAME=NUMBER, e.g. --weight major=10.")
        table[name.strip()] = value.strip()
    return model_from(table)


def _user(user: str | None) -> str:
    import getpass

    return user or getpass.getuser()
