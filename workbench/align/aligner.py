"""Align the sentences of two documents: `align(src, tgt, src_lang=..., tgt_lang=...)`."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.align.choices import (
    AUTO,
    DEFAULT_SIGNALS,
    NONE,
    SIGNAL_NAMES,
    SIGNALS,
    LexiconParams,
    SearchParams,
)
from workbench.align.signals.base import Evidence, Pair, Signal
from workbench.errors import InputError
from workbench.records import Bead
from workbench.signature import Signature

__all__ = ["DEFAULT_SIGNALS", "SIGNAL_NAMES", "AlignmentResult", "align", "resolve_signals"]
UNMATCHED = "unmatched"  # the `signal` of a 1-0 or 0-1 bead: nothing found its counterpart


@dataclass(frozen=True)
class AlignmentResult:
    """Beads of one document pair, first to last, and the signature of how they were made."""

    beads: tuple[Bead, ...]
    signature: str
    src_lang: str
    tgt_lang: str
    n_src: int
    n_tgt: int
    lexicon: Any = None  # the learned signal's lexicon (a `Lexicon`), None without it


def align(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_lang: str,
    tgt_lang: str,
    signals: Sequence[str | Signal] = DEFAULT_SIGNALS,
    src_mt: Sequence[str] | Callable[[Sequence[str]], Sequence[str]] | Any = None,
    weights: dict[str, float] | None = None,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    params: SearchParams | None = None,
    lexicon: Any = None,
    lexicon_params: LexiconParams | None = None,
    settings: Any = None,
    embedder: Any = "auto",
    db: Any = None,
) -> AlignmentResult:
    """Align two documents given as lists of sentences.

    `signals` names the evidence to use ("length", "lexical", "learned", "mt",
    "embeddings") or gives `Signal` objects. For "mt", `src_mt` is either the source
    sentences already translated into the target language (one per source sentence) or
    anything that translates: a callable or an object with `.translate(texts)`; without
    it, the translation layer's translator for the pair is used. `weights` overrides a
    signal's weight by name. `*_paragraphs` give each sentence's paragraph number;
    paragraph boundaries then serve as anchors. `embedder` is a sentence-transformers
    model name or folder, or an object with `.encode(texts)`: it adds the "embeddings"
    signal. "auto" (the default) adds it when the catalog's embedder for the pair has been
    pulled to this machine; "none" never adds it. `settings` and
    `db` reach the translation layer (its model choice and its translation memory).

    `params` says which beads are allowed (up to 1-6 and 2-3 by default) and what they cost.
    For "learned", `lexicon` (a `Lexicon`, or a TSV lexicon file) joins what the documents
    teach, and `lexicon_params` says how to learn (IBM Model 1 or Dice) and which installed
    dictionaries to read. With "mt", the length signal compares the translations' lengths
    with the target's.
    """
    params = params or SearchParams()
    src, tgt = [str(s) for s in src], [str(t) for t in tgt]
    _check_paragraphs(src_paragraphs, len(src), "source")
    _check_paragraphs(tgt_paragraphs, len(tgt), "target")
    signals, embedder = with_embeddings(signals, embedder, src_lang, tgt_lang)
    chosen = resolve_signals(
        signals,
        src_mt=src_mt,
        settings=settings,
        embedder=embedder,
        db=db,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        lexicon=lexicon,
        lexicon_params=lexicon_params,
        params=params,
    )
    if src_paragraphs is not None or tgt_paragraphs is not None:
        from workbench.align.signals.paragraph import ParagraphSignal

        chosen.append(ParagraphSignal())
    _apply_weights(chosen, weights or {})
    pair = Pair(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs)
    if not src or not tgt:
        beads = [Bead(((i,), ()), 0.0, 1.0, UNMATCHED) for i in range(len(src))]
        beads += [Bead(((), (j,)), 0.0, 1.0, UNMATCHED) for j in range(len(tgt))]
        return AlignmentResult(
            tuple(beads), signature(chosen, params), src_lang, tgt_lang, len(src), len(tgt)
        )
    return _result(chosen, _evidence(chosen, pair, params), pair, params)


def _evidence(
    chosen: list[Signal], pair: Pair, params: SearchParams
) -> list[tuple[float, Evidence]]:
    """(weight, evidence) of each signal. Signals that learn from a first alignment (the
    learned lexicon) are prepared after one made with the others."""
    for signal in chosen:  # machine translations of the source, for the length signal too
        translated = signal.source_translations(pair)
        if translated is not None:
            pair.extra["src_mt"] = translated
    first = [s for s in chosen if not s.after_first_pass]
    evidence = {id(s): (s.weight, s.prepare(pair)) for s in first}
    if len(first) < len(chosen):
        if not first:  # e.g. "learned" alone: the first alignment uses the default signals
            first = resolve_signals(DEFAULT_SIGNALS)
            evidence.update({id(s): (s.weight, s.prepare(pair)) for s in first})
        found = [evidence[id(s)] for s in first]
        pair.extra["first"] = _result(first, found, pair, params).beads
        for s in chosen:
            if id(s) not in evidence:
                evidence[id(s)] = (s.weight, s.prepare(pair))
    return [evidence[id(s)] for s in chosen]


def _result(
    chosen: Sequence[Signal],
    evidence: Sequence[tuple[float, Evidence]],
    pair: Pair,
    params: SearchParams,
) -> AlignmentResult:
    from workbench.align.search import search

    found = search(evidence, len(pair.src), len(pair.tgt), params)
    beads = []
    for s, (t, i, j) in enumerate(found.steps):
        a, b = int(found.types[t, 0]), int(found.types[t, 1])
        said = found.evidence[s]
        lift = (float(found.margin[s]) + params.confidence_shift) / params.confidence_scale
        confidence = 1.0 / (1.0 + math.exp(-min(lift, 50.0)))
        beads.append(
            Bead(
                segments=(tuple(range(i - a, i)), tuple(range(j - b, j))),
                score=round(float(said.sum()), 4) if a and b else 0.0,
                confidence=round(min(max(confidence, 0.0), 1.0), 4),
                signal=deciding_signal(chosen, said) if a and b else UNMATCHED,
            )
        )
    learned = next((getattr(s, "lexicon", None) for s in chosen if s.name == "learned"), None)
    return AlignmentResult(
        tuple(beads),
        signature(chosen, params),
        pair.src_lang,
        pair.tgt_lang,
        len(pair.src),
        len(pair.tgt),
        learned,
    )


def deciding_signal(chosen: Sequence[Signal], said: np.ndarray) -> str:
    """The signal with the strongest evidence for a bead (length when no other spoke)."""
    spoke = [(float(v), s.name) for v, s in zip(said, chosen, strict=True) if v != 0.0]
    if not spoke:
        return chosen[0].name if chosen else ""
    return max(spoke)[1]


def signature(chosen: Sequence[Signal], params: SearchParams) -> str:
    signals = "+".join(s.signature() for s in chosen)
    made = Signature.of("align", signals=signals).then(Signature.parse(params.signature()))
    return made.with_version().format()


def resolve_signals(signals: Sequence[str | Signal] | str, **options: Any) -> list[Signal]:
    """Signal objects for names such as "length", "lexical", "mt", "embeddings"; `options`
    (src_mt, settings, embedder, db, src_lang, tgt_lang, lexicon, lexicon_params) configure
    the mt, embeddings and learned signals."""
    if isinstance(signals, str):
        signals = [s for s in signals.split(",") if s.strip()]
    if not signals:
        raise InputError(f"Choose at least one alignment signal: {', '.join(SIGNAL_NAMES)}.")
    chosen = [s if isinstance(s, Signal) else _named(s, **options) for s in signals]
    names = [s.name for s in chosen]
    if len(set(names)) != len(names):
        raise InputError(f"Each signal may be used once; got {', '.join(names)}.")
    return chosen


def with_embeddings(
    signals: Sequence[str | Signal] | str, embedder: Any, src_lang: str, tgt_lang: str
) -> tuple[list[str | Signal], Any]:
    """The signals with "embeddings" added when `embedder` names a model, or is "auto" (or
    None) and the catalog's embedder for the pair is on this machine; and the embedder (the
    one found, for "auto")."""
    if isinstance(signals, str):
        signals = [s for s in signals.split(",") if s.strip()]
    listed = list(signals)
    names = {s.name if isinstance(s, Signal) else SIGNALS.check(s) for s in listed}
    if "embeddings" in names or embedder == NONE or not listed:
        return listed, embedder
    if embedder is None or embedder == AUTO:
        from workbench.translate.embeddings import installed_embedder

        embedder = installed_embedder(src_lang, tgt_lang)
        if embedder is None:
            return listed, AUTO
    return [*listed, "embeddings"], embedder


def _named(name: str, **options: Any) -> Signal:
    made: Signal = SIGNALS.load(name).from_options(**options)
    return made


def _apply_weights(chosen: list[Signal], weights: dict[str, float]) -> None:
    names = {s.name for s in chosen}
    unknown = sorted(set(weights) - names)
    if unknown:
        raise InputError(
            f"There is no {', '.join(unknown)} signal in this alignment to weigh: "
            f"the signals are {', '.join(sorted(names))}."
        )
    for signal in chosen:
        if signal.name in weights:
            value = float(weights[signal.name])
            if not math.isfinite(value) or value < 0:
                raise InputError(f"The weight of {signal.name} must be 0 or more, not {value}.")
            signal.weight = value


def _check_paragraphs(paragraphs: Sequence[int] | None, n: int, side: str) -> None:
    if paragraphs is not None and len(paragraphs) != n:
        raise InputError(
            f"The {side} document has {n} sentences but {len(paragraphs)} paragraph numbers: "
            "give one paragraph number per sentence."
        )
