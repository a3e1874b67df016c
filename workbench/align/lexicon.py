"""Bilingual lexicons: learned from aligned sentences, read from a file or a dictionary.

A `Lexicon` maps a source word to the target words it translates to, each with a
probability (they sum to at most 1). Words are *lexicon words*: folded (lower case, no
accents or Arabic short vowels), Arabic-script words without the conjunction and the article
they are written with (و, ال, ب, ل, ...), and cut to their first `STEM` letters, so that
"governments" and "government", "والحكومة" and "حكومة" are one word.

Two ways to learn one from sentence pairs (beads whose alignment is trusted):
- IBM Model 1 (Brown et al. 1993), as Moore's aligner does: expectation-maximisation of
  t(target word | source word) over the pairs, a few iterations from uniform;
- Dice: for each source word, the target words it occurs with most reliably
  (2 * together / (source count + target count)), as hunalign's second pass does.
Either way only pairs seen together `min_count` times or more are kept.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from workbench.errors import InputError
from workbench.userfiles import MB, Limits, raise_hint, read_input

STEM = 6  # letters kept of a word: joins inflected forms of one word
LEXICON_METHODS = ("model1", "dice")
_TOKEN = re.compile(r"[^\W\d_]+")
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def fold(text: str) -> str:
    """Lower case without accents or Arabic short vowels and tatweel (for matching only)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c != "\u0640")


def lexicon_word(token: str) -> str:
    """The lexicon word of one token (see the module's docstring)."""
    word = fold(token)
    if _ARABIC_LETTER.match(word):
        for prefix in _PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
    return word[:STEM]


def lexicon_words(sentence: str) -> list[str]:
    """The lexicon words of a sentence, in order (numbers and one-letter words left out:
    the lexical signal already matches numbers)."""
    return [lexicon_word(t) for t in _TOKEN.findall(sentence) if len(t) > 1]


