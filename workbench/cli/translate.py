"""`workbench translate`: translate a text file, a folder of them, or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.common import State, pass_state, read_stdin, say, visible_lines
from workbench.memory.search import OFFER_SCORE

PROGRESS_FROM = 200  # sentences: below this a progress bar is only noise


@click.command()
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True), required=False)
@click.option(
    "--report",
    help="Translate this stored report's original (or --from) version instead of PATH, and "
    "store it as the report's machine version (for `score --report`).",
)
@click.option("--from", "src", help="Language of the text (en, ar, ckb, kmr).")
@click.option("--to", "tgt", required=True, help="Language to translate into.")
@click.option(
    "--engine",
    type=click.Choice(["auto", "hf", "ct2"]),
    default=None,
    help="auto (default): CTranslate2 when it can run the model, else transformers.",
)
@click.option("--beam", type=click.IntRange(min=1), default=None, help="Beam size (1: greedy).")
@click.option(
    "--max-length",
    type=click.IntRange(1, 510),
    default=None,
    help="Output limit in pieces (default: twice the sentence's length, plus 16).",
)
@click.option("--model", default=None, help="A Hugging Face id or model folder to use instead.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    default=None,
    help="File (or folder) to write to; needed for a folder. Default (or -): standard output.",
)
@click.option(
    "--no-memory",
    is_flag=True,
    help="Use no database: neither the machine-translation cache nor the translation memory.",
)
@click.option(
    "--tm/--no-tm",
    default=True,
    show_default=True,
    help="Use exact human matches of the translation memory before the model.",
)
@click.option(
    "--tm-threshold",
    type=click.IntRange(1, 100),
    default=OFFER_SCORE,
    show_default=True,
    help="Fuzzy matches scoring at least this are offered (see --tm-offers), never inserted.",
)
@click.option(
    "--tm-fill",
    type=click.IntRange(1, 100),
    default=None,
    help="Insert the best fuzzy human match scoring at least this (e.g. 85), not the model's.",
)
@click.option(
    "--tm-offers",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the fuzzy matches offered for each sentence to this JSONL file.",
)
@pass_state
def translate(
    state: State,
    path: Path | None,
    report: str | None,
    src: str,
    tgt: str,
    engine: str | None,
    beam: int | None,
    max_length: int | None,
    model: str | None,
    output: Path | None,
    no_memory: bool,
    tm: bool,
    tm_threshold: int,
    tm_fill: int | None,
    tm_offers: Path | None,
) -> None:
    """Translate PATH (a report file, a folder of them, or - for standard input).

    Reads .txt, .md, .html, .docx and files named by their language (test.en, corpus.ar);
    writes plain text, and a .docx as a .docx (paragraph styles kept; give -o). Paragraphs and
    blank lines stay where they were. Sentences with an exact human match in the translation
    memory (100, or 101 in the same context) take it and never reach the model; sentences
    already translated with the same model and settings come from the machine-translation
    cache. The summary says where each sentence came from; the signature starts with the
    memory's part ("tm:exact|..."). --report NAME translates a stored report instead.
    """
    from workbench.errors import InputError
    from workbench.memory.first import MemoryPolicy
    from workbench.translate import get_translator
    from workbench.translate.documents import input_files

    if report is not None:
        if path is not None:
            raise InputError("Translate either a PATH or a stored --report, not both.")
        _translate_report(state, report, src, tgt, engine, model)
        return
    if path is None or not src:
        raise InputError("Give what to translate (PATH, or - for standard input) and --from.")
    if str(path) != "-" and path.is_dir() and (output is None or str(output) == "-"):
        raise InputError("Translating a folder needs -o OUT_FOLDER for the translations.")
    files = None if str(path) == "-" else input_files(path)
    translator = get_translator(
        src,
        tgt,
        state.settings,
        engine=engine,
        model=model,
        beam=beam,
        max_length=max_length,
        db=None if no_memory else state.db,
        memory=MemoryPolicy(tm_threshold, tm_fill) if tm and not no_memory else None,
    )
    if files is None:
        _translate_stdin(translator, src, read_stdin(state.settings), output)
    else:
        _translate_files(translator, src, tgt, path, files, output)
    _report(translator)
    if tm_offers is not None:
        _write_offers(translator, tm_offers)


def _translate_report(state: State, report: str, src, tgt, engine, model) -> None:
    from workbench.score.pairs import system_name
    from workbench.translate.stored import translate_report

    document, created = translate_report(
        state.db, report, tgt, state.settings, src=src, engine=engine, model=model
    )
    what = "Stored" if created else "Already stored:"
    say(
        f"{what} the machine translation of {report!r} into {document.lang} as document "
        f"{document.id} ({len(document.segments)} sentences), system {system_name(document)}."
    )
    say(f"signature: {document.model}", err=True)


def _translate_stdin(translator, src: str, text: str, output: Path | None) -> None:
    from workbench.translate.documents import translate_text, write_text

    result = translate_text(text, src, translator)
    if output is None:
        click.echo(visible_lines(result), nl=False)
    else:
        write_text(output, result)


def _translate_files(translator, src, tgt, root: Path, files: list[Path], output) -> None:
    from tqdm import tqdm

    from workbench.errors import InputError
    from workbench.translate.documents import (
        file_layout,
        output_path,
        translate_stream,
        write_text,
    )

    layouts = {f: file_layout(f, src) for f in files}  # every file read before any work
    words = [f for f, layout in layouts.items() if layout.word is not None]
    if words and output is None:
        raise InputError(f"{words[0]} comes out as a .docx: give -o FILE.docx (or - to pipe it).")
    total = sum(len(layout.sentences) for layout in layouts.values())
    show = total >= PROGRESS_FROM and sys.stderr.isatty()
    with tqdm(total=total, unit="sentence", disable=not show, file=sys.stderr) as bar:
        for source, layout in layouts.items():
            translations = translate_stream(translator, layout.sentences, bar.update)
            result = layout.rebuild(translations, tgt)
            if output is None:
                click.echo(visible_lines(result), nl=False)
            else:
                target = output_path(source, root, output, tgt, layout.suffix)
                write_text(target, result)
                say(f"{source} -> {target}", err=True)


def _report(translator) -> None:
    if hasattr(translator, "counts"):
        n = translator.counts()
        click.echo(
            f"translation memory: {n['memory']} sentence(s) from exact human matches, "
            f"{n['fill']} filled from fuzzy matches, {n['machine']} for the model "
            f"({n['offered']} with fuzzy matches offered).",
            err=True,
        )
    legs = getattr(translator, "legs", [translator])
    for leg in legs:
        if hasattr(leg, "hits"):
            name = f"{leg.identity.src}-{leg.identity.tgt}: " if len(legs) > 1 else ""
            click.echo(
                f"{name}{leg.translated} sentence(s) translated, "
                f"{leg.hits} from the translation memory.",
                err=True,
            )
    click.echo(f"signature: {translator.signature}", err=True)


def _write_offers(translator, path: Path) -> None:
    """One JSON line per sentence that was offered fuzzy matches (numbered from 1)."""
    import json

    from workbench.translate.documents import write_text

    lines = [
        json.dumps(
            {
                "sentence": n,
                "used": source.origin,
                "matches": [m.as_dict() for m in source.offers],
            },
            ensure_ascii=False,
        )
        for n, source in enumerate(getattr(translator, "sources", []), start=1)
        if source.offers
    ]
    write_text(path, "".join(line + "\n" for line in lines))
    say(f"{len(lines)} sentence(s) with fuzzy matches written to {path}", err=True)
