"""Translating whole texts and files, keeping their paragraphs and blank lines where they were.

A text is cut into paragraphs as the text layer cuts it (at blank lines, or at every line
when it has no blank line) with the separators kept exactly, and each paragraph into
sentences by the text layer's segmenter. All sentences of a file are translated in one stream
(so batching works across paragraphs) and put back, sentence by sentence, in their place.
HTML and Markdown files are read by the text layer (`read_document`) and come out as plain
text, one paragraph per block; a Word file comes out as a Word file, styles kept (`word`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.text.readers import LANGUAGE_SUFFIXES, SUPPORTED, TEXT, WORD, read_file
from workbench.text.segment import segment_paragraphs
from workbench.translate.base import Translator

BLANK_LINES = re.compile(r"(\n[^\S\n]*\n\s*)")
CHUNK = 128  # sentences per call: large enough to batch well, small enough to show progress
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Layout:
    """A text as sentences, and what puts their translations back where they were."""

    sentences: tuple[str, ...]
    paragraph_of: tuple[int, ...]  # per sentence
    parts: tuple[str, ...]  # paragraph, separator, paragraph, ... as in the original
    suffix: str = ".txt"  # of the translated file
    word: bytes | None = None  # the original .docx, for a .docx out

    def rebuild(self, translations: Sequence[str], tgt: str = "") -> str | bytes:
        """The translated text, or for a Word file the translated .docx's bytes."""
        paragraphs = self.parts[0::2]
        joined: list[list[str]] = [[] for _ in paragraphs]
        for paragraph, translation in zip(self.paragraph_of, translations, strict=True):
            joined[paragraph].append(translation)
        if self.word is not None:
            from workbench.translate.word import translated_word

            return translated_word(self.word, [" ".join(j) for j in joined], tgt)
        parts = list(self.parts)
        for i, original in enumerate(paragraphs):
            lead = original[: len(original) - len(original.lstrip())]
            tail = original[len(original.rstrip()) :] if original.strip() else ""
            parts[2 * i] = lead + " ".join(joined[i]) + tail
        return "".join(parts)


def text_layout(text: str, src: str, suffix: str = ".txt") -> Layout:
    """Paragraphs at blank lines (or one per line without any), then sentences."""
    parts = BLANK_LINES.split(text) if BLANK_LINES.search(text) else re.split(r"(\n)", text)
    segments = segment_paragraphs([p.strip() for p in parts[0::2]], src)
    return Layout(
        tuple(s.text for s in segments), tuple(s.paragraph for s in segments), tuple(parts), suffix
    )


def file_layout(path: Path, src: str) -> Layout:
    """A plain text file keeps its layout; other formats come out one paragraph per block."""
    suffix = path.suffix.lower()
    if suffix in TEXT:
        return text_layout(read_file(path).raw_text, src, suffix)
    if suffix in WORD:
        return word_layout(path, src)
    from workbench.text.ingest import read_document

    document = read_document(path, src)
    parts: list[str] = []
    for paragraph in document.paragraphs:
        parts += [paragraph, "\n\n"]
    parts[-1] = "\n"
    return Layout(
        tuple(s.text for s in document.segments),
        tuple(s.paragraph for s in document.segments),
        tuple(parts),
    )


def word_layout(path: Path, src: str) -> Layout:
    """A .docx: a paragraph per Word paragraph, rebuilt into a copy of the file."""
    import hashlib

    from workbench.translate.word import word_paragraphs
    from workbench.userfiles import Limits, read_input

    limits = Limits.of()
    checked = read_file(path, limits)  # the package checked (size, XML, no DTD) first
    data = read_input(path, limit_mb=limits.report_mb, setting="max_report_mb")
    if hashlib.sha256(data).hexdigest() != checked.sha256:  # python-docx opens what was checked
        raise InputError(f"{path} changed while it was being read; translate it again.")
    texts = word_paragraphs(data)
    if not texts:
        raise InputError(f"{path} holds no text to translate.")
    segments = segment_paragraphs(texts, src)
    parts = tuple(part for text in texts for part in (text, "\n\n"))[:-1]
    return Layout(
        tuple(s.text for s in segments),
        tuple(s.paragraph for s in segments),
        parts,
        ".docx",
        data,
    )


def translate_text(
    text: str, src: str, translator: Translator, progress: Progress | None = None
) -> str:
    """`text` translated, with its paragraph breaks, leading and trailing space unchanged."""
    layout = text_layout(text, src)
    translated = layout.rebuild(translate_stream(translator, layout.sentences, progress))
    assert isinstance(translated, str)  # a text's layout rebuilds text (only Word's is bytes)
    return translated


def translate_stream(
    translator: Translator, texts: Sequence[str], progress: Progress | None = None
) -> list[str]:
    outputs: list[str] = []
    for start in range(0, len(texts), CHUNK):
        chunk = list(texts[start : start + CHUNK])
        outputs += translator.translate(chunk)
        if progress:
            progress(len(chunk))
    return outputs


def input_files(path: Path) -> list[Path]:
    """The files to translate: `path` itself, or the report files under a folder."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path} does not exist: give a report file or a folder of them.")
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    if not files:
        raise InputError(f"{path} holds no report files ({', '.join(SUPPORTED)}) to translate.")
    return files


def output_path(source: Path, root: Path, out: Path, tgt: str, suffix: str) -> Path:
    """Where the translation of `source` goes: `out` for one file, else mirrored under `out`
    as NAME.TGT.SUFFIX (a file named by its language, test.en, becomes test.ar)."""
    if source == root and not out.is_dir():
        return out
    relative = source.relative_to(root) if source != root else Path(source.name)
    if suffix in LANGUAGE_SUFFIXES:
        return out / relative.with_suffix(f".{tgt}")
    return out / relative.with_name(f"{relative.stem}.{tgt}{suffix}")


def write_text(path: Path, text: str) -> None:
    """Write whole or not at all ("-": standard output); see `workbench.outputs`."""
    from workbench.outputs import write_output

    write_output(path, text)
