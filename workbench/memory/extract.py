"""Term candidates from the archive: pairs of n-grams that translate each other across beads.

The units are the memory's entries derived from aligned beads (reviewed or not; flagged and
rejected beads are not in the memory). On each side, every n-gram of one to `max_words`
words that neither opens nor closes with a stopword is counted once per unit, its words
reduced to a common form first (an affix the termmatch rules allow is taken off when the form
left is one other words of the corpus share too, so بغداد stays بغداد while لبغداد and
Hewlêrê/Hewlêra meet at بغداد and hewlêr). A source n-gram found in at least `min_count`
units (and not only ever inside one longer n-gram) is paired with the target n-gram of
highest Dice coefficient over units, 2·both / (source + target), when that is at least
`min_dice` and they share `min_count` units. Source n-grams written capitalised in a Latin
script are "name"s, single upper-case words "acronym"s, the rest "phrase"s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from workbench.memory.termmatch import LATIN, WORD, fold, forms, morphology, term_words
from workbench.records import TermCandidate
from workbench.store import memory as tm_store
from workbench.store import terms as store
from workbench.store.db import Database
from workbench.text.languages import LANGUAGES

MIN_COUNT = 2
MIN_DICE = 0.6
MAX_WORDS = 3
EXAMPLES = 5

Key = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    source: str
    target: str
    where: str  # "report/bead"


def extract_terms(
    db: Database,
    reports: Sequence[str] | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    *,
    min_count: int = MIN_COUNT,
    min_dice: float = MIN_DICE,
    max_words: int = MAX_WORDS,
) -> list[TermCandidate]:
    """Find term candidates in the aligned beads of `reports` (all when None), for `pairs`
    (default: every pair of languages, in the order en, ar, ckb, kmr), and store them for a
    reviewer (a pair found again keeps its decision). Returns them as stored."""
    from workbench.memory.sources import refresh_memory

    refresh_memory(db)
    found: list[TermCandidate] = []
    for src, tgt in pairs or list(combinations(LANGUAGES, 2)):
        units = aligned_units(db, src, tgt, reports)
        found += candidates(
            units, src, tgt, min_count=min_count, min_dice=min_dice, max_words=max_words
        )
    store.save_candidates(db, found)
    return store.find_candidates(db, [(c.src_lang, c.tgt_lang, c.source, c.target) for c in found])


def aligned_units(db: Database, src: str, tgt: str, reports: Sequence[str] | None) -> list[Unit]:
    units: dict[tuple[str, str], Unit] = {}
    for entry in tm_store.iter_entries(
        db, src=src, tgt=tgt, origins=("reviewed", "aligned"), reports=reports
    ):
        where = f"{entry.report}/{entry.bead_id}"
        units.setdefault((entry.source, entry.target), Unit(entry.source, entry.target, where))
    return list(units.values())


def candidates(
    units: Sequence[Unit],
    src: str,
    tgt: str,
    *,
    min_count: int = MIN_COUNT,
    min_dice: float = MIN_DICE,
    max_words: int = MAX_WORDS,
) -> list[TermCandidate]:
    """The term pairs of these units (see the module's docstring), best first."""
    sources = Side([u.source for u in units], src, max_words)
    targets = Side([u.target for u in units], tgt, max_words)
    kept = sources.maximal({k for k, n in sources.counts.items() if n >= min_count})
    frequent = {k for k, n in targets.counts.items() if n >= min_count}
    both: Counter[tuple[Key, Key]] = Counter()
    where: dict[tuple[Key, Key], list[str]] = {}
    for i, unit in enumerate(units):
        for s in sources.keys[i] & kept:
            for t in targets.keys[i] & frequent:
                both[(s, t)] += 1
                where.setdefault((s, t), []).append(unit.where)
    best: dict[Key, tuple[tuple, Key]] = {}
    for (s, t), shared in both.items():
        dice = 2 * shared / (sources.counts[s] + targets.counts[t])
        rank = (
            round(dice, 6),
            shared,
            -abs(len(t) - len(s)),
            sounds_alike(sources.shown(s), src, targets.shown(t), tgt),
            targets.surfaces[t].most_common(1)[0][1],
            -len(t),
        )
        if dice >= min_dice and shared >= min_count and (s not in best or rank > best[s][0]):
            best[s] = (rank, t)
    found = [
        TermCandidate(
            src_lang=src,
            tgt_lang=tgt,
            source=sources.shown(s),
            target=targets.shown(t),
            kind=sources.kind(s),
            score=round(rank[0], 3),
            count=rank[1],
            examples=tuple(where[(s, t)][:EXAMPLES]),
        )
        for s, (rank, t) in best.items()
    ]
    return sorted(found, key=lambda c: (-c.score, -c.count, c.source))


def sounds_alike(a: str, a_lang: str, b: str, b_lang: str) -> float:
    """0-100: how alike two names sound, compared as Latin consonant skeletons (Erbil ~ أربيل
    ~ Hewlêr is left to counting; Kirkuk ~ كركوك ~ Kerkûk is heard)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(skeleton(a, a_lang), skeleton(b, b_lang))


def skeleton(text: str, lang: str) -> str:
    """The consonants of a text written in Latin letters: "Baghdad" and "بغداد" give "bghdd"."""
    from workbench.text.rules import rules

    table = rules(lang).romanize
    letters = "".join(table.get(c, c) for c in " ".join(term_words(text, lang)))
    consonants = re.sub("[aeiouyw' ]", "", letters)
    return re.sub(r"(.)\1+", r"\1", consonants)


class Side:
    """One language's texts as n-gram keys per unit, with counts and surfaces per key."""

    def __init__(self, texts: Sequence[str], lang: str, max_words: int):
        from workbench.text.rules import rules

        self.lang = lang
        self.stopwords = {fold(w, lang)[0] for w in rules(lang).stopwords}
        words = [self._words(text) for text in texts]
        common = self._common_forms(w for text in words for _, w in text)
        self.keys: list[set[Key]] = []
        self.counts: Counter[Key] = Counter()
        self.surfaces: dict[Key, Counter[str]] = {}
        self.extra: dict[tuple[Key, str], int] = {}  # letters a surface has beyond the key's
        for text, text_words in zip(texts, words, strict=True):
            keys = set()
            for n in range(1, max_words + 1):
                for i in range(len(text_words) - n + 1):
                    gram = text_words[i : i + n]
                    key = tuple(common[w] for _, w in gram)
                    if self._term_like(key):
                        keys.add(key)
                        span = text[gram[0][0][0] : gram[-1][0][1]]
                        self.surfaces.setdefault(key, Counter())[span] += 1
                        self.extra[(key, span)] = sum(len(w) for _, w in gram) - len("".join(key))
            self.keys.append(keys)
            self.counts.update(keys)

    def _words(self, text: str) -> list[tuple[tuple[int, int], str]]:
        folded, places = fold(text, self.lang)
        return [
            ((places[m.start()], places[m.end() - 1] + 1), m.group()) for m in WORD.finditer(folded)
        ]

    def _common_forms(self, words: Iterable[str]) -> dict[str, str]:
        """Each word's common form: its shortest form that is a word of the corpus or a form of
        two different words of it."""
        morph = morphology(self.lang)
        seen = set(words)
        of = {w: forms(w, morph, first=True) for w in seen}
        shared = Counter(f for found in of.values() for f in found)
        return {
            w: min((f for f in found if f in seen or shared[f] > 1), key=lambda f: (len(f), f))
            for w, found in of.items()
        }

    def _term_like(self, key: Key) -> bool:
        if key[0] in self.stopwords or key[-1] in self.stopwords:
            return False
        if any(w.isdigit() for w in key):
            return False
        return len(key) > 1 or len(key[0]) > 2

    def maximal(self, keys: set[Key]) -> set[Key]:
        """Leave out n-grams never found outside one longer n-gram."""
        inside = {
            longer[i : i + n]
            for longer in keys
            for n in range(1, len(longer))
            for i in range(len(longer) - n + 1)
            if self.counts[longer[i : i + n]] == self.counts[longer]
        }
        return keys - inside

    def shown(self, key: Key) -> str:
        """How the n-gram is shown: as written where it carries the fewest affixes, and of
        those the most frequent."""
        seen = self.surfaces[key]
        return min(seen, key=lambda span: (self.extra[(key, span)], -seen[span], span))

    def kind(self, key: Key) -> str:
        surface = self.shown(key)
        words = WORD.findall(surface)
        if self.lang not in LATIN:
            return "phrase"
        if len(words) == 1 and len(surface) > 1 and surface.isupper():
            return "acronym"
        return "name" if all(w[0].isupper() for w in words) else "phrase"
