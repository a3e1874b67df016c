"""Commands for the text layer: ingest, detect, normalize, segment."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import (
    State,
    echo_json,
    echo_table,
    pass_state,
    read_stdin,
    say,
    visible,
    visible_lines,
)
from workbench.records import UPLOAD_ORIGINS

LANG_CHOICES = ["auto", "en", "ar", "ckb", "kmr"]
LANG_HELP = "Language of the file: auto (detect), en, ar, ckb (Sorani) or kmr (Kurmanji)."
FILE = click.Path(dir_okay=False, allow_dash=True, path_type=str)


def _language_option(default: str = "auto"):
    return click.option("--lang", "lang", default=default, show_default=True, help=LANG_HELP)


def _document(state: State, path: str, lang: str):
    """The document a command works on: a file, or stdin for "-" (read as plain text)."""
    from workbench.text.ingest import build_document, read_document
    from workbench.text.readers import read_text
    from workbench.userfiles import Limits

    limits = Limits.of(state.settings)
    if path == "-":
        text = read_text(read_stdin(state.settings))
        return build_document(text, lang, source="stdin", limits=limits)
    return read_document(path, lang, limits=limits)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--report", required=True, help="Name of the report these files are versions of.")
@_language_option()
@click.option(
    "--origin",
    type=click.Choice(UPLOAD_ORIGINS),
    default="original",
    show_default=True,
    help="original: written in this language; human: a human translation.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was stored as JSON.")
@pass_state
def ingest(
    state: State, files: tuple[Path, ...], report: str, lang: str, origin: str, as_json: bool
) -> None:
    """Store report files (.txt, .md, .html, .docx) as language versions of one report.

    The same file ingested twice into a report is recognised by its sha256 and not stored
    again. Scraped-page furniture is removed and the text is segmented into sentences.
    Mojibake (UTF-8 once read as Windows-1252) is repaired; a text in none of the four
    languages, or mangled through Windows-1256, is refused (pass --lang if you know better).
    """
    from workbench.text.ingest import ingest as ingest_files
    from workbench.userfiles import Limits

    limits = Limits.of(state.settings)
    results = ingest_files(state.db, files, report=report, lang=lang, origin=origin, limits=limits)
    if as_json:
        echo_json(
            {
                "report": report,
                "documents": [
                    {
                        "id": document.id,
                        "status": "stored" if created else "already stored",
                        "lang": document.lang,
                        "paragraphs": len(document.paragraphs),
                        "sentences": len(document.segments),
                        "date": document.date or None,
                        "file": str(path),
                    }
                    for (document, created), path in zip(results, files, strict=True)
                ],
            }
        )
        return
    rows = []
    for (document, created), path in zip(results, files, strict=True):
        status = "stored" if created else "already stored"
        rows.append(
            (
                status,
                document.lang,
                len(document.paragraphs),
                len(document.segments),
                document.date or "-",
                path,
            )
        )
    echo_table(rows, ("status", "lang", "paragraphs", "sentences", "date", "file"))
    click.echo(f"Report {report!r}: {sum(c for _, c in results)} new document(s).")


@click.command()
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as one JSON object.")
@pass_state
def detect(state: State, file: str, as_json: bool) -> None:
    """Print the language of each paragraph of FILE and of the whole file ("-": stdin).

    A language none of en, ar, ckb, kmr (Persian, Turkish, French, ...) is named by its own
    code. Paragraphs are numbered from 0.
    """
    from workbench.text.detect import detect_paragraphs
    from workbench.text.identify import language_name
    from workbench.text.languages import LANGUAGES, NAMES
    from workbench.text.readers import read_file, read_text
    from workbench.userfiles import Limits

    if file == "-":
        extracted = read_text(read_stdin(state.settings))
    else:
        extracted = read_file(file, Limits.of(state.settings))
    found = detect_paragraphs(extracted.paragraphs)
    paragraphs = list(zip(found.paragraphs, extracted.paragraphs, strict=True))
    ordered = sorted(found.shares.items(), key=lambda item: -item[1])
    verdict = "mixed" if found.mixed else NAMES.get(found.lang)
    verdict = verdict or f"{language_name(found.lang)}: none of {', '.join(LANGUAGES)}"
    if as_json:
        echo_json(
            {
                "file": file,
                "lang": found.lang,
                "verdict": verdict,
                "mixed": found.mixed,
                "ours": not found.foreign,
                "shares": {lang: round(share, 4) for lang, share in ordered},
                "paragraphs": [
                    {"index": number, "lang": lang, "text": text}
                    for number, (lang, text) in enumerate(paragraphs)
                ],
            }
        )
        return
    rows = [(n, lang or "-", _preview(text)) for n, (lang, text) in enumerate(paragraphs)]
    echo_table(rows, ("paragraph", "lang", "text"))
    shares = ", ".join(f"{lang} {share:.0%}" for lang, share in ordered)
    say(f"{file}: {found.lang} ({verdict}; {shares})")


@click.command()
@click.argument("file", type=FILE)
@_language_option()
@click.option(
    "--scheme",
    help="Normalization scheme (default <lang>-basic), e.g. ar-match, ckb-basic+digits.",
)
@click.option("--diff", is_flag=True, help="Show only the changed lines, before and after.")
@pass_state
def normalize(state: State, file: str, lang: str, scheme: str | None, diff: bool) -> None:
    """Print the normalized text of FILE, paragraph by paragraph ("-": stdin)."""
    from workbench.text.normalize import normalizer

    document = _document(state, file, lang)
    run = normalizer(scheme or f"{document.lang}-basic")
    changed = 0
    for paragraph in document.paragraphs:
        after = run(paragraph)
        if not diff:
            click.echo(visible_lines(after) + "\n")
        elif after != paragraph:
            changed += 1
            click.echo(f"- {_visible(paragraph)}\n+ {_visible(after)}\n")
    if diff:
        click.echo(f"{changed} of {len(document.paragraphs)} paragraph(s) changed.")


@click.command()
@click.argument("file", type=FILE)
@_language_option()
@click.option(
    "--numbered", is_flag=True, help="Prefix each sentence with its index (from 0) and a tab."
)
@click.option(
    "--paragraphs",
    is_flag=True,
    help="A blank line between paragraphs, as `align` reads them (paragraph anchors).",
)
@pass_state
def segment(state: State, file: str, lang: str, numbered: bool, paragraphs: bool) -> None:
    """Print the sentences of FILE, one per line, as ingest would store them ("-": stdin).

    Reads .txt, .md, .html, .docx, and files named by their language (test.en, corpus.ar)
    as plain text. `segment --paragraphs | align` keeps the paragraph anchors.
    """
    document = _document(state, file, lang)
    previous = None
    for s in document.segments:
        if paragraphs and previous is not None and s.paragraph != previous:
            click.echo("")
        previous = s.paragraph
        text = visible(s.text)
        click.echo(f"{s.index}\t{text}" if numbered else text)


def _preview(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _visible(text: str) -> str:
    """Invisible characters shown as <U+200F> so a diff of them can be seen."""
    import unicodedata

    return "".join(
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") or c in "\u00a0\u202f" else c
        for c in text
    )
