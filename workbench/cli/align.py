"""Commands: align two files, align the versions of a stored report, score an alignment."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from workbench.cli.common import State, echo_json, echo_table, output_name, pass_state, say
from workbench.formats import BEAD_FORMATS as FORMATS
from workbench.outputs import is_stdout


def _signals_option(f):
    from workbench.align.choices import DEFAULT_SIGNALS, SIGNAL_NAMES

    return click.option(
        "--signals",
        default=",".join(DEFAULT_SIGNALS),
        show_default=True,
        help=f"Comma-separated evidence to use: {', '.join(SIGNAL_NAMES)}.",
    )(f)


def _search_options(f):
    """The tunable settings of `workbench.align.choices` (bead sizes, lexicon learning), the
    dictionaries and the embeddings model."""
    from workbench.align.choices import DICTIONARIES, EMBEDDERS, SETTINGS

    for setting in reversed(SETTINGS):
        kind = {
            "int": click.IntRange(setting.minimum, setting.maximum),
            "number": click.FloatRange(setting.minimum, setting.maximum),
            "choice": click.Choice(setting.choices),
        }[setting.kind]
        help_text = setting.help[0].upper() + setting.help[1:] + "."
        f = click.option(
            setting.flag, setting.name, type=kind, default=setting.default, show_default=True,
            help=help_text,
        )(f)  # fmt: skip
    f = click.option(
        "--dictionaries",
        default="auto",
        show_default=True,
        metavar="|".join(DICTIONARIES) + "|FOLDER",
        help="Bilingual dictd dictionaries for the learned signal: auto reads Debian's "
        "dict-freedict-* packages when installed (or the folder $WORKBENCH_DICTIONARIES "
        "names), none reads none, or a folder of them.",
    )(f)
    f = click.option(
        "--embeddings",
        "embedder",
        default="auto",
        show_default=True,
        metavar="|".join(EMBEDDERS) + "|MODEL",
        help="Sentence embeddings as one more signal: auto uses the catalog's first model "
        "that knows both languages and is here (LaBSE after `workbench models pull "
        "--embeddings`; USE multilingual, installed with the workbench, for en, ar and 13 "
        "more), none never; or a catalog model's id, or a sentence-transformers model on this "
        "machine. They cost time: about 6 times the sentences are embedded.",
    )(f)
    return f


def _parameters(options: dict):
    """The search and lexicon parameters from the options `_search_options` added."""
    from workbench.align.choices import parameters

    return parameters(**options)


@click.command()
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("tgt", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--src-lang", required=True, help="Language of SRC (en, ar, ckb, kmr, or any code).")
@click.option("--tgt-lang", required=True, help="Language of TGT.")
@click.option(
    "--src-mt",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SRC machine-translated into the target language, one line per SRC line (enables mt).",
)
@_signals_option
@click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A lexicon (TSV: source word, target word, probability) for the learned signal; "
    "e.g. one saved with --save-lexicon or learned by align-report --lexicon collection.",
)
@click.option(
    "--save-lexicon",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the lexicon the learned signal used here (TSV), to reuse with --lexicon.",
)
@_search_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="beads",
    show_default=True,
    help="beads: [0]:[0, 1]:confidence lines; ladder: hunalign's rungs; tsv, jsonl: beads "
    "with their texts; bitext: -o PREFIX writes PREFIX.SRC and PREFIX.TGT, line-aligned.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
    help="Write here (whole or not at all) instead of printing; - is standard output.",
)
@pass_state
def align(
    state: State,
    src: Path,
    tgt: Path,
    src_lang: str,
    tgt_lang: str,
    src_mt: Path | None,
    signals: str,
    lexicon: Path | None,
    save_lexicon: Path | None,
    embedder: str | None,
    fmt: str,
    output: Path | None,
    **tuning,
) -> None:
    """Align the sentences of two files with one sentence per line.

    An empty line ends a paragraph (paragraph boundaries serve as anchors); sentence numbers
    count the non-empty lines from 0. Prints one bead per line, e.g. `[0]:[0, 1]:0.93`
    (source sentences, target sentences, confidence).
    """
    from workbench.align import align as align_documents
    from workbench.formats import beads as bead_files

    source, src_paras, kept = read_sentences(src)
    target, tgt_paras, _ = read_sentences(tgt)
    names = [s.strip() for s in signals.split(",") if s.strip()]
    translations = None
    if src_mt is not None:
        translations = read_translations(src_mt, kept, len(source))
        if "mt" not in names:
            names.append("mt")
    params, lexicon_params = _parameters(tuning)
    result = align_documents(
        source,
        target,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        signals=names,
        src_mt=translations,
        src_paragraphs=src_paras,
        tgt_paragraphs=tgt_paras,
        params=params,
        lexicon=lexicon,
        lexicon_params=lexicon_params,
        settings=state.settings,
        embedder=embedder,
        # machine translations made here go through the translation memory
        db=state.db if "mt" in names and translations is None else None,
    )
    _save_lexicon(save_lexicon, result.lexicon)
    bead_files.write_beads(output or "-", fmt, result.beads, [source, target], [src_lang, tgt_lang])
    if output is not None:
        say(f"{len(result.beads)} beads written to {output_name(output)}", err=True)
        click.echo(result.signature, err=True)


def _save_lexicon(path: Path | None, lexicon) -> None:
    if path is None:
        return
    if lexicon is None:
        from workbench.errors import InputError

        raise InputError("--save-lexicon needs the learned signal: add learned to --signals.")
    lexicon.write(path)
    say(f"lexicon of {len(lexicon)} words written to {path}", err=True)


def read_sentences(path: Path) -> tuple[list[str], list[int], list[int]]:
    """Sentences (non-empty lines), their paragraph numbers, and their line numbers."""
    lines = _lines(path)
    sentences, paragraphs, kept, paragraph = [], [], [], 0
    for number, line in enumerate(lines):
        if not line.strip():
            paragraph += 1 if sentences and paragraphs[-1] == paragraph else 0
            continue
        sentences.append(line.strip())
        paragraphs.append(paragraph)
        kept.append(number)
    return sentences, paragraphs, kept


def _lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file the user gave (no links, pipes or devices)."""
    from workbench.errors import InputError
    from workbench.userfiles import Limits, read_input

    data = read_input(path, limit_mb=Limits.of().import_mb, setting="max_import_mb")
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; convert it first (e.g. with iconv).") from None


