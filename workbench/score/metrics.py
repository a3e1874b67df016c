"""BLEU, chrF, chrF++ and TER through sacrebleu: its numbers, its signatures, plus normalization.

A `Scoring` holds the segment statistics of one set of segment pairs, so the corpus score,
the score of any subset of segments (a document inside a collection) and every sentence
score come from one pass of counting, through sacrebleu's own arithmetic. Scores carry
sacrebleu's signature with `|textnorm:<scheme>` appended (see workbench.signature): the
normalization applied to hypotheses and references before scoring (`none` when the text is
scored as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError
from workbench.signature import TEXTNORM, Signature
from workbench.text.normalize import normalizer

METRICS = ("bleu", "chrf", "chrf++", "ter")
DEFAULT_METRICS = ("bleu", "chrf", "ter")
# sacrebleu's tokenizers that run without a download or an extra package. spm, flores101,
# flores200 and spBLEU-1K fetch a SentencePiece model from the internet on first use;
# ja-mecab and ko-mecab need MeCab dictionaries.
OFFLINE_TOKENIZERS = ("13a", "intl", "char", "none", "zh")
SENTENCEPIECE_TOKENIZERS = ("spm", "flores101", "flores200", "spBLEU-1K")
LOWER_IS_BETTER = frozenset({"ter"})
# What `workbench score -f` prints, as sacrebleu's own `-f`: its text lines or its JSON.
OUTPUT_FORMATS = ("text", "json")


@dataclass(frozen=True)
class ScoreOptions:
    """How to score: which metrics, which normalization, BLEU's tokenizer, case."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    normalize: str = "none"
    tokenize: str = "13a"
    lowercase: bool = False

    def __post_init__(self) -> None:
        metrics = tuple(dict.fromkeys(m.strip().lower() for m in self.metrics if m.strip()))
        unknown = [m for m in metrics if m not in METRICS]
        if unknown or not metrics:
            raise InputError(
                f"Unknown metric {', '.join(unknown) or '(none given)'}: "
                f"choose from {', '.join(METRICS)}."
            )
        object.__setattr__(self, "metrics", metrics)
        if self.tokenize not in OFFLINE_TOKENIZERS:
            spm = self.tokenize in SENTENCEPIECE_TOKENIZERS
            raise InputError(
                f"The tokenizer {self.tokenize!r} is not available offline (it downloads a model "
                f"or needs MeCab): use one of {', '.join(OFFLINE_TOKENIZERS)}. For Arabic and "
                "Kurdish text, 'intl' splits Arabic punctuation such as ، and ؟."
                + (
                    " For spBLEU with a SentencePiece model you have, encode both files with it "
                    "(spm_encode --model=FILE.model < hyp.txt > hyp.spm) and score the encoded "
                    "files with --tokenize none."
                    if spm
                    else ""
                )
            )
        object.__setattr__(self, "normalize", self.normalize.strip().lower() or "none")
        normalizer_for(self.normalize)  # fails early on an unknown scheme


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """One metric's score with sacrebleu's name, signature and verbose details."""

    metric: str  # bleu | chrf | chrf++ | ter
    name: str  # sacrebleu's name: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str  # sacrebleu's signature + |textnorm:<scheme>
    sacrebleu_signature: str
    details: str = ""  # sacrebleu's verbose part, e.g. BLEU's n-gram precisions
    segments: int = 0

    def format(self, width: int = 1) -> str:
        """The line sacrebleu prints, e.g. `BLEU|nrefs:1|...|textnorm:none = 39.7 87.0/47.1/...`."""
        line = f"{self.name}|{self.signature} = {self.score:.{width}f}"
        return f"{line} {self.details}" if self.details else line

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "name": self.name,
            "score": float(self.score),
            "signature": self.signature,
            "sacrebleu_signature": self.sacrebleu_signature,
            "details": self.details,
            "segments": self.segments,
        }


