"""`workbench quickstart`: what `make run` runs.

Loads the sample corpus into the default store when it is empty, aligns every report that
has no alignment yet, checks what differs between its versions (version QA; findings a
reviewer dismissed stay dismissed), loads the corpus's glossary (`glossary.tbx`) into an
empty termbase, brings the translation memory up to date with the alignments,
machine-translates each English original into the languages whose models are here, scores
those translations against the human versions, then serves the review UI and prints its
URL. Aligning, checking, translating and scoring are small jobs over the stored reports
(`workbench.jobs.stored`), run through the job runner like any batch job, so each shows in
the Jobs tab and is done once. Each step is skipped when its work is already in the store
(QA is asked again: its job redoes only what a reviewer or the glossary changed, and
dismissals stay), so running it again only serves.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_table, pass_state, say


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
    """Set up the store, load the sample corpus when it is empty, align, translate and score
    it where models are here, and serve the review UI."""
    from workbench.private_files import private_folder
    from workbench.store.reports import report_overview

    private_folder(state.settings.home)
    if serve:  # refuse an address it may not serve on before minutes of work, not after
        from workbench.store.users import count_users
        from workbench.ui.server import check_bind

        check_bind(state.settings.host, count_users(state.db))
    rows = report_overview(state.db)
    if not rows:
        from workbench.text.corpus import default_corpus_dir, load_corpus

        folder = corpus or default_corpus_dir()
        loaded = load_corpus(state.db, folder)
        say(f"Loaded {len(loaded)} sample report(s) from {folder}:")
        rows = report_overview(state.db)
        echo_table(
            [(r["name"], r["languages"], r["documents"], r["title"]) for r in rows],
            ("report", "languages", "documents", "title"),
        )
    _align_unaligned(state, rows)
    _load_glossary(state, corpus)
    _check_versions(state)
    _fill_memory(state)
    _translate_where_models_are(state, rows)
    _score_machine_translations(state, rows)
    say(f"Store: {state.settings.database_path} ({len(rows)} report(s))")
    if not serve:
        click.echo("Not serving (--no-serve): `workbench serve` opens the review UI.")
        return
    from workbench.cli.serve import run_ui

    run_ui(state)


def _align_unaligned(state: State, rows: list[dict]) -> None:
    """Align every report that has two or more versions and no alignment yet (one job)."""
    from workbench.jobs.stored import align_stored

    todo = [r for r in rows if not r["alignments"] and len((r["languages"] or "").split(",")) > 1]
    if not todo:
        return
    made = align_stored(state.db, state.settings, [row["name"] for row in todo])
    for row in todo:
        beads = made[row["name"]].beads
        flagged = sum(b.status == "flagged" for b in beads)
        say(
            f"Aligned {row['name']} ({row['languages']}): {len(beads)} beads"
            + (f", {flagged} flagged for review" if flagged else "")
        )


def _load_glossary(state: State, corpus: Path | None) -> None:
    """The corpus's glossary into the termbase, when the termbase is empty."""
    from workbench.memory.termbase import import_terms
    from workbench.store.terms import count_concepts
    from workbench.text.corpus import default_corpus_dir

    glossary = (corpus or default_corpus_dir()) / "glossary.tbx"
    if count_concepts(state.db) or not glossary.is_file():
        return
    added = import_terms(state.db, glossary)
    say(f"Loaded the glossary {glossary}: {added.concepts} concepts, {added.terms} terms")


def _fill_memory(state: State) -> None:
    """Derive translation-memory entries from the alignments made or reviewed since last time."""
    from workbench.memory.sources import refresh_memory

    done = refresh_memory(state.db)
    if done.entries:
        click.echo(
            f"Translation memory: {done.entries} entries from {done.alignments} alignment(s)"
        )


def _check_versions(state: State) -> None:
    """Version QA on every aligned report (one job): what differs between its language
    versions, and where a version leaves out the glossary's terms or uses a forbidden one."""
    from collections import Counter

    from workbench.jobs.stored import check_stored
    from workbench.store.qa import findings_of
    from workbench.store.reports import report_overview

    aligned = [row["name"] for row in report_overview(state.db) if row["alignments"]]
    if not aligned:
        return
    run = check_stored(state.db, state.settings, aligned)
    for name in aligned:
        checked = [item.result["alignment"] for item in run.done("align", name)]
        counts = Counter(f.severity for f in findings_of(state.db, checked))
        shown = ", ".join(f"{counts[s]} {s}" for s in ("critical", "major", "minor") if counts[s])
        click.echo(
            f"Checked {name}: {shown or 'no findings'}"
            + (f" (`workbench qa --report {name}` lists them)" if shown else "")
        )


def _translate_where_models_are(state: State, rows: list[dict]) -> None:
    """Machine-translate each report's English original into the other languages whose
    models are on this machine, unless that machine version is stored already."""
    from workbench.jobs.stored import translate_stored
    from workbench.records import source_version
    from workbench.store.reports import documents
    from workbench.text.languages import LANGUAGES
    from workbench.translate.models import direction_status

    here = {s.direction for s in direction_status(state.settings) if s.available}
    if not here:
        click.echo(
            "No translation models on this machine, so no machine translations were made "
            "(`workbench models list` shows them; `workbench models pull --all` fetches them)."
        )
        return
    todo: dict[str, list[str]] = {}  # target language -> reports to translate into it
    for row in rows:
        docs = documents(state.db, row["id"])
        made = {d.lang for d in docs if d.origin == "machine" and d.pivot[:1] == ("en",)}
        if source_version(docs, "en") is None:
            continue
        for tgt in LANGUAGES:
            if f"en-{tgt}" in here and tgt not in made | {"en"}:
                todo.setdefault(tgt, []).append(row["name"])
    for tgt, names in todo.items():  # one job per language: its model loads once
        for name, made in translate_stored(state.db, state.settings, names, "en", tgt).items():
            route = "→".join(made.document.pivot)
            say(f"Translated {name} {route}: {len(made.document.segments)} sentences")


def _score_machine_translations(state: State, rows: list[dict]) -> None:
    """Score every report that has machine translations (one job); the scores are kept in
    the store."""
    from workbench.errors import StepFailed
    from workbench.jobs.stored import report_scores, score_stored
    from workbench.store.reports import documents

    names = [
        row["name"]
        for row in rows
        if any(d.origin == "machine" for d in documents(state.db, row["id"]))
    ]
    if not names:
        return
    run = score_stored(state.db, state.settings, names)
    for name in names:
        try:
            scores, _ = report_scores(run, name)
        except StepFailed as exc:  # e.g. no human version in the translations' language
            say(f"Not scored {name}: {exc}")
            continue
        for ref, values in scores.items():
            shown = ", ".join(f"{metric} {value:.1f}" for metric, value in values.items())
            say(f"Scored {ref}: {shown}")
