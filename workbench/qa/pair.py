"""What every check looks at: the two sides of a bead, and what is known about the pair.

A `Side` is one version's text with its language, and keeps what one check read from it
(its numbers, its dates) for the next check to reuse. A `Pair` is the two sides with what is
known beyond the bead: the length model of the document pair, a machine translation of the
source, a glossary. `Pair.swapped()` is the same pair seen from the other side: checks are
written so that swapping the sides mirrors what they find.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.records import Finding
from workbench.text.languages import SCRIPTS, SHORT_NAMES, canonical
from workbench.text.normalize import fold_in_place
from workbench.text.rules import rules

if TYPE_CHECKING:
    from workbench.qa.terms import Glossary

T = TypeVar("T")

# The spread of log(target length / source length) between faithful translations, measured
# on FLORES-200 dev and TICO-19 (en-ar, en-ckb, en-kmr): about 0.23 for sentences of 45
# characters, 0.15 for 125, 0.11 for 400. Var = FLOOR + PER_CHAR / length fits all three.
SPREAD_FLOOR = 0.008
SPREAD_PER_CHAR = 1.8


@dataclass
class Side:
    """One version of a bead: its text, its language, and what checks read from it."""

    text: str
    lang: str
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.lang = canonical(self.lang)

    @cached_property
    def folded(self) -> str:
        """The text folded for matching, of the same length (see `fold_in_place`)."""
        return fold_in_place(self.text, self.lang)

    @property
    def name(self) -> str:
        return SHORT_NAMES[self.lang]

    @property
    def script(self) -> str:
        """ "Latn" or "Arab"."""
        return SCRIPTS[self.lang]

    def memo(self, key: str, make: Callable[[Side], T]) -> T:
        """What `make(self)` returns, computed once per side."""
        if key not in self._memo:
            self._memo[key] = make(self)
        return self._memo[key]


@dataclass(frozen=True)
class LengthModel:
    """How long the target of a faithful translation is: `log_ratio` is the expected
    log(target length / source length) of this document pair."""

    log_ratio: float

    @classmethod
    def prior(cls, src_lang: str, tgt_lang: str) -> LengthModel:
        """What the languages' rules files say, before any text of the pair is seen."""
        src, tgt = rules(src_lang).per_english_char, rules(tgt_lang).per_english_char
        return cls(math.log(tgt / src))

    @classmethod
    def estimate(
        cls, pairs: list[tuple[str, str]], src_lang: str, tgt_lang: str, *, weight: int = 20
    ) -> LengthModel:
        """The pair's own ratio (median over beads with text on both sides), drawn towards
        the prior as if the prior were `weight` beads, so a short document leans on it."""
        logs = sorted(
            math.log(len(t.strip()) / len(s.strip())) for s, t in pairs if s.strip() and t.strip()
        )
        prior = cls.prior(src_lang, tgt_lang).log_ratio
        if not logs:
            return cls(prior)
        median = logs[len(logs) // 2]
        return cls((median * len(logs) + prior * weight) / (len(logs) + weight))

    def z(self, src_chars: int, tgt_chars: int) -> float:
        """How far the target's length is from the expected one, in spreads (negative:
        shorter). Symmetric: swapping the sides (and the model) negates it."""
        mean = (src_chars + tgt_chars) / 2
        spread = math.sqrt(SPREAD_FLOOR + SPREAD_PER_CHAR / max(mean, 1.0))
        return (math.log(tgt_chars / src_chars) - self.log_ratio) / spread

    def swapped(self) -> LengthModel:
        return LengthModel(-self.log_ratio)


@dataclass
class Pair:
    """The two versions of a bead, and what else is known about them."""

    src: Side
    tgt: Side
    length: LengthModel | None = None
    mt: str | None = None  # the source machine-translated into the target's language
    glossary: Glossary | None = None

    @classmethod
    def of(cls, src: str, tgt: str, src_lang: str, tgt_lang: str, **known: Any) -> Pair:
        return cls(Side(src, src_lang), Side(tgt, tgt_lang), **known)

    @property
    def lengths(self) -> LengthModel:
        return self.length or LengthModel.prior(self.src.lang, self.tgt.lang)

    def swapped(self) -> Pair:
        """The pair seen from the target (without a machine translation: it goes one way)."""
        length = self.length.swapped() if self.length else None
        return Pair(self.tgt, self.src, length, None, self.glossary)


def finding(
    check: str,
    severity: str,
    message: str,
    src_span: tuple[int, int] | None = None,
    tgt_span: tuple[int, int] | None = None,
) -> Finding:
    return Finding(check, severity, message, src_span, tgt_span)


def mirrored(found: Finding, names: dict[str, str] | None = None) -> Finding:
    """A finding made on the swapped pair, as it reads on the pair itself: spans swapped,
    and the check renamed where it has a mirror image (omission <-> addition)."""
    names = names or {}
    return Finding(
        names.get(found.check, found.check),
        found.severity,
        found.message,
        found.tgt_span,
        found.src_span,
    )
