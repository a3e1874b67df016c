"""Commands for scoring: score, compare, report."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import State, echo_json, echo_table, pass_state, read_stdin, say
from workbench.errors import InputError
from workbench.outputs import is_stdout
from workbench.records import FIRST_LINE
from workbench.score.metrics import (
    DEFAULT_METRICS,
    METRICS,
    OFFLINE_TOKENIZERS,
    OUTPUT_FORMATS,
    ScoreOptions,
)
from workbench.score.significance import NO_TEST, TEST_CHOICES, TESTS

FILE = click.Path(path_type=Path, dir_okay=False)
OUTPUT = click.Path(path_type=Path, dir_okay=False, allow_dash=True)


def scoring_options(f: Callable) -> Callable:
    """--metrics, --normalize, --tokenize, --lowercase: turned into one ScoreOptions."""

    @click.option(
        "-m",
        "--metrics",
        multiple=True,
        help=f"Comma-separated or repeated: {', '.join(METRICS)}. "
        f"[default: {','.join(DEFAULT_METRICS)}]",
    )
    @click.option(
        "--normalize",
        default=ScoreOptions.normalize,
        show_default=True,
        help="Normalize hypotheses and references first, recorded in the signature: ar-basic, "
        "ckb-basic, kmr-basic, en-basic, optionally +nodiacritics, +fold (alef/hamza), "
        "+digits, +lower; or a preset: ar-match, ckb-match, kmr-match.",
    )
    @click.option(
        "-tok",
        "--tokenize",
        default=ScoreOptions.tokenize,
        show_default=True,
        help=f"BLEU's tokenizer: {', '.join(OFFLINE_TOKENIZERS)} (intl splits Arabic "
        "punctuation). spm/flores200 need a download: they are refused with what to do.",
    )
    @click.option("-lc", "--lowercase", is_flag=True, help="Case-insensitive BLEU and chrF.")
    @wraps(f)
    def wrapper(
        *args: Any, metrics: tuple[str, ...], normalize: str, tokenize: str, lowercase: bool, **kw
    ):
        given = ",".join(metrics) or ",".join(DEFAULT_METRICS)
        names = tuple(m for m in re.split(r"[,\s]+", given) if m)
        kw["options"] = ScoreOptions(names, normalize, tokenize, lowercase)
        return f(*args, **kw)

    return wrapper


@click.command()
@click.argument("references", nargs=-1, type=FILE)
@click.option(
    "-i",
    "--input",
    "--hyp",
    "hyp",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Hypotheses: a UTF-8 text file, one segment per line (default, or -: standard input).",
)
@click.option("--ref", "refs", type=FILE, multiple=True, help="Reference file (repeat for more).")
@click.option("--report", "reports", multiple=True, help="A report in the store (repeatable).")
@click.option("--all", "every", is_flag=True, help="Every report in the store (system scope).")
@click.option("--collection", default="", help="Name for the collection of several --report.")
@click.option("--lang", help="Only translations into this language (store).")
@click.option("--system", help="Only this system, by its model name (store).")
@click.option(
    "--sentence",
    is_flag=True,
    help="A score per segment: files' lines numbered from 1, beads by their store id.",
)
@scoring_options
@click.option("-w", "--width", default=1, show_default=True, help="Decimals shown.")
@click.option("-b", "--score-only", is_flag=True, help="Print only the scores (as sacrebleu -b).")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="json: sacrebleu's own JSON (name, score, signature, verbose_score, its fields).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the workbench's JSON instead.")
@click.option("--no-save", is_flag=True, help="Do not store the scores (store mode).")
@click.option("--jobs", type=int, help="Processes for counting (default: one per core).")
@pass_state
def score(
    state: State,
    references,
    hyp,
    refs,
    reports,
    every,
    collection,
    lang,
    system,
    sentence,
    options,
    width,
    score_only,
    fmt,
    as_json,
    no_save,
    jobs,
) -> None:
    """Score translations with sacrebleu: files (REFERENCES -i HYP, as sacrebleu's own command
    line, or --hyp/--ref) or reports in the store (--report, --all).

    Files: the corpus scores, or with --sentence a score per line, exactly as sacrebleu gives
    them, each with its signature (+ |textnorm:SCHEME). Hypotheses come from -i, or standard
    input: `cat hyp.txt | workbench score ref.txt -b`. Store: the machine translations of the
    reports against their human versions, through the alignments, at bead, document, report,
    collection (several --report) and system (--all) scope; the scores are saved.
    """
    lang = _language(lang)
    refs = (*references, *refs)
    shown = _Shown(width, score_only, fmt, as_json)
    if hyp is not None or refs:
        if reports or every:
            raise InputError("Score either files (REF -i HYP) or the store (--report, --all).")
        _score_files(hyp, refs, options, sentence, shown, jobs, state)
    elif reports or every:
        from workbench.score.scopes import ScoreScope

        scope = ScoreScope.of(None if every else reports, collection, lang, system)
        _score_store(state, scope, options, sentence, shown, not no_save, jobs)
    else:
        raise InputError(
            "Nothing to score: give REF -i HYP (or pipe the hypotheses in), or --report NAME, "
            "or --all."
        )


@dataclass(frozen=True)
class _Shown:
    width: int
    score_only: bool
    fmt: str
    as_json: bool


def _hypotheses(hyp: Path | None, state: State) -> list[str]:
    """The hypotheses of -i FILE, or of standard input (at most `max_report_mb`)."""
    import sys

    from workbench.score.pairs import read_segments, segments_of

    if hyp is not None and str(hyp) != "-":
        return read_segments(hyp)
    if hyp is None and sys.stdin.isatty():
        raise InputError("Give the hypotheses with -i FILE, or pipe them in.")
    return segments_of(read_stdin(state.settings))


def _score_files(hyp, refs, options, sentence, shown: _Shown, jobs, state: State) -> None:
    from workbench.score.metrics import Scoring
    from workbench.score.pairs import read_segments

    if not refs:
        raise InputError("Scoring files needs a reference file: REF -i HYP (or --ref FILE).")
    hypotheses = _hypotheses(hyp, state)
    scoring = Scoring(hypotheses, [read_segments(r) for r in refs], options, jobs=jobs)
    if not sentence:
        _echo_corpus(scoring.corpus(), options, shown)
        return
    rows = scoring.sentences()
    names = {m: r.name for m, r in rows[0].items()}
    signatures = scoring.sentence_signatures()
    width = shown.width
    if shown.as_json or shown.fmt == "json":
        segments = [
            {"line": i, **{names[m]: r.score for m, r in row.items()}}
            for i, row in enumerate(rows, FIRST_LINE)
        ]
        out = {"signatures": {names[m]: s for m, s in signatures.items()}, "segments": segments}
        echo_json(out)
        return
    if shown.score_only:
        for row in rows:
            click.echo(" ".join(f"{r.score:.{width}f}" for r in row.values()))
        return
    echo_table(
        [
            [i, *(f"{r.score:.{width}f}" for r in row.values())]
            for i, row in enumerate(rows, FIRST_LINE)
        ],
        ["line", *names.values()],
    )
    for m, sig in signatures.items():
        click.echo(f"{names[m]}|{sig}")


def _echo_corpus(results, options, shown: _Shown) -> None:
    if shown.as_json:
        echo_json([r.to_dict() for r in results])
    elif shown.fmt == "json":
        found = [sacrebleu_json(r, shown.width, options.normalize) for r in results]
        echo_json(found[0] if len(found) == 1 else found)
    elif shown.score_only:
        for r in results:
            click.echo(f"{r.score:.{shown.width}f}")
    else:
        for r in results:
            say(r.format(shown.width))


def sacrebleu_json(result, width: int, normalize: str) -> dict[str, Any]:
    """The object sacrebleu's `-f json` prints for one metric (plus `norm` when the text was
    normalized first, which sacrebleu cannot do)."""
    signature = result.sacrebleu_signature if normalize == "none" else result.signature
    found: dict[str, Any] = {
        "name": result.name,
        "score": float(f"{result.score:.{width}f}"),
        "signature": signature,
    }
    if result.details:
        found["verbose_score"] = result.details
    for part in signature.split("|"):
        key, _, value = part.partition(":")
        found[key] = value
    return found


def _score_store(state, scope, options, sentence, shown: _Shown, save, jobs) -> None:
    from workbench.score.scopes import score_scope

    sheet = score_scope(state.db, scope, options, save=save, jobs=jobs)
    scores = sheet.scores if sentence else [s for s in sheet.scores if s.scope != "bead"]
    if shown.as_json or shown.fmt == "json":
        out = {"scores": [_score_dict(s) for s in scores], "notes": sheet.notes}
        echo_json(out, indent=1)
        return
    _echo_scores(scores, options.metrics, shown.width)
    for note in sheet.notes:
        say(f"note: {note}")
    signatures = {s.details["name"]: s.signature for s in scores if s.scope != "bead"}
    for name, sig in signatures.items():
        click.echo(f"{name}|{sig}")
    if save:
        click.echo(f"Saved {len(sheet.scores)} scores in {state.settings.database_path}.")


def _score_dict(s) -> dict[str, Any]:
    return {
        "metric": s.metric,
        "value": s.value,
        "scope": s.scope,
        "scope_ref": s.scope_ref,
        "signature": s.signature,
        **s.details,
    }


def _echo_scores(scores, metrics, width: int) -> None:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    for s in scores:
        names.setdefault(s.metric, s.details.get("name", s.metric))
        row = rows.setdefault((s.scope, s.scope_ref), {"d": s.details, "v": {}})
        row["v"][s.metric] = s.value
    header = ["scope", "what", *(names.get(m, m) for m in metrics), "segments", "omissions"]
    table = [
        [
            scope,
            ref,
            *(f"{r['v'][m]:.{width}f}" if m in r["v"] else "" for m in metrics),
            r["d"].get("segments", 1),
            r["d"].get("omissions", int(bool(r["d"].get("omission")))),
        ]
        for (scope, ref), r in rows.items()
    ]
    echo_table(table, header)


@click.command()
@click.option(
    "--ref",
    "refs",
    type=FILE,
    multiple=True,
    required=True,
    help="Reference file (repeat for more references).",
)
@click.option("--baseline", type=FILE, required=True, help="The baseline system's output.")
@click.option(
    "--system",
    "systems",
    type=FILE,
    multiple=True,
    required=True,
    help="Another system's output (repeat for more).",
)
@click.option(
    "--paired-bs",
    "test",
    flag_value="bs",
    default=True,
    help="Paired bootstrap resampling (the default; 1,000 resamples).",
)
@click.option(
    "--paired-ar", "test", flag_value="ar", help="Paired approximate randomization (10,000 trials)."
)
@click.option("--samples", default=0, help="Resamples (bs) or trials (ar); 0: sacrebleu's default.")
@click.option(
    "--confidence",
    default=1000,
    show_default=True,
    help="Bootstrap resamples for --paired-ar intervals (0: none).",
)
@click.option("--seed", default=12345, show_default=True, help="Random seed (sacrebleu's).")
@scoring_options
@click.option("--width", default=2, show_default=True, help="Decimals shown.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--jobs", type=int, help="Processes for counting (default: one per core).")
def compare(
    refs, baseline, systems, test, samples, confidence, seed, options, width, as_json, jobs
) -> None:
    """Is system B really better than baseline A? Paired significance tests, as sacrebleu's.

    Every system is compared with the baseline on the same references: its score, the
    bootstrap estimate of the true score with a 95% confidence interval, and the p-value of
    the difference (* marks p < 0.05).
    """
    from workbench.score.pairs import read_segments
    from workbench.score.significance import compare_systems

    named = {str(baseline): read_segments(baseline)}
    for path in systems:
        named.setdefault(str(path), read_segments(path))
    result = compare_systems(
        [read_segments(r) for r in refs],
        named,
        metrics=options.metrics,
        normalize=options.normalize,
        tokenize=options.tokenize,
        lowercase=options.lowercase,
        test=test,
        samples=samples,
        confidence=confidence,
        seed=seed,
        jobs=jobs,
    )
    if as_json:
        echo_json(result.to_dict(), indent=1)
        return
    _echo_comparison(result, options.metrics, width)


def _echo_comparison(result, metrics, width: int) -> None:
    names = {r.metric: r.name for r in result.rows}
    header = ["system", *(names[m] + suffix for m in metrics for suffix in ("", " μ ± CI", " p"))]
    table = []
    for system in result.systems:
        cells = [system + (" (baseline)" if system == result.baseline else "")]
        for m in metrics:
            r = result.get(system, m)
            interval = f"{r.mean:.{width}f} ± {r.ci:.{width}f}" if r.mean is not None else ""
            p = f"{r.p_value:.4f}{'*' if r.significant else ''}" if r.p_value is not None else ""
            cells += [f"{r.score:.{width}f}", interval, p]
        table.append(cells)
    echo_table(table, header)
    test = TESTS[result.test]
    click.echo(f"\n{test}, {result.samples} samples; * p < 0.05: unlikely to be chance.")
    for m, sig in result.signatures.items():
        click.echo(f"{names[m]}|{sig}")


@click.command()
@click.option("--report", "reports", multiple=True, help="A report in the store.")
@click.option(
    "--collection",
    "collection",
    multiple=True,
    help="Reports to treat as one collection (comma-separated or repeated).",
)
@click.option("--all", "every", is_flag=True, help="Every report in the store (system scope).")
@click.option(
    "--systems",
    "systems",
    type=FILE,
    multiple=True,
    help="A system's output file (repeat; the first is the baseline).",
)
@click.option("--ref", type=FILE, help="The reference file for --systems.")
@click.option("--src", type=FILE, help="The source file for --systems (shown beside them).")
@click.option("--lang", help="Language of hypotheses and references (store: a filter).")
@click.option("--src-lang", help="Language of the --src file.")
@click.option("--system", help="Only this system, by its model name (store).")
@click.option(
    "-o",
    "--output",
    "outputs",
    type=OUTPUT,
    multiple=True,
    required=True,
    help="File to write: .html, .json or .csv (repeat for several); - for JSON on standard output.",
)
@click.option("--title", default="", help="The report's title.")
@click.option(
    "--test",
    type=click.Choice(TEST_CHOICES),
    default="bs",
    show_default=True,
    help="Significance test between systems on the same references.",
)
@click.option("--samples", default=0, help="Resamples (bs) or trials (ar); 0: sacrebleu's default.")
@click.option("--worst", default=20, show_default=True, help="Worst beads shown per system.")
@scoring_options
@click.option("--no-save", is_flag=True, help="Do not store the scores (store mode).")
@click.option("--jobs", type=int, help="Processes for counting (default: one per core).")
@pass_state
def report(
    state: State,
    reports,
    collection,
    every,
    systems,
    ref,
    src,
    lang,
    src_lang,
    system,
    outputs,
    title,
    test,
    samples,
    worst,
    options,
    no_save,
    jobs,
) -> None:
    """Write a quality report: scores, significance, plots, worst beads, alignment summary.

    For one report (--report NAME), a collection (--collection A,B,C), every report (--all) or
    systems' output files (--systems A --systems B --ref R). The HTML is one self-contained
    file; .json and .csv hold the same data.
    """
    from workbench.score.render import write_report

    lang, src_lang = _language(lang), _language(src_lang)
    members = [name for item in collection for name in item.split(",") if name.strip()]
    modes = sum(bool(x) for x in (reports, members, every, systems))
    if modes != 1:
        raise InputError("Say what to report on: one of --report, --collection, --all, --systems.")
    common = {
        "title": title,
        "test": None if test == NO_TEST else test,
        "samples": samples,
        "worst": worst,
        "options": options,
        "jobs": jobs,
    }
    if systems:
        built = _files_report(systems, ref, src, lang, src_lang, common)
    else:
        from workbench.cli.mqm import penalty_model
        from workbench.score.report import report_from_store

        names = None if every else [*reports, *(m.strip() for m in members)]
        built = report_from_store(
            state.db,
            names,
            collection="+".join(members) if members else "",
            lang=lang,
            system=system,
            save=not no_save,
            mqm_model=penalty_model(state, ()),
            **common,
        )
    for note in built.notes:
        say(f"note: {note}", err=any(is_stdout(p) for p in outputs))
    for path in outputs:
        written = write_report(built, path)
        if not is_stdout(path):
            say(f"Wrote {written} ({written.stat().st_size / 1024:.0f} kB)")


def _files_report(systems, ref, src, lang, src_lang, common):
    from workbench.score.report import report_from_files

    if ref is None:
        raise InputError("--systems needs the reference file: --ref FILE.")
    named = {str(path): path for path in systems}
    return report_from_files(
        ref, named, source=src, lang=lang or "", source_lang=src_lang or "", **common
    )


def _language(code: str | None) -> str | None:
    from workbench.text.languages import canonical

    return canonical(code) if code else None