def normalizer_for(scheme: str) -> Callable[[str], str] | None:
    """The text layer's normalizer for `scheme`, or None for "none" (text scored as it is).

    Schemes are the text layer's: "ar-basic", "ckb-basic", "kmr-basic", "en-basic", with
    options such as "+nodiacritics" or "+fold" (alef/hamza), or presets such as "ar-match".
    """
    if scheme == "none":
        return None

    return normalizer(scheme)  # raises InputError naming the schemes for an unknown one


def reference_streams(refs: Sequence[str] | Sequence[Sequence[str]]) -> list[list[str]]:
    """One reference per segment (a list of strings) or several streams, as sacrebleu takes."""
    if isinstance(refs, str):
        raise InputError("References must be a list of segments, not one string.")
    if len(refs) and isinstance(refs[0], str):
        return [list(refs)]  # type: ignore[arg-type]
    return [list(stream) for stream in refs]


def _check(hyps: Sequence[str], streams: list[list[str]]) -> None:
    if isinstance(hyps, str):
        raise InputError("Hypotheses must be a list of segments, not one string.")
    if not hyps:
        raise InputError("There is nothing to score: the hypotheses are empty.")
    if not streams:
        raise InputError("Scoring needs at least one reference for each segment.")
    for k, stream in enumerate(streams, 1):
        if len(stream) != len(hyps):
            raise InputError(
                f"Reference {k} has {len(stream)} segments but the hypotheses have {len(hyps)}: "
                "give one segment per line, in the same order."
            )
    for what, texts in (("hypothesis", hyps), *(("reference", s) for s in streams)):
        for i, text in enumerate(texts, 1):
            if not isinstance(text, str):
                raise InputError(f"Segment {i} of the {what} is {text!r}, not text.")


def _warn_if_tokenized(hyps: Sequence[str]) -> None:
    """sacrebleu's warning about tokenized hypotheses, given once for the whole input."""
    if sum(h.endswith(" .") for h in hyps) >= 100:
        import logging

        logging.getLogger("sacrebleu").warning(
            "That's 100 lines that end in a tokenized period ('.'): BLEU expects detokenized "
            "text, and tokenized hypotheses may lower the score."
        )


def _make_metric(metric: str, options: ScoreOptions, *, sentence: bool) -> Any:
    from sacrebleu.metrics import BLEU, CHRF, TER

    if metric == "bleu":
        return BLEU(
            tokenize=options.tokenize, lowercase=options.lowercase, effective_order=sentence
        )
    if metric in ("chrf", "chrf++"):
        return CHRF(word_order=2 if metric == "chrf++" else 0, lowercase=options.lowercase)
    return TER()


