"""What the aligner lets a user choose, declared once: signals, bead sizes, lexicons.

The command line (`workbench align`, `align-report`), job specs (`[align]`) and the UI read
these names, defaults and limits from here, so they cannot drift apart; every field of
`SearchParams` and `LexiconParams` is a setting. Nothing here
imports numpy or the signals (`SIGNALS` names them, imported at first use): front ends
import this module at start-up.

`SETTINGS` lists every tunable parameter with its kind and help; each belongs to one of two
parameter objects, `SearchParams` (how the aligner searches) and `LexiconParams` (how the
"learned" signal builds its lexicon), and carries that object's default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from workbench.errors import InputError
from workbench.registry import Registry

# The signals by name, each a `Signal` class made with `from_options` (see signals/base.py).
SIGNALS = Registry(
    "alignment signal",
    {
        "length": "workbench.align.signals.length:LengthSignal",
        "lexical": "workbench.align.signals.lexical:LexicalSignal",
        "learned": "workbench.align.signals.learned:LearnedSignal",
        "mt": "workbench.align.signals.translation:TranslationSignal",
        "embeddings": "workbench.align.signals.embedding:EmbeddingSignal",
    },
    aliases={"translation": "mt", "embedding": "embeddings"},
    error=InputError,
)
SIGNAL_NAMES = SIGNALS.names
DEFAULT_SIGNALS = ("length", "lexical")
LEXICON_METHODS = ("model1", "dice")
DICTIONARIES = ("auto", "none")  # or a folder holding dictd files
AUTO, NONE = "auto", "none"
EMBEDDERS = (AUTO, NONE)  # or a model: "auto", the catalog's embedder when it is here
COLLECTION = "collection"  # a lexicon learned from every stored report of the pair
# how much dearer leaving out a sentence of one side becomes when the first path left out the
# other side's sentences more often (times the log of the ratio; see search.skip_shift);
# tuned on Text+Berg dev and TICO-19 long sentences (bench/align_eval.py)
SKIP_FIT = 2.0


@dataclass(frozen=True)
class SearchParams:
    """How the aligner searches and what a bead costs before any signal speaks.

    A bead's cost is `merge_cost` per sentence beyond the first on each side (so 1-1 costs 0,
    2-1 costs merge_cost, 2-2 and 1-3 twice that), minus the weighted evidence of the signals;
    leaving a sentence unaligned (1-0 or 0-1) costs `skip_cost` (less for a line of a few
    characters, see the length signal; more on the side a document leaves out less often,
    see `SKIP_FIT`). The confidence of a bead is the logistic
    1 / (1 + exp(-(margin + confidence_shift) / confidence_scale)), where the margin is how
    much dearer the best alignment without that bead is: a tie (margin 0) is about a coin
    toss. Shift and scale were fitted (maximum likelihood) to the strict hits
    of the beads of the tuning sets, so that a confidence reads as a probability of being
    right (see the calibration table of `bench/align_eval.py`).

    Beads join up to `max_side` sentences with one (1-n and n-1), and up to `max_many`
    sentences in all when both sides have two or more (4: 2-2; 5: also 2-3 and 3-2). The
    coarse-to-fine search uses beads of up to 1-3, 3-1 and 2-2; larger ones are searched in a
    second pass at the finest level, within `refine_radius` corners of the first path.
    """

    max_side: int = 6  # sentences on the long side of a 1-n or n-1 bead
    max_many: int = 5  # sentences in a bead with two or more on each side
    radius: int = 10  # corners searched on each side of the coarse path
    refine_radius: int = 2  # corners searched around the first path for larger beads
    full_cells: int = 40_000  # search the whole grid when n * m is at most this
    skip_cost: float = 2.75  # tuned on Text+Berg dev and TICO-19 long sentences
    merge_cost: float = 2.0
    confidence_shift: float = 0.4
    confidence_scale: float = 2.0

    def __post_init__(self) -> None:
        _check(self)

    def signature(self) -> str:
        return (
            f"beads:1-{self.max_side}/{self.max_many}|radius:{self.radius}/{self.refine_radius}"
            f"|skip:{self.skip_cost:g}|merge:{self.merge_cost:g}"
            f"|conf:{self.confidence_shift:g}/{self.confidence_scale:g}|skipfit:{SKIP_FIT:g}"
        )


@dataclass(frozen=True)
class LexiconParams:
    """How the "learned" signal builds its lexicon (see `workbench.align.lexicon`)."""

    method: str = "model1"  # model1 (IBM Model 1) or dice
    min_count: int = 2  # word pairs seen together fewer times are not learned
    min_confidence: float = 0.75  # beads of the first alignment learned from
    dictionaries: str = "auto"  # auto: installed FreeDict dictd files; none; or a folder

    def __post_init__(self) -> None:
        _check(self)


@dataclass(frozen=True)
class Setting:
    """One tunable parameter: `name` is the Python keyword of `align()` and the job option;
    the command line spells it with dashes (`--max-side`). It sets the field `attribute`
    (`name` when empty) of `owner`."""

    name: str
    owner: type
    kind: str  # "int", "number" or "choice"
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    attribute: str = ""

    @property
    def field(self) -> str:
        return self.attribute or self.name

    @property
    def default(self) -> Any:
        return next(f.default for f in fields(self.owner) if f.name == self.field)

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS = (
    Setting("max_side", SearchParams, "int", "most sentences on the long side of a 1-n or n-1 "
            "bead (6 allows 1-6)", minimum=1, maximum=12),
    Setting("max_many", SearchParams, "int", "most sentences in a bead with two or more on each "
            "side (4: 2-2; 5: also 2-3 and 3-2; 3: none)", minimum=3, maximum=8),
    Setting("refine_radius", SearchParams, "int", "how far from the first path (in sentences) "
            "the second pass looks for beads larger than 1-3 and 2-2", minimum=1, maximum=20),
    Setting("radius", SearchParams, "int", "how far from the coarse path (in sentences) the "
            "finer levels of the search look", minimum=1, maximum=200),
    Setting("full_cells", SearchParams, "int", "search the whole grid, not around a coarse "
            "path, when source x target sentences are at most this", minimum=0,
            maximum=4_000_000),
    Setting("skip_cost", SearchParams, "number", "the cost of leaving a sentence unaligned "
            "(1-0 or 0-1; higher: fewer left out)", minimum=0.0, maximum=50.0),
    Setting("merge_cost", SearchParams, "number", "the cost of each sentence beyond the first "
            "on each side of a bead (higher: fewer merges)", minimum=0.0, maximum=50.0),
    Setting("confidence_shift", SearchParams, "number", "added to a bead's margin before the "
            "logistic that makes its confidence (fitted on the tuning sets: change it only to "
            "recalibrate)", minimum=-50.0, maximum=50.0),
    Setting("confidence_scale", SearchParams, "number", "the margin is divided by this in "
            "the logistic that makes a bead's confidence (fitted with the shift)",
            minimum=0.01, maximum=100.0),
    Setting("lexicon_method", LexiconParams, "choice", "how the learned signal learns its "
            "lexicon: model1 (IBM Model 1) or dice", LEXICON_METHODS, attribute="method"),
    Setting("lexicon_min_count", LexiconParams, "int", "word pairs the learned signal needs to "
            "see together at least this often", minimum=1, maximum=1000, attribute="min_count"),
    Setting("lexicon_min_confidence", LexiconParams, "number", "the learned signal learns from "
            "beads of the first alignment at least this confident", minimum=0.0, maximum=1.0,
            attribute="min_confidence"),
)  # fmt: skip


def parameters(**values: Any) -> tuple[SearchParams, LexiconParams]:
    """The two parameter objects from setting values by their `SETTINGS` names (None or
    missing: the default); `dictionaries` may be given too."""
    given = {s: values[s.name] for s in SETTINGS if values.get(s.name) is not None}
    search = {s.field: v for s, v in given.items() if s.owner is SearchParams}
    lexicon = {s.field: v for s, v in given.items() if s.owner is LexiconParams}
    if values.get("dictionaries") is not None:
        lexicon["dictionaries"] = values["dictionaries"]
    return SearchParams(**search), LexiconParams(**lexicon)


def _check(params: Any) -> None:
    """Refuse values outside a setting's limits, whoever made the parameter object."""

    for s in SETTINGS:
        if s.owner is not type(params):
            continue
        value = getattr(params, s.field)
        if s.choices and value not in s.choices:
            raise InputError(f"{s.name} must be one of {', '.join(s.choices)}, not {value!r}.")
        low = s.minimum if s.minimum is not None else -float("inf")
        high = s.maximum if s.maximum is not None else float("inf")
        number = isinstance(value, int if s.kind == "int" else int | float)
        number = number and not isinstance(value, bool)
        if s.kind != "choice" and not (number and low <= value <= high):
            raise InputError(
                f"{s.name} must be a number from {s.minimum:g} to {s.maximum:g}, not {value!r}."
            )
