"""The MQM penalty model: error points, and a quality score per number of source words.

The raw (non-calibrated) MQM scoring model (themqm.org, "The MQM Scoring Models" and
"Values and Scores"): each error costs its severity's multiplier times its type's weight;
their sum is the Absolute Penalty Total (APT). Divided by the Evaluation Word Count (EWC,
source words of the evaluated text, as ASTM counts them) it is the per-word penalty; times
the Reference Word Count (RWC, 1000 by default) it is the penalty per RWC words; the quality
score is the Maximum Score Value (100) minus that:

    score = 100 - APT / EWC * RWC

It is not clipped at 0: a score below 0 says there are more penalty points than the scale
holds, and clipping would hide how much.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import ConfigError
from workbench.mqm.typology import CATEGORIES, DIMENSIONS, SEVERITIES, dimension

SEVERITY_WEIGHTS: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
REFERENCE_WORDS = 1000
MAX_SCORE = 100.0


@dataclass(frozen=True)
class PenaltyModel:
    """Severity multipliers, error type weights (1 unless named; a dimension's weight is its
    types' too) and the reference word count."""

    severities: Mapping[str, float] = field(default_factory=lambda: dict(SEVERITY_WEIGHTS))
    categories: Mapping[str, float] = field(default_factory=dict)
    per_words: int = REFERENCE_WORDS

    def weight(self, category: str, severity: str) -> float:
        """The penalty points of one error."""
        kind = self.categories.get(category, self.categories.get(dimension(category), 1.0))
        return self.severities[severity] * kind

    def penalty(self, errors: Iterable[tuple[str, str]]) -> float:
        """The Absolute Penalty Total of (category, severity) errors."""
        return sum(self.weight(category, severity) for category, severity in errors)

    def score(self, penalty: float, words: int) -> float | None:
        """100 - penalty per `per_words` source words; None when no words were evaluated."""
        if words <= 0:
            return None
        return MAX_SCORE - penalty / words * self.per_words

    def signature(self) -> str:
        """How the scores were made, e.g. `mqm|minor:1|major:5|critical:25|rwc:1000|ewc:src`."""
        parts = [f"{s}:{self.severities[s]:g}" for s in SEVERITIES]
        parts += [f"{c}:{w:g}" for c, w in sorted(self.categories.items())]
        return "|".join(["mqm", *parts, f"rwc:{self.per_words}", "ewc:src"])


def model_from(table: Mapping[str, Any] | None) -> PenaltyModel:
    """A model from the `[mqm]` table of workbench.toml (or `--weight` flags): severity names,
    category names (or dimensions) and `per_words`, each with a number."""
    table = dict(table or {})
    severities, categories = dict(SEVERITY_WEIGHTS), {}
    per_words = REFERENCE_WORDS
    for key, value in table.items():
        number = _number(key, value)
        if key == "per_words":
            if number < 1 or number != int(number):
                raise ConfigError(f"MQM per_words is {value!r}: give a whole number of words ≥ 1.")
            per_words = int(number)
        elif key in SEVERITIES:
            severities[key] = number
        elif key in CATEGORIES or key in DIMENSIONS:
            categories[key] = number
        else:
            raise ConfigError(
                f"Unknown MQM weight {key!r}: use a severity ({', '.join(SEVERITIES)}), a "
                f"category ({', '.join(CATEGORIES)}) or per_words."
            )
    return PenaltyModel(severities, categories, per_words)


def _number(key: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"MQM weight {key!r} is {value!r}, which is not a number.") from None
    if number < 0:
        raise ConfigError(f"MQM weight {key!r} is {value!r}: weights are 0 or more.")
    return number
