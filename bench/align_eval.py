"""Alignment quality on public gold data: strict (and lax) F1 as Vecalign's scorer computes it.

    PYTHONPATH=. python bench/align_eval.py --data ../shared/data [--only textberg,parice,flores]

- Text+Berg de-fr test0-6 with offline signals (length + lexical), with the default bead
  types and with beads of up to 5 sentences (1-4, 4-1; Vecalign allowed 8 on this set), and
  dev with each of the two supplied machine translations of dev.de as the translation signal;
- ParIce en-is (10 documents) with offline signals;
- some of these again with the opt-in `learned` signal (a lexicon learned from a first
  alignment of the same two documents);
- FLORES-200 dev: English against ar, ckb and kmr. Test documents are built from consecutive
  articles (about 30 sentences each); then, with a fixed seed, about 10% of the target
  sentences are merged with the next one and about 5% dropped; the gold follows from what was
  done. The ckb line that is the literal `nan` (a known upstream defect) is left out of all
  sides. Each document is aligned as a plain list of sentences, and again with its article
  boundaries given as paragraph boundaries (as a real report's paragraphs would be).

The data folder is not part of the project; this script only reads it.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from workbench.align import align
from workbench.align.evaluate import score
from workbench.align.search import SearchParams
from workbench.formats.beads import read_beads

FLORES = {"ar": "arb_Arab", "ckb": "ckb_Arab", "kmr": "kmr_Latn"}
SEED = 13


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def links(beads) -> list:
    return [b.segments for b in beads]


def run(pairs, **options) -> tuple[dict, float]:
    """Align every (src, tgt, gold, extra options) and score them together."""
    gold, test = [], []
    start = time.perf_counter()
    for src, tgt, gold_beads, extra in pairs:
        result = align(src, tgt, **{**options, **extra})
        test.append(links(result.beads))
        gold.append(links(gold_beads))
    return score(gold, test).as_dict(), time.perf_counter() - start


def textberg(data: Path, names: list[str], mt: str | None = None):
    folder = data / "textberg-de-fr-gold"
    for name in names:
        extra = {}
        if mt:
            extra = {"src_mt": lines(folder / f"{name}.de.mt-{mt}.fr")}
        yield (
            lines(folder / f"{name}.de"),
            lines(folder / f"{name}.fr"),
            read_beads(folder / f"{name}.defr"),
            extra,
        )


def parice(data: Path):
    folder = data / "parice-en-is-gold"
    for gold in sorted((folder / "gold").glob("*.txt")):
        src = [line.split("\t", 1)[1] for line in lines(folder / "eng" / gold.name)]
        tgt = [line.split("\t", 1)[1] for line in lines(folder / "isl" / gold.name)]
        yield src, tgt, read_beads(gold), {}


def flores_articles(data: Path) -> list[tuple[int, int]]:
    """(first, end) line numbers (0-based, end excluded) of every article."""
    with open(data / "flores200-dev" / "documents_dev.tsv", encoding="utf-8") as fh:
        return [
            (int(r["first_line"]) - 1, int(r["last_line"]))
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def flores_documents(data: Path, size: int = 30) -> list[list[int]]:
    """Line numbers (0-based) of consecutive articles grouped into ~`size`-sentence documents."""
    docs, current = [], []
    for first, last in flores_articles(data):
        current.extend(range(first, last))
        if len(current) >= size:
            docs.append(current)
            current = []
    if current:
        docs.append(current)
    return docs


def synthetic_target(
    src_ids: list[int], tgt_lines: list[str], rng: random.Random, apart: set[int] = frozenset()
):
    """Target sentences with ~10% merged into the next and ~5% dropped, and the gold beads.
    A sentence whose position is in `apart` is never merged with the one before it."""
    tgt, gold, k = [], [], 0
    while k < len(src_ids):
        roll = rng.random()
        if roll < 0.05:
            gold.append(((k,), ()))
            k += 1
        elif roll < 0.15 and k + 1 < len(src_ids) and k + 1 not in apart:
            gold.append(((k, k + 1), (len(tgt),)))
            tgt.append(tgt_lines[src_ids[k]] + " " + tgt_lines[src_ids[k + 1]])
            k += 2
        else:
            gold.append(((k,), (len(tgt),)))
            tgt.append(tgt_lines[src_ids[k]])
            k += 1
    return tgt, gold


def flores(data: Path, lang: str, paragraphs: bool = False):
    """Synthetic documents; with `paragraphs`, each article is a paragraph on both sides (and
    no merge joins two articles, as no translator would)."""
    folder = data / "flores200-dev"
    article = {i: n for n, (a, b) in enumerate(flores_articles(data)) for i in range(a, b)}
    eng = lines(folder / "eng_Latn.dev")
    other = lines(folder / f"{FLORES[lang]}.dev")
    broken = {i for i, line in enumerate(other) if line.strip() == "nan"}
    rng = random.Random(f"{SEED}-{lang}")
    for doc in flores_documents(data):
        ids = [i for i in doc if i not in broken]
        starts = {k for k in range(1, len(ids)) if article[ids[k]] != article[ids[k - 1]]}
        tgt, gold = synthetic_target(ids, other, rng, starts if paragraphs else frozenset())
        from workbench.records import Bead

        extra = {"tgt_lang": lang}
        if paragraphs:
            extra["src_paragraphs"] = [article[i] for i in ids]
            extra["tgt_paragraphs"] = [article[ids[s[0]]] for s, t in gold if t]
        yield [eng[i] for i in ids], tgt, [Bead(g) for g in gold], extra


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", default="textberg,parice,flores")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"error: no data folder at {args.data}; pass --data PATH")
    only = set(args.only.split(","))
    offline = ("length", "lexical")
    rows = []

    def add(name: str, pairs, signals=offline, **options) -> None:
        rows.append((name, ",".join(signals), *run(pairs, signals=signals, **options)))

    learned = ("length", "lexical", "learned")
    if "textberg" in only:
        tests = [f"test{i}" for i in range(7)]
        de_fr = {"src_lang": "de", "tgt_lang": "fr"}
        add("Text+Berg test0-6 de-fr", textberg(args.data, tests), **de_fr)
        add(
            "Text+Berg test0-6, max bead 5",
            textberg(args.data, tests),
            **de_fr,
            params=SearchParams(max_bead=5, max_side=4),
        )
        add("Text+Berg test0-6 de-fr", textberg(args.data, tests), learned, **de_fr)
        add("Text+Berg dev de-fr", textberg(args.data, ["dev"]), **de_fr)
        for mt in ("google", "europarl"):
            add(
                f"Text+Berg dev de-fr, MT {mt}",
                textberg(args.data, ["dev"], mt),
                ("length", "lexical", "mt"),
                **de_fr,
            )
    if "parice" in only:
        add("ParIce en-is", parice(args.data), src_lang="en", tgt_lang="is")
        add("ParIce en-is", parice(args.data), learned, src_lang="en", tgt_lang="is")
    if "flores" in only:
        for lang in FLORES:
            add(f"FLORES dev en-{lang} synthetic", flores(args.data, lang), src_lang="en")
        for lang in FLORES:
            add(
                f"FLORES en-{lang}, articles as paragraphs",
                flores(args.data, lang, True),
                src_lang="en",
            )
        add("FLORES dev en-ar synthetic", flores(args.data, "ar"), learned, src_lang="en")
    print(f"{'data':38} {'signals':26} {'P':>6} {'R':>6} {'F1':>6} {'lax F1':>7} {'seconds':>8}")
    for name, signals, s, seconds in rows:
        print(
            f"{name:38} {signals:26} {s['precision_strict']:6.3f} {s['recall_strict']:6.3f}"
            f" {s['f1_strict']:6.3f} {s['f1_lax']:7.3f} {seconds:8.2f}"
        )


if __name__ == "__main__":
    main()
