"""Sentence segmentation against FLORES-200 dev: boundary precision, recall and F1.

Each FLORES article's sentences (per documents_dev.tsv) are joined with one space into one
paragraph per language; the segmenter splits it again, and its boundaries (character offsets
between sentences) are compared with the gold ones. The paragraph's end is not counted: it is
a boundary by definition. Goal: F1 >= 0.97 for each language.

FLORES "sentences" are translation units: about one line in ten holds two or more sentences
("... without injuries. Russia briefly grounded ..."), so a correct split inside such a line
counts against precision. A second table therefore also accepts the splits inside a line
when the segmenter splits that line into the same number of sentences in all four
languages: four sets of translators putting a sentence end at the same place is independent
evidence that the line holds several sentences.

    PYTHONPATH=. python bench/segment_eval.py --data ../shared/data [--errors 10]
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.flores import BROKEN, FILES, flores_arguments  # noqa: E402
from workbench.text.segment import segment  # noqa: E402


def read_lines(folder: Path, lang: str) -> list[str]:
    lines = (folder / f"{FILES[lang]}.dev").read_text(encoding="utf-8").split("\n")
    return [" ".join(line.split()) for line in lines]  # spaced as the segmenter spaces them


def read_articles(folder: Path) -> list[range]:
    with open(folder / "documents_dev.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [range(int(r["first_line"]) - 1, int(r["last_line"])) for r in rows]


def boundaries(sentences: list[str], text: str) -> list[int]:
    """Offsets in `text` where a sentence ends and another begins."""
    cuts, cursor = [], 0
    for sentence in sentences[:-1]:
        cursor = text.index(sentence, cursor) + len(sentence)
        cuts.append(cursor)
    return cuts


def agreed_multi_sentence_lines(lines: dict[str, list[str]]) -> set[int]:
    """Lines that every language's version splits into the same number (> 1) of sentences."""
    count = len(next(iter(lines.values())))
    agreed = set()
    for i in range(count):
        pieces = {
            len(segment(lines[lang][i], lang))
            for lang in lines
            if lines[lang][i] not in ("", *BROKEN)
        }
        if len(pieces) == 1 and pieces.pop() > 1:
            agreed.add(i)
    return agreed


def evaluate(lines, articles, lang, agreed, show) -> tuple[dict, dict]:
    counts = {"flores": [0, 0, 0], "agreed": [0, 0, 0]}  # tp, fp, fn
    shown = 0
    for article in articles:
        gold = [lines[i] for i in article if lines[i] and lines[i] not in BROKEN]
        text = " ".join(gold)
        got = set(boundaries(segment(text, lang), text))
        want = set(boundaries(gold, text))
        inside_agreed = set()
        cursor = 0
        for i in article:
            if not lines[i] or lines[i] in BROKEN:
                continue
            start = text.index(lines[i], cursor)
            cursor = start + len(lines[i])
            if i in agreed:
                inside_agreed |= {c for c in got if start < c < cursor}
        for name, gold_cuts in (("flores", want), ("agreed", want | inside_agreed)):
            c = counts[name]
            c[0] += len(gold_cuts & got)
            c[1] += len(got - gold_cuts)
            c[2] += len(gold_cuts - got)
        for cut in sorted(want ^ got - inside_agreed):
            if shown < show:
                kind = "extra" if cut in got else "missed"
                print(f"  {lang} {kind}: …{text[max(0, cut - 40) : cut]}|{text[cut : cut + 30]}…")
                shown += 1
    return _prf(*counts["flores"]), _prf(*counts["agreed"])


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": tp + fn, "precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    folder, errors = flores_arguments(__doc__.split("\n")[0])
    lines = {lang: read_lines(folder, lang) for lang in FILES}
    articles = read_articles(folder)
    start = time.perf_counter()
    agreed = agreed_multi_sentence_lines(lines)
    results = {lang: evaluate(lines[lang], articles, lang, agreed, errors) for lang in FILES}
    seconds = time.perf_counter() - start
    print(f"FLORES-200 dev, {len(articles)} articles; {len(agreed)} lines split alike in all four")
    for title, which in (("gold = FLORES lines", 0), ("gold = lines + agreed splits", 1)):
        print(f"\n{title}\n{'lang':5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for lang, pair in results.items():
            r = pair[which]
            print(
                f"{lang:5} {r['gold']:5d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}"
            )
    print(f"\n{seconds:.2f} s for everything (segmenting each text twice)")


if __name__ == "__main__":
    main()