class Scoring:
    """Scores of one set of segment pairs: the corpus, any subset, every sentence.

    `refs` is one reference per segment, or several reference streams (sacrebleu's layout).
    """

    def __init__(
        self,
        hyps: Sequence[str],
        refs: Sequence[str] | Sequence[Sequence[str]],
        options: ScoreOptions | None = None,
        *,
        jobs: int | None = None,
    ):
        from workbench.score.stats import segment_statistics

        self.options = options or ScoreOptions()
        streams = reference_streams(refs)
        _check(hyps, streams)
        norm = normalizer_for(self.options.normalize)
        if norm is not None:
            hyps = [norm(h) for h in hyps]
            streams = [[norm(r) for r in stream] for stream in streams]
        self.size = len(hyps)
        self.reference_key = hash(tuple(tuple(stream) for stream in streams))
        self._corpus = {
            m: _make_metric(m, self.options, sentence=False) for m in self.options.metrics
        }
        if "bleu" in self._corpus:
            _warn_if_tokenized(hyps)
            self._corpus["bleu"]._force = True  # warned once here, not once per chunk
        self._stats = segment_statistics(self._corpus, hyps, streams, jobs=jobs)
        self._sentence = {m: _make_metric(m, self.options, sentence=True) for m in self._corpus}
        for metric in (*self._corpus.values(), *self._sentence.values()):
            metric.num_refs = len(streams)  # what sacrebleu's reference cache would record
        self._signatures = {
            m: (self._signature(self._corpus[m]), self._signature(self._sentence[m]))
            for m in self._corpus
        }

    def _signature(self, metric: Any) -> tuple[str, str]:
        plain = metric.get_signature().format()
        return plain, with_textnorm(plain, self.options.normalize)

    def corpus(self, indices: Sequence[int] | None = None) -> list[ScoreResult]:
        """Corpus scores of all segments, or of the segments at `indices` (in that order)."""
        if indices is not None and not len(indices):
            raise InputError("There is nothing to score: the selection has no segments.")
        results = []
        for m, metric in self._corpus.items():
            stats = self._stats[m] if indices is None else [self._stats[m][i] for i in indices]
            score = metric._aggregate_and_compute(stats)
            plain, signature = self._signatures[m][0]
            results.append(
                ScoreResult(
                    m, score.name, score.score, signature, plain, score._verbose, len(stats)
                )
            )
        return results

    def sentences(self) -> list[dict[str, ScoreResult]]:
        """Every segment's scores, as sacrebleu's sentence_score gives them (BLEU: eff:yes)."""
        rows: list[dict[str, ScoreResult]] = [{} for _ in range(self.size)]
        for m, metric in self._sentence.items():
            plain, signature = self._signatures[m][1]
            for row, stats in zip(rows, self._stats[m], strict=True):
                s = metric._compute_score_from_stats(stats)
                row[m] = ScoreResult(m, s.name, s.score, signature, plain, s._verbose, 1)
        return rows

    def sentence_values(self) -> dict[str, list[float]]:
        """Every segment's score per metric, as plain numbers (what plots and tables need)."""
        return {
            m: [float(metric._compute_score_from_stats(s).score) for s in self._stats[m]]
            for m, metric in self._sentence.items()
        }

    def signatures(self) -> dict[str, str]:
        """metric -> the signature of its corpus scores."""
        return {m: sigs[0][1] for m, sigs in self._signatures.items()}

    def sentence_signatures(self) -> dict[str, str]:
        """metric -> the signature of its sentence scores (BLEU's says eff:yes)."""
        return {m: sigs[1][1] for m, sigs in self._signatures.items()}

    def statistics(self, metric: str) -> list[list[Any]]:
        """The segment statistics of one metric (significance tests resample them)."""
        return self._stats[metric]

    def metric(self, metric: str) -> Any:
        """The sacrebleu metric object that turns `statistics(metric)` into corpus scores."""
        return self._corpus[metric]


def corpus_scores(
    hyps: Sequence[str],
    refs: Sequence[str] | Sequence[Sequence[str]],
    metrics: Sequence[str] = DEFAULT_METRICS,
    normalize: str = "none",
    *,
    tokenize: str = "13a",
    lowercase: bool = False,
    jobs: int | None = None,
) -> list[ScoreResult]:
    """Corpus-level scores of `hyps` against `refs`, exactly as sacrebleu computes them."""
    options = ScoreOptions(tuple(metrics), normalize, tokenize, lowercase)
    return Scoring(hyps, refs, options, jobs=jobs).corpus()


def sentence_scores(
    hyps: Sequence[str],
    refs: Sequence[str] | Sequence[Sequence[str]],
    metrics: Sequence[str] = DEFAULT_METRICS,
    normalize: str = "none",
    *,
    tokenize: str = "13a",
    lowercase: bool = False,
    jobs: int | None = None,
) -> list[dict[str, ScoreResult]]:
    """Each segment's scores (metric -> ScoreResult), exactly as sacrebleu's sentence_score."""
    options = ScoreOptions(tuple(metrics), normalize, tokenize, lowercase)
    return Scoring(hyps, refs, options, jobs=jobs).sentences()


def with_textnorm(sacrebleu_signature: str, scheme: str) -> str:
    """sacrebleu's signature as it prints it, then the workbench's normalization scheme."""
    return Signature.parse(sacrebleu_signature).then([(TEXTNORM, scheme)]).format()
