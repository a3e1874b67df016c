"""A bilingual lexicon learned from the two documents themselves ("learned").

The idea of Moore's aligner and of hunalign's second pass: align once with the other
signals, learn which source and target words translate each other from the beads the first
alignment is sure of (IBM Model 1 by default, or Dice; see `workbench.align.lexicon`), then
align again comparing each source group's translated words with the target group's words.
A lexicon learned from a whole collection of reports, read from a file, or read from the
FreeDict dictionaries installed on this machine (`dict-freedict-eng-ara` and friends) joins
what the two documents teach; nothing leaves the machine and no dictionary is required.

A source sentence becomes the sum, over its words, of their translations weighted by their
probabilities; a target sentence is the bag of its words. As for machine translations, the
cosine of two groups' vectors is read against sentence pairs of the same documents that are
almost surely not translations of each other (`calibrate.ZScoredSignal`), so a poor lexicon
does not pass for a good one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from workbench.align.choices import AUTO, COLLECTION, DEFAULT_SIGNALS, LexiconParams, SearchParams
from workbench.align.features import Features
from workbench.align.lexicon import (
    Lexicon,
    dictionaries_for,
    learn,
    lexicon_words,
    pair_dictionary,
)
from workbench.align.signals.base import Pair
from workbench.align.signals.calibrate import ZScoredSignal
from workbench.align.signals.lexical import weighted
from workbench.errors import InputError
from workbench.records import Bead


class LearnedSignal(ZScoredSignal):
    """Words translated with a lexicon learned from a first alignment of the same pair."""

    name = "learned"
    default_weight = 1.0
    after_first_pass = True

    def __init__(
        self,
        weight: float | None = None,
        *,
        params: LexiconParams | None = None,
        lexicon: Lexicon | None = None,
        scale: float = 1.0,
        center: float = 2.0,
        floor: float = 4.0,
    ):
        super().__init__(weight, scale=scale, center=center, floor=floor)
        self.params = params or LexiconParams()
        self.given = lexicon
        self.lexicon = Lexicon()
        self.found: list[tuple[Path, bool]] = []  # dictionaries read (index, backwards)

    @classmethod
    def from_options(
        cls,
        *,
        lexicon: Any = None,
        lexicon_params: LexiconParams | None = None,
        db: Any = None,
        src_lang: str = "",
        tgt_lang: str = "",
        params: SearchParams | None = None,
        **_: Any,
    ) -> LearnedSignal:
        """From what `align()` was given: a `Lexicon`, a TSV lexicon file, "collection"
        (learned from every report in the store `db` with the same two languages), or a
        mapping of those by language pair ({"en-ar": ...}, "*" for any other pair: for
        `align_many`)."""
        if isinstance(lexicon, Mapping):
            lexicon = lexicon.get(f"{src_lang}-{tgt_lang}", lexicon.get("*"))
        if lexicon == COLLECTION:
            if db is None:
                raise InputError(
                    "A collection lexicon is learned from the reports in a store: align stored "
                    "reports (`workbench align-report`), or give a lexicon file."
                )
            from workbench.align.report import store_lexicon

            lexicon = store_lexicon(db, src_lang, tgt_lang, params=params,
                                    lexicon_params=lexicon_params)  # fmt: skip
        elif isinstance(lexicon, str | Path):
            lexicon = Lexicon.read(Path(lexicon))
        return cls(params=lexicon_params, lexicon=lexicon)

    def parameters(self) -> dict[str, Any]:
        p = self.params
        out: dict[str, Any] = {"method": p.method, "min_count": p.min_count}
        out |= {"min_conf": p.min_confidence, "entries": len(self.lexicon)}
        if self.given is not None:
            out["lexicon"] = self.given.origin or "given"
        if self.found:
            out["dict"] = "+".join(index.stem for index, _ in self.found)
        return out

    def raw_vectors(self, pair: Pair) -> tuple[Features, Features]:
        src_words = [lexicon_words(s) for s in pair.src]
        tgt_words = [lexicon_words(t) for t in pair.tgt]
        self.lexicon = self.learned(pair, src_words, tgt_words)
        src = [self.translated(words) for words in src_words]
        return weighted(src, [Counter(words) for words in tgt_words])

    def learned(
        self, pair: Pair, src_words: Sequence[list[str]], tgt_words: Sequence[list[str]]
    ) -> Lexicon:
        """What the first alignment's sure beads teach, joined with any lexicon given; the
        dictionaries installed for the pair give the words neither knows."""
        p = self.params
        links = sure_links(pair.extra.get("first", ()), src_words, tgt_words, p.min_confidence)
        lexicon = learn(links, p.method, min_count=p.min_count)
        if self.given is not None:
            lexicon = lexicon.merged(self.given)
        self.found = dictionaries_for(pair.src_lang, pair.tgt_lang, p.dictionaries)
        if self.found:  # for the document's words it did not teach: its own lexicon first
            words = {w for sentence in src_words for w in sentence} - lexicon.entries.keys()
            lexicon = lexicon.merged(pair_dictionary(self.found).only(words))
        return lexicon.pruned()

    def translated(self, words: list[str]) -> dict[str, float]:
        out: dict[str, float] = {}
        for word in words:
            for target, p in self.lexicon.translations(word).items():
                out[target] = out.get(target, 0.0) + p
        return out


MAX_LINKS = 5000  # beads learned from, the surest first: enough for a lexicon, bounded memory


def sure_links(
    beads: Iterable[Bead],
    src_words: Sequence[list[str]],
    tgt_words: Sequence[list[str]],
    min_confidence: float,
) -> list[tuple[list[str], list[str]]]:
    """(source words, target words) of the beads with both sides that the first alignment is
    sure of: confidence `min_confidence` or more, or else (when fewer than half pass, as
    with weak first signals) the surer half; at most MAX_LINKS, the surest."""
    matched = [b for b in beads if b.segments[0] and b.segments[1]]
    ranked = sorted(matched, key=lambda b: -b.confidence)
    passing = sum(b.confidence >= min_confidence for b in ranked)
    sure = ranked[: min(max(passing, len(ranked) // 2), MAX_LINKS)]
    return [
        (
            [w for i in bead.segments[0] for w in src_words[i]],
            [w for j in bead.segments[1] for w in tgt_words[j]],
        )
        for bead in sure
    ]


def collection_lexicon(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    *,
    src_lang: str,
    tgt_lang: str,
    signals: Sequence[str] = DEFAULT_SIGNALS,
    params: SearchParams | None = None,
    lexicon_params: LexiconParams | None = None,
    embedder: Any = AUTO,
) -> Lexicon:
    """One lexicon learned from many document pairs of one language pair (a collection of
    reports whose documents may each be too short to teach much): each pair is aligned with
    `signals` (and `embedder`, as `align` takes it), and the sure beads of all of them are
    learned from together."""
    from workbench.align.aligner import align

    p = lexicon_params or LexiconParams()
    links = []
    for src, tgt in pairs:
        found = align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, signals=signals,
                      params=params, embedder=embedder)  # fmt: skip
        src_words = [lexicon_words(s) for s in src]
        tgt_words = [lexicon_words(t) for t in tgt]
        links += sure_links(found.beads, src_words, tgt_words, p.min_confidence)
    lexicon = learn(links, p.method, min_count=p.min_count)
    lexicon.origin = f"collection({len(links)} beads)"
    return lexicon
