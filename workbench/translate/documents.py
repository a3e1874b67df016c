"""Translating whole texts and files, keeping their paragraphs and blank lines where they were.

A text is cut into paragraphs at blank lines (the separators are kept exactly), each paragraph
into sentences by the text layer's segmenter; all sentences are translated in one stream (so
batching works across paragraphs) and put back, sentence by sentence, paragraph by paragraph.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.text.segment import segment_paragraphs
from workbench.translate.base import Translator

PARAGRAPH_BREAK = re.compile(r"(\n[^\S\n]*\n\s*)")
SUFFIXES = (".txt", ".md")  # plain text files; the text layer's reader will add more
CHUNK = 128  # sentences per call: large enough to batch well, small enough to show progress
Progress = Callable[[int], None]


def translate_text(
    text: str, src: str, translator: Translator, progress: Progress | None = None
) -> str:
    """`text` translated, with its paragraph breaks, leading and trailing space unchanged."""
    parts = PARAGRAPH_BREAK.split(text)
    paragraphs = parts[0::2]
    lead = [p[: len(p) - len(p.lstrip())] for p in paragraphs]
    tail = [p[len(p.rstrip()) :] for p in paragraphs]
    segments = segment_paragraphs([p.strip() for p in paragraphs], src)
    outputs = translate_stream(translator, [s.text for s in segments], progress)
    sentences: list[list[str]] = [[] for _ in paragraphs]
    for segment, output in zip(segments, outputs, strict=True):
        sentences[segment.paragraph].append(output)
    rebuilt = [lead[i] + " ".join(sentences[i]) + tail[i] for i in range(len(paragraphs))]
    parts[0::2] = rebuilt
    return "".join(parts)


def translate_stream(
    translator: Translator, texts: Sequence[str], progress: Progress | None = None
) -> list[str]:
    outputs: list[str] = []
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        outputs += translator.translate(chunk)
        if progress:
            progress(len(chunk))
    return outputs


def count_sentences(text: str, src: str) -> int:
    return len(segment_paragraphs([p.strip() for p in PARAGRAPH_BREAK.split(text)[0::2]], src))


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; save it as UTF-8 and try again.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path} ({exc.strerror}).") from None


def input_files(path: Path) -> list[Path]:
    """The text files to translate: `path` itself, or the text files under a folder."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path} does not exist: give a text file or a folder of them.")
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise InputError(f"{path} holds no text files ({', '.join(SUFFIXES)}) to translate.")
    return files


def output_path(source: Path, root: Path, out: Path, tgt: str) -> Path:
    """Where the translation of `source` goes: `out` for one file, else mirrored under `out`
    as NAME.TGT.SUFFIX."""
    if source == root:
        return out / f"{source.stem}.{tgt}{source.suffix}" if out.is_dir() else out
    relative = source.relative_to(root)
    return out / relative.with_name(f"{relative.stem}.{tgt}{relative.suffix}")


def write_text(path: Path, text: str) -> None:
    """Write whole or not at all: a temporary file in the same folder, then a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temp, path)
    except OSError as exc:
        raise InputError(f"Cannot write {path} ({exc.strerror}); choose another -o.") from None
