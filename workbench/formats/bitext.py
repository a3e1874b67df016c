"""Bitext in the Moses/OPUS style: one plain-text file per language, line N of each file
saying the same thing (`corpus.en`, `corpus.ar`).

Written from a prefix: `PREFIX.en` and `PREFIX.ar` (one file per language of the export,
each with one line per bead; a line break inside a text becomes a space). A bead without
text in a language gets an empty line there, so the files stay line-aligned; export with
`--skip-unaligned` to leave such beads out, as most training tools expect. Read from two or
more line-aligned files, each file's language from its last suffix (`.en`, `.ar`, `.ckb`,
`.kmr`) unless given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import InputError, LanguageError
from workbench.formats.files import check_units, read_text
from workbench.formats.langtags import language_of_tag
from workbench.formats.parallel import ParallelText, Row
from workbench.outputs import is_stdout, open_output
from workbench.records import FIRST_LINE
from workbench.userfiles import Limits


def bitext_paths(prefix: Path | str, languages: Sequence[str]) -> list[Path]:
    """The file of each language: PREFIX.LANG."""
    if is_stdout(prefix):
        raise InputError("Bitext is one file per language: give a prefix with -o, not -.")
    return [Path(f"{prefix}.{lang}") for lang in languages]


def write_bitext(text: ParallelText, prefix: Path) -> None:
    for lang, path in zip(text.languages, bitext_paths(prefix, text.languages), strict=True):
        lines = (" ".join(row.texts.get(lang, "").split()) for row in text.rows)
        with open_output(path) as fh:
            fh.write("".join(line + "\n" for line in lines).encode("utf-8"))


def read_bitext(
    paths: Sequence[Path], languages: Sequence[str] | None = None, limits: Limits | None = None
) -> ParallelText:
    """Two or more line-aligned files as rows, one per line (its id the line number); each
    file read guarded and at most `limits` (default: the settings') of it."""
    if len(paths) < 2:
        raise InputError(
            "Bitext is two or more line-aligned files, one per language: give them all "
            "(e.g. corpus.en corpus.ar), or name another --format."
        )
    langs = _languages(paths, languages)
    columns = []
    for path in paths:
        lines = read_text(path, limits).removesuffix("\n").split("\n")
        check_units(path, len(lines), limits, "lines")
        columns.append(lines)
    lengths = [(path, len(lines)) for path, lines in zip(paths, columns, strict=True)]
    if len({n for _, n in lengths}) != 1:
        counts = " and ".join(f"{path} has {n}" for path, n in lengths)
        raise InputError(
            f"The files are not line-aligned: {counts} lines; a bitext needs one translation "
            "per line. Check that no file wraps or drops a line."
        )
    rows = tuple(
        Row(
            texts={lang: ln.strip() for lang, ln in zip(langs, lines, strict=True) if ln.strip()},
            id=str(number),
        )
        for number, lines in enumerate(zip(*columns, strict=True), FIRST_LINE)
    )
    return ParallelText(languages=tuple(langs), rows=rows)


def _languages(paths: Sequence[Path], languages: Sequence[str] | None) -> list[str]:
    if languages:
        if len(languages) != len(paths):
            raise InputError(f"{len(paths)} files but {len(languages)} languages were given.")
        return [language_of_tag(tag, "The languages given") for tag in languages]
    langs = []
    for path in paths:
        try:
            langs.append(language_of_tag(path.suffix.lstrip("."), str(path)))
        except LanguageError:
            raise InputError(
                f"Cannot tell the language of {path.name} from its name: name the files "
                "like corpus.en and corpus.ar, or pass --languages en,ar."
            ) from None
    if len(set(langs)) != len(langs):
        raise InputError(f"Two of the files are in the same language ({', '.join(langs)}).")
    return langs
