"""The `omission` and `addition` checks: one side says something the other does not.

One module, two mirror images: an omission is what the target leaves out, an addition what
it adds, found the same way with the sides swapped. The evidence:
- a bead with nothing on one side (the aligner's 1-0 and 0-1 beads, an empty line): major;
- the length: the target against the length the pair's own ratio expects of it, measured in
  the spread faithful translations show at that length (`LengthModel.z`). Beyond Z_MAJOR
  spreads it is major, beyond Z_MINOR minor;
- a cut: the source ends its sentence and the target stops mid-sentence, while the target
  is also short (beyond Z_CUT spreads): major;
- when a machine translation of the source is known: how much of it the target covers.
  Character n-grams as chrF counts them: a target that covers less than COVER of the
  machine translation's n-grams while the machine translation covers most of the target's
  leaves something out (and the other way round, adds something): minor, major when the
  length agrees.

The source span of an omission found by length points at the part of the source past what
the target's length accounts for: a guide for the eye, not a proof.
"""

from __future__ import annotations

import math
import re

from workbench.qa.pair import Pair, Side, finding, mirrored
from workbench.qa.words import shorten
from workbench.records import Finding

NAMES = ("omission", "addition")
MIRROR = {"omission": "addition", "addition": "omission"}
# Spreads (see LengthModel): under the measured spread of faithful translations a shortfall
# of 3 is about one sentence in 700, of 2.5 one in 160.
Z_MAJOR = 3.0
Z_MINOR = 2.5
Z_CUT = 2.0
ENDS = re.compile(r"[.!?؟۔…]['\"”’»)\]]*\s*$")
STOPS = re.compile(r"[.!?؟۔…:;'\"”’»)\]]\s*$")
COVER = 0.6
NGRAM = 6


def check(pair: Pair) -> list[Finding]:
    found = _omissions(pair)
    found += [mirrored(f, MIRROR) for f in _omissions(pair.swapped())]
    if pair.mt and pair.src.text.strip() and pair.tgt.text.strip():
        found += _against_mt(pair)
    return found


def _omissions(pair: Pair) -> list[Finding]:
    """What the target of `pair` leaves out of its source."""
    src, tgt = pair.src, pair.tgt
    source, target = src.text.strip(), tgt.text.strip()
    if not source:
        return []
    if not target:
        message = f"The {tgt.name} has nothing for this {src.name}: «{shorten(source)}»."
        return [finding("omission", "major", message, (0, len(src.text)), None)]
    z = pair.lengths.z(len(source), len(target))
    cut = ENDS.search(source) and not STOPS.search(target)
    if z > -Z_CUT or (z > -Z_MINOR and not cut):
        return []
    share = len(target) / (len(source) * math.exp(pair.lengths.log_ratio))
    if cut:
        severity = "major"
        message = (
            f"The {tgt.name} stops mid-sentence («…{_tail(target)}») where the "
            f"{src.name} goes on: «…{shorten(_rest(src, share), 60)}»."
        )
    else:
        severity = "major" if z <= -Z_MAJOR else "minor"
        message = (
            f"The {tgt.name} is {len(target)} characters for {len(source)} of {src.name}, "
            f"about {share:.0%} of the length expected: something may be left out."
        )
    return [finding("omission", severity, message, _rest_span(src, share), (0, len(tgt.text)))]


def _rest_span(side: Side, share: float) -> tuple[int, int]:
    """The part of a side past the first `share` of it, from a word start."""
    text = side.text
    start = min(len(text), max(0, round(len(text) * min(share, 1.0))))
    while 0 < start < len(text) and not text[start - 1].isspace():
        start += 1
    return (min(start, len(text)), len(text))


def _rest(side: Side, share: float) -> str:
    start, end = _rest_span(side, share)
    return side.text[start:end]


def _tail(text: str, words: int = 4) -> str:
    return shorten(" ".join(text.split()[-words:]), 40)


def _against_mt(pair: Pair) -> list[Finding]:
    """Omission or addition by the character n-grams the target and the machine
    translation share (chrF's statistics: recall of the translation, precision of the
    target)."""
    covered, precise = _coverage(pair.mt or "", pair.tgt.text)
    z = pair.lengths.z(len(pair.src.text.strip()), len(pair.tgt.text.strip()))
    whole = (0, len(pair.src.text)), (0, len(pair.tgt.text))
    mt_name = f"machine translation into {pair.tgt.name}"
    if covered < COVER * precise:
        severity = "major" if z <= -Z_CUT else "minor"
        message = (
            f"The {pair.tgt.name} covers {covered:.0%} of the {mt_name} of the "
            f"{pair.src.name}: something may be left out."
        )
        return [finding("omission", severity, message, *whole)]
    if precise < COVER * covered:
        severity = "major" if z >= Z_CUT else "minor"
        message = (
            f"Only {precise:.0%} of the {pair.tgt.name} is in the {mt_name} of the "
            f"{pair.src.name}: something may be added."
        )
        return [finding("addition", severity, message, *whole)]
    return []


def _coverage(mt: str, target: str) -> tuple[float, float]:
    """Mean over n = 1..NGRAM of the share of the translation's character n-grams found in
    the target, and of the target's found in the translation (chrF's n-grams)."""
    from sacrebleu.metrics.helpers import extract_all_char_ngrams

    recalls, precisions = [], []
    ngrams = zip(
        extract_all_char_ngrams(mt, NGRAM), extract_all_char_ngrams(target, NGRAM), strict=True
    )
    for ours, theirs in ngrams:
        if not ours or not theirs:
            break
        shared = sum((ours & theirs).values())
        recalls.append(shared / sum(ours.values()))
        precisions.append(shared / sum(theirs.values()))
    if not recalls:
        return 0.0, 0.0
    return sum(recalls) / len(recalls), sum(precisions) / len(precisions)