def read_translations(path: Path, kept: list[int], count: int) -> list[str]:
    """One translation per source sentence: the file mirrors the source line for line, or has
    exactly one line per sentence."""
    from workbench.errors import InputError

    lines = _lines(path)
    if len(lines) == count:
        return lines
    if kept and len(lines) > kept[-1]:
        return [lines[i] for i in kept]
    raise InputError(
        f"{path} has {len(lines)} lines but the source has {count} sentences: give one "
        "translation per source line."
    )


@click.command("align-report")
@click.argument("report")
@click.option("--hub", default="en", show_default=True, help="The version others align to.")
@click.option("--lang", "langs", multiple=True, help="Align only these versions (repeatable).")
@_signals_option
@click.option(
    "--lexicon",
    metavar="FILE|collection",
    help="A lexicon for the learned signal: a TSV file, or 'collection' to learn one from "
    "every stored report with the same two languages (for short reports).",
)
@_search_options
@click.option("--no-check", is_flag=True, help="Skip the direct pair checks (faster).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
    help="Also write the beads here (n-way bead lines, or TSV/JSONL with --format).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="beads",
    show_default=True,
    help="Format of --output.",
)
@pass_state
def align_report(
    state: State,
    report: str,
    hub: str,
    langs: tuple[str, ...],
    signals: str,
    lexicon: str | None,
    embedder: str | None,
    no_check: bool,
    output: Path | None,
    fmt: str,
    **tuning,
) -> None:
    """Align all language versions of a stored REPORT and store the alignment.

    Two versions give a pairwise alignment; three or four are aligned around the hub into
    n-way beads, and beads where a direct pair (e.g. ar-ckb) disagrees are flagged.
    """
    from workbench.align.report import align_report as run

    params, lexicon_params = _parameters(tuning)
    stored = run(
        state.db,
        int(report) if report.isdigit() else report,
        hub=hub,
        langs=langs or None,
        signals=[s for s in signals.split(",") if s.strip()],
        check_pairs=not no_check,
        settings=state.settings,
        params=params,
        lexicon=lexicon,
        lexicon_params=lexicon_params,
        embedder=embedder,
    )
    kinds = Counter(b.kind for b in stored.beads)
    flagged = sum(1 for b in stored.beads if b.status == "flagged")
    doubtful = sum(1 for b in stored.beads if b.confidence < 0.5)
    say(f"Alignment {stored.id} of report {report!r}: {len(stored.beads)} beads")
    echo_table(sorted(kinds.items(), key=lambda kv: -kv[1]), ("kind", "beads"))
    click.echo(f"flagged (pairs disagree): {flagged}; confidence below 0.5: {doubtful}")
    click.echo(f"signature: {stored.signature}")
    if output is not None:
        from workbench.formats.beads import write_beads
        from workbench.store.reports import get_document

        docs = [get_document(state.db, i) for i in stored.document_ids]
        texts = [[seg.text for seg in d.segments] for d in docs]
        write_beads(output, fmt, stored.beads, texts, [d.lang for d in docs])
        say(f"beads written to {output_name(output)}", err=is_stdout(output))


@click.command("align-eval")
@click.argument("pred", type=click.Path(exists=True, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def align_eval(pred: Path, gold: Path, as_json: bool) -> None:
    """Score PRED beads against GOLD beads: strict and lax precision, recall and F1.

    Both are bead files (`[0]:[0, 1]` per line; a third field is ignored), or folders of
    them matched by file name. Defined as Vecalign's scorer: a strict hit is an exact bead,
    a lax hit shares a link with a gold bead; recall ignores 1-0 and 0-1 beads.
    """

    from workbench.align.evaluate import score
    from workbench.formats.beads import read_beads

    pairs = matched_files(pred, gold)
    scores = score([read_beads(g) for _, g in pairs], [read_beads(p) for p, _ in pairs])
    if as_json:
        echo_json({"files": len(pairs), **scores.as_dict()}, indent=None)
        return
    s = scores
    echo_table(
        [
            ("precision", f"{s.precision_strict:.4f}", f"{s.precision_lax:.4f}"),
            ("recall", f"{s.recall_strict:.4f}", f"{s.recall_lax:.4f}"),
            ("F1", f"{s.f1_strict:.4f}", f"{s.f1_lax:.4f}"),
        ],
        (f"{len(pairs)} file(s)", "strict", "lax"),
    )


def matched_files(pred: Path, gold: Path) -> list[tuple[Path, Path]]:
    from workbench.errors import InputError

    if pred.is_dir() != gold.is_dir():
        raise InputError("Give two bead files, or two folders of bead files.")
    if not pred.is_dir():
        return [(pred, gold)]
    pairs = [(p, gold / p.name) for p in sorted(pred.iterdir()) if p.is_file()]
    missing = [p.name for p, g in pairs if not g.is_file()]
    if missing or not pairs:
        raise InputError(
            f"{gold} lacks gold files for {', '.join(missing[:5])}."
            if missing
            else f"{pred} has no bead files."
        )
    return pairs