@dataclass
class Lexicon:
    """Source word -> {target word: probability}; `origin` says where the entries came from."""

    entries: dict[str, dict[str, float]] = field(default_factory=dict)
    origin: str = ""

    def __len__(self) -> int:
        return len(self.entries)

    def translations(self, word: str) -> Mapping[str, float]:
        return self.entries.get(word, {})

    def merged(self, other: Lexicon) -> Lexicon:
        """Both lexicons' entries; where both know a word, the average of their probabilities."""
        out = {s: dict(t) for s, t in self.entries.items()}
        for s, t in other.entries.items():
            mine = out.setdefault(s, {})
            both = s in self.entries
            for w in set(mine) | set(t):
                mine[w] = (mine.get(w, 0.0) + t.get(w, 0.0)) / 2 if both else t[w]
        origin = "+".join(o for o in (self.origin, other.origin) if o)
        return Lexicon(out, origin)

    def reversed(self) -> Lexicon:
        """The lexicon read from target to source (probabilities renormalised per word)."""
        out: dict[str, dict[str, float]] = {}
        for s, t in self.entries.items():
            for w, p in t.items():
                out.setdefault(w, {})[s] = p
        totals = {w: sum(t.values()) for w, t in out.items()}
        return Lexicon({w: {s: p / totals[w] for s, p in t.items()} for w, t in out.items()},
                       self.origin)  # fmt: skip

    def only(self, words: Iterable[str]) -> Lexicon:
        """The entries of these source words (a dictionary's, for one document's words)."""
        return Lexicon({w: self.entries[w] for w in set(words) if w in self.entries}, self.origin)

    def pruned(self, top: int = 3, floor: float = 0.05) -> Lexicon:
        """At most `top` translations per word, each with probability at least `floor`."""
        out = {}
        for s, t in self.entries.items():
            best = sorted(t.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            kept = {w: p for w, p in best if p >= floor}
            if kept:
                out[s] = kept
        return Lexicon(out, self.origin)

    def write(self, path: Path) -> None:
        """A TSV file: source word, target word, probability (one translation per line)."""
        rows = [
            f"{s}\t{w}\t{p:.4f}\n"
            for s in sorted(self.entries)
            for w, p in sorted(self.entries[s].items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        from workbench.formats.beads import write_text

        write_text(path, "".join(rows))

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        """A TSV lexicon: source word, target word and an optional probability per line
        (lines starting with # are comments). Words are made lexicon words on reading."""
        try:
            text = _user_file(Path(path)).decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(
                f"Cannot read the lexicon {path}: {err}; give a UTF-8 TSV file."
            ) from None
        entries: dict[str, dict[str, float]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                raise InputError(
                    f"{path} line {number} is not 'source word<TAB>target word[<TAB>probability]'."
                )
            weight = _probability(cells[2] if len(cells) > 2 else "1", path, number)
            _add_words(entries, cells[0], cells[1], weight)
        return cls(_normalised(entries), f"file:{Path(path).name}")


def _probability(cell: str, path: Path, number: int) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = -1.0
    if not 0.0 < value <= 1.0:
        raise InputError(f"{path} line {number}: the probability must be in (0, 1], not {cell!r}.")
    return value


def _add_words(
    entries: dict[str, dict[str, float]], source: str, target: str, weight: float
) -> None:
    """Every lexicon word of `source` translates to every lexicon word of `target`."""
    src = lexicon_words(source)
    tgt = lexicon_words(target)
    for s in src:
        row = entries.setdefault(s, {})
        for t in tgt:
            row[t] = max(row.get(t, 0.0), weight / len(tgt))


def _normalised(entries: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    out = {}
    for s, t in entries.items():
        total = sum(t.values())
        if total > 0:
            out[s] = {w: p / max(total, 1.0) for w, p in t.items()}
    return out


# --- learning -------------------------------------------------------------------------------


def learn(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    method: str = "model1",
    *,
    min_count: int = 2,
    iterations: int = 5,
) -> Lexicon:
    """A lexicon from pairs of (source words, target words) that translate each other."""
    if method not in LEXICON_METHODS:
        raise InputError(f"Unknown lexicon method {method!r}: use {', '.join(LEXICON_METHODS)}.")
    coded = _Coded(pairs)
    if not len(coded.rows):
        return Lexicon(origin=method)
    if method == "dice":
        return coded.dice(min_count)
    return coded.model1(min_count, iterations)


class _Coded:
    """Sentence pairs with words as integers, and every (pair, source word, target word)."""

    def __init__(self, pairs: Iterable[tuple[Sequence[str], Sequence[str]]]):
        self.src_vocab: dict[str, int] = {}
        self.tgt_vocab: dict[str, int] = {}
        rows, srcs, tgts = [], [], []
        for k, (src, tgt) in enumerate(pairs):
            s = sorted({self.src_vocab.setdefault(w, len(self.src_vocab)) for w in src})
            t = sorted({self.tgt_vocab.setdefault(w, len(self.tgt_vocab)) for w in tgt})
            if not s or not t:
                continue
            rows.append(np.full(len(s) * len(t), k, dtype=np.int64))
            srcs.append(np.repeat(np.asarray(s, dtype=np.int64), len(t)))
            tgts.append(np.tile(np.asarray(t, dtype=np.int64), len(s)))
        self.rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        self.src = np.concatenate(srcs) if srcs else np.zeros(0, dtype=np.int64)
        self.tgt = np.concatenate(tgts) if tgts else np.zeros(0, dtype=np.int64)

    def _entries(self, src: Any, tgt: Any, prob: Any) -> dict[str, dict[str, float]]:
        src_words, tgt_words = list(self.src_vocab), list(self.tgt_vocab)
        out: dict[str, dict[str, float]] = {}
        for s, t, p in zip(src.tolist(), tgt.tolist(), prob.tolist(), strict=True):
            out.setdefault(src_words[s], {})[tgt_words[t]] = float(p)
        return out

    def _pairs(self, min_count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Unique (source word, target word) pairs seen together `min_count` times or more,
        the index of each co-occurrence's pair (-1 when dropped) and their counts."""
        width = len(self.tgt_vocab)
        keys = self.src * width + self.tgt
        unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        kept = counts >= min_count
        new_id = np.where(kept, np.cumsum(kept) - 1, -1)
        return unique[kept] // width, unique[kept] % width, new_id[inverse], counts[kept]

    def dice(self, min_count: int) -> Lexicon:
        src, tgt, _, together = self._pairs(min_count)
        seen = np.unique(np.stack([self.rows, self.src]), axis=1)[1]
        src_count = np.bincount(seen, minlength=len(self.src_vocab))
        seen_t = np.unique(np.stack([self.rows, self.tgt]), axis=1)[1]
        tgt_count = np.bincount(seen_t, minlength=len(self.tgt_vocab))
        dice = 2 * together / (src_count[src] + tgt_count[tgt])
        return Lexicon(_normalised(self._entries(src, tgt, dice)), "dice")

    def model1(self, min_count: int, iterations: int) -> Lexicon:
        src, tgt, pair_of, _ = self._pairs(min_count)
        keep = pair_of >= 0
        rows, pair_of = self.rows[keep], pair_of[keep]
        t_of = tgt[pair_of]
        # a NULL source word takes what no kept pair explains: a constant share per target word
        null = 1.0 / max(len(self.tgt_vocab), 1)
        prob = np.full(len(src), 1.0 / max(len(self.tgt_vocab), 1))
        for _ in range(iterations):
            p = prob[pair_of]
            # the total over the pair's source words, for each (pair, target word)
            slot = rows * len(self.tgt_vocab) + t_of
            _, where = np.unique(slot, return_inverse=True)
            total = np.bincount(where, weights=p) + null
            share = p / total[where]
            counts = np.bincount(pair_of, weights=share, minlength=len(src))
            per_src = np.bincount(src, weights=counts, minlength=len(self.src_vocab))
            prob = counts / np.maximum(per_src[src], 1e-12)
        return Lexicon(self._entries(src, tgt, prob), "model1")


# --- dictionaries -------------------------------------------------------------------------


def read_dictd(index: Path, data: Path | None = None) -> Lexicon:
    """A dictd dictionary as a lexicon (read once per file and change; see `_read_dictd`)."""
    index = Path(index)
    try:
        stamp = index.stat().st_mtime_ns
    except OSError as err:
        raise InputError(f"Cannot read the dictd index {index}: {err}.") from None
    return _read_dictd(index, data, stamp)


@functools.lru_cache(maxsize=8)
def _read_dictd(index: Path, data: Path | None, stamp: int) -> Lexicon:
    """A dictd dictionary (a `.index` file and its `.dict` or `.dict.dz` data) as a lexicon.

    Each headword's entry holds its translations, one per line after the headword line
    (FreeDict's layout); phrases, grammar notes in angle brackets and glosses in brackets
    are dropped, and each translation's words count as equally likely.
    """
    index = Path(index)
    if data is None:
        stem = str(index)[: -len(".index")] if str(index).endswith(".index") else str(index)
        found = [Path(stem + ext) for ext in (".dict.dz", ".dict") if Path(stem + ext).is_file()]
        if not found:
            raise InputError(f"No .dict or .dict.dz file next to the dictd index {index}.")
        data = found[0]
    raw = _dictd_data(Path(data))
    entries: dict[str, dict[str, float]] = {}
    try:
        lines = _user_file(index).decode("utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise InputError(f"Cannot read the dictd index {index}: {err}.") from None
    for line in lines:
        cells = line.split("\t")
        if len(cells) != 3 or cells[0].startswith("00database"):
            continue
        start, size = _b64(cells[1]), _b64(cells[2])
        body = raw[start : start + size].decode("utf-8", errors="replace")
        for translation in _dictd_translations(body):
            _add_words(entries, cells[0], translation, 1.0)
    return Lexicon(_normalised(entries), f"dictd:{index.stem}")


def _dictd_data(path: Path) -> bytes:
    raw = _user_file(path)
    if path.suffix == ".dz" or raw[:2] == b"\x1f\x8b":  # dictzip is gzip with an index
        import gzip
        import io
        import zlib

        most = Limits.of().import_mb * MB  # a few kB of gzip can unpack to gigabytes
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(raw)).read(most + 1)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"Cannot read the dictd data {path}: {err}.") from None
        if len(data) > most:
            raise InputError(
                f"{path} unpacks to more than {most // MB} MB (max_import_mb); refused: "
                f"{raise_hint('max_import_mb')}."
            )
        return data
    return raw


def _user_file(path: Path) -> bytes:
    """A lexicon file's bytes: regular files only, at most max_import_mb (workbench.userfiles)."""

    return read_input(path, limit_mb=Limits.of().import_mb, setting="max_import_mb")


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(text: str) -> int:
    """dictd's numbers: base 64 digits, most significant first."""
    value = 0
    for c in text.strip():
        value = value * 64 + _B64.index(c)
    return value


def _dictd_translations(body: str) -> list[str]:
    """The translations in one dictd entry: the lines after the headword, cleaned."""
    out = []
    for line in body.splitlines()[1:]:
        line = re.sub(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|/[^/]*/", " ", line)
        line = re.sub(r"^\s*\d+\.\s*", "", line)
        for part in re.split(r"[;,]", line):
            part = part.strip()
            if part and len(part.split()) <= 3:
                out.append(part)
    return out


DICTD_FOLDER = Path("/usr/share/dictd")  # where Debian's dict-freedict-* packages install
DICTD_ENV = "WORKBENCH_DICTIONARIES"  # another folder for "auto" (the test suite's empty one)
# FreeDict's language codes. It names Kurmanji (Latin script) "kur"; its Sorani dictionary
# (ckb-kmr) spells Sorani in Latin letters, so it cannot meet Arabic-script Sorani text
FREEDICT = {"en": "eng", "ar": "ara", "kmr": "kur", "de": "deu", "fr": "fra", "is": "isl"}


# the FreeDict dictionaries Debian packages (dict-freedict-*) for the languages above
PACKAGED = ("freedict-eng-ara", "freedict-ara-eng", "freedict-kur-eng", "freedict-deu-fra",
            "freedict-fra-deu", "freedict-isl-eng")  # fmt: skip


def dictionary_folder() -> Path:
    """The folder "auto" reads: $WORKBENCH_DICTIONARIES when set, else Debian's."""
    return Path(os.environ.get(DICTD_ENV) or DICTD_FOLDER)


def dictionaries_for(src_lang: str, tgt_lang: str, where: str = "auto") -> list[tuple[Path, bool]]:
    """The FreeDict dictd dictionaries for the pair: `where` is "auto" (Debian's folder),
    "none", or a folder. Each comes with True when it goes from the target language to the
    source language (to be read backwards). None found is not an error: they are optional."""
    if where == "none":
        return []
    folder = dictionary_folder() if where == "auto" else Path(where)
    if where != "auto" and not folder.is_dir():
        raise InputError(f"There is no dictionary folder {folder}; give a folder of dictd files.")
    a, b = FREEDICT.get(src_lang.lower()), FREEDICT.get(tgt_lang.lower())
    if not a or not b or a == b or not folder.is_dir():
        return []
    found = []
    for name, backwards in ((f"freedict-{a}-{b}", False), (f"freedict-{b}-{a}", True)):
        index = folder / f"{name}.index"
        if index.is_file():
            found.append((index, backwards))
    return found


def pair_dictionary(found: Sequence[tuple[Path, bool]]) -> Lexicon:
    """The dictionaries `dictionaries_for` found, as one lexicon from source to target words
    (where both know a word, the average of the two), pruned as a learned one is."""
    stamps = []
    for index, backwards in found:
        try:
            stamps.append((Path(index), backwards, Path(index).stat().st_mtime_ns))
        except OSError as err:
            raise InputError(f"Cannot read the dictd index {index}: {err}.") from None
    return _pair_dictionary(tuple(stamps))


@functools.lru_cache(maxsize=4)
def _pair_dictionary(found: tuple[tuple[Path, bool, int], ...]) -> Lexicon:
    """`pair_dictionary`, once per set of dictionaries and their change times."""
    lexicon = Lexicon()
    for index, backwards, _ in found:
        read = read_dictd(index)
        lexicon = lexicon.merged(read.reversed() if backwards else read)
    return lexicon.pruned()


def installed_dictionaries(langs: Sequence[str]) -> tuple[dict[str, list[str]], list[str]]:
    """For each pair of `langs` ("en-ar"), the FreeDict dictionaries "auto" finds; and the
    Debian packages (PACKAGED) for those pairs that are not installed."""
    codes = {FREEDICT[lang] for lang in langs if lang in FREEDICT}
    found: dict[str, list[str]] = {}
    for k, a in enumerate(langs):
        for b in langs[k + 1 :]:
            names = [index.name.removesuffix(".index") for index, _ in dictionaries_for(a, b)]
            if names:
                found[f"{a}-{b}"] = names
    here = {name for names in found.values() for name in names}
    missing = [
        f"dict-{name}"
        for name in PACKAGED
        if set(name.split("-")[1:]) <= codes and name not in here
    ]
    return found, missing
