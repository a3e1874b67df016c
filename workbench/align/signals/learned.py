"""A bilingual lexicon learned from the two documents themselves (opt-in: "learned").

The idea of Moore's aligner and of hunalign's second pass: align once with length and
anchors, count which source and target words occur together in the 1-1 beads, keep for each
source word the target word it goes with most reliably (Dice coefficient at least
`min_dice`, together at least `min_count` times), then align again comparing each source
sentence's dictionary words with the target sentence's words. Nothing leaves the machine
and no dictionary is needed; it pays on documents of a few hundred sentences or more (a
30-sentence document teaches little) and costs a second alignment.
"""

from __future__ import annotations

from collections import Counter

from workbench.align.features import Features
from workbench.align.signals.base import Pair, VectorSignal
from workbench.align.signals.lexical import _TOKEN, _fold, shared_words_evidence, weighted


def words(sentence: str) -> set[str]:
    return {_fold(t) for t in _TOKEN.findall(sentence) if not t.isdigit() and len(t) > 1}


def learn_lexicon(
    links: list[tuple[set[str], set[str]]], *, min_count: int = 2, min_dice: float = 0.3
) -> dict[str, str]:
    """Source word -> the target word it co-occurs with best, from aligned sentence pairs."""
    src_count: Counter = Counter()
    tgt_count: Counter = Counter()
    together: Counter = Counter()
    for src, tgt in links:
        src_count.update(src)
        tgt_count.update(tgt)
        together.update((s, t) for s in src for t in tgt)
    best: dict[str, tuple[float, str]] = {}
    for (s, t), n in together.items():
        if n < min_count:
            continue
        dice = 2 * n / (src_count[s] + tgt_count[t])
        if dice >= min_dice and (dice, t) > best.get(s, (0.0, "")):
            best[s] = (dice, t)
    return {s: t for s, (_, t) in best.items()}


class LearnedSignal(VectorSignal):
    """Words translated with a lexicon learned from a first alignment of the same pair."""

    name = "learned"
    default_weight = 1.0

    def __init__(
        self,
        weight: float | None = None,
        *,
        scale: float = 4.0,
        miss: float = 1.0,
        min_count: int = 2,
        min_dice: float = 0.3,
        first_signals: tuple[str, ...] = ("length", "lexical"),
    ):
        super().__init__(weight)
        self.scale, self.miss = scale, miss
        self.min_count, self.min_dice = min_count, min_dice
        self.first_signals = first_signals
        self.lexicon: dict[str, str] = {}

    def parameters(self) -> dict:
        return {"scale": self.scale, "min_dice": self.min_dice, "entries": len(self.lexicon)}

    def vectors(self, pair: Pair) -> tuple[Features, Features]:
        from workbench.align.aligner import align

        first = align(pair.src, pair.tgt, src_lang=pair.src_lang, tgt_lang=pair.tgt_lang,
                      signals=self.first_signals, src_paragraphs=pair.src_paragraphs,
                      tgt_paragraphs=pair.tgt_paragraphs)  # fmt: skip
        src_words = [words(s) for s in pair.src]
        tgt_words = [words(t) for t in pair.tgt]
        links = [
            (src_words[b.segments[0][0]], tgt_words[b.segments[1][0]])
            for b in first.beads
            if len(b.segments[0]) == 1 and len(b.segments[1]) == 1
        ]
        self.lexicon = learn_lexicon(links, min_count=self.min_count, min_dice=self.min_dice)
        src = [Counter(self.lexicon[w] for w in ws if w in self.lexicon) for ws in src_words]
        tgt = [Counter(ws) for ws in tgt_words]
        return weighted(src, tgt)

    def from_cosine(self, cosine, src_empty, tgt_empty):
        return shared_words_evidence(cosine, src_empty, tgt_empty, self.scale, self.miss)
