"""`workbench qa`: what differs between two language versions, on files or a stored report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from workbench.cli.common import State, echo_table, json_visible, pass_state, say
from workbench.qa.checks import CHECKS


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--src-lang", help="Language of SRC (en, ar, ckb, kmr).")
@click.option("--tgt-lang", help="Language of TGT.")
@click.option(
    "--mt",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SRC machine-translated into TGT's language, line for line (for omissions).",
)
@click.option("--report", help="Check this stored report through its alignments (stored).")
@click.option("--langs", help="With --report: the source language, then targets (e.g. en,ar,ckb).")
@click.option(
    "--checks",
    help=f"Comma-separated checks (default: all): {', '.join(CHECKS)}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.option(
    "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
    help="With files: check them in this many processes (for long files).",
)  # fmt: skip
@click.option("--dismissed", is_flag=True, help="With --report: list dismissed findings too.")
@click.option("--dismiss", "dismiss_id", type=int, metavar="ID", help="Dismiss stored finding ID.")
@click.option("--why", help="With --dismiss: why the finding does not matter (kept).")
@click.option("--user", help="With --dismiss: who dismisses it (default: your login name).")
@pass_state
def qa(
    state: State,
    files: tuple[Path, ...],
    src_lang: str | None,
    tgt_lang: str | None,
    mt: Path | None,
    report: str | None,
    langs: str | None,
    checks: str | None,
    as_json: bool,
    jobs: int,
    dismissed: bool,
    dismiss_id: int | None,
    why: str | None,
    user: str | None,
) -> None:
    """Find what differs between two versions: numbers, dates, names, omissions, additions,
    untranslated text, punctuation.

    \b
    workbench qa SRC TGT --src-lang en --tgt-lang ar     two line-parallel files
    workbench qa --report NAME [--langs en,ar]           a stored, aligned report
    workbench qa --dismiss ID --why TEXT                 set a stored finding aside

    Findings on a report are stored; a dismissed one stays dismissed when QA runs again on
    unchanged text. --json prints a list of {"line" or "bead", "check", "severity",
    "message", "src_span", "tgt_span"} (spans: [start, end) characters of each side).
    """
    from workbench.errors import InputError

    if dismiss_id is not None:
        _dismiss(state, dismiss_id, why or "", user)
        return
    if report is not None:
        if files:
            raise InputError("Give either two files or --report NAME, not both.")
        _report(state, report, langs, checks, as_json, dismissed)
        return
    if len(files) != 2 or not src_lang or not tgt_lang:
        raise InputError(
            "Give two line-parallel files with --src-lang and --tgt-lang "
            "(workbench qa SRC TGT --src-lang en --tgt-lang ar), or --report NAME."
        )
    from workbench.qa.run import check_files

    found = check_files(files[0], files[1], src_lang, tgt_lang, mt=mt, checks=checks, jobs=jobs)
    _show(found, as_json, where="line")


def _report(
    state: State,
    report: str,
    langs: str | None,
    checks: str | None,
    as_json: bool,
    dismissed: bool,
) -> None:
    from workbench.memory.termbase import load_termbase
    from workbench.qa.report import run_report_qa

    chosen = [lang.strip() for lang in langs.split(",") if lang.strip()] if langs else None
    name = int(report) if report.isascii() and report.isdigit() and len(report) < 19 else report
    glossary = load_termbase(state.db)  # the store's termbase: the terms check keeps to it
    results = run_report_qa(state.db, name, langs=chosen, checks=checks, glossary=glossary)
    found = [f for r in results for f in (*r.findings, *(r.dismissed if dismissed else ()))]
    if as_json:
        _show(found, True, where="bead")
        return
    for r in results:
        say(
            f"{r.report} {r.src_lang}-{r.tgt_lang} (alignment {r.alignment_id}, {len(r.beads)} "
            f"beads): {_counts(r.findings)}"
            + (f"; {len(r.dismissed)} dismissed" if r.dismissed else "")
        )
    _show(found, False, where="bead")


def _show(found: list, as_json: bool, *, where: str) -> None:
    from workbench.qa.run import finding_json

    if as_json:
        rows = [json.dumps(finding_json(f), ensure_ascii=False) for f in found]
        click.echo(json_visible("[\n" + ",\n".join(rows) + "\n]" if rows else "[]"))  # a line each
        return
    if not found:
        click.echo("No findings.")
        return
    if where == "line":
        rows = [(f.line, f.check, f.severity, f.message) for f in found]
        echo_table(rows, ("line", "check", "severity", "message"))
    else:
        rows = [
            (
                f.id,
                f.bead,
                f"{f.src_lang}-{f.tgt_lang}",
                f.check,
                f.severity + (" (dismissed)" if f.dismissed else ""),
                f.message,
            )
            for f in found
        ]
        echo_table(rows, ("id", "bead", "pair", "check", "severity", "message"))
    click.echo(_counts(found))


def _counts(found: list) -> str:
    from collections import Counter

    from workbench.records import SEVERITIES

    counts = Counter(f.severity for f in found)
    parts = [f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s]]
    return f"{len(found)} finding(s)" + (f": {', '.join(parts)}" if parts else "")


def _dismiss(state: State, finding_id: int, why: str, user: str | None) -> None:
    import getpass

    from workbench.qa.report import dismiss_finding

    who = user or getpass.getuser()
    event = dismiss_finding(state.db, finding_id, who, why)
    say(f"Finding {finding_id} dismissed by {who} (review event {event.id}).")
