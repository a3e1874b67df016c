"""Each signal on small hand-made cases."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from workbench.align import align
from workbench.align.cells import Cells
from workbench.align.dp import Band, bead_types
from workbench.align.lexicon import learn
from workbench.align.signals.base import Pair
from workbench.align.signals.embedding import EmbeddingSignal
from workbench.align.signals.length import LengthSignal
from workbench.align.signals.lexical import LexicalSignal, anchors, weighted
from workbench.align.signals.translation import TranslationSignal
from workbench.align.signals.translit import arabic_skeletons, latin_skeleton
from workbench.errors import InputError


def one_to_one(signal, src, tgt, src_lang="en", tgt_lang="ar"):
    """The signal's evidence for every 1-1 pairing, as an (n, m) matrix."""
    evidence = signal.prepare(Pair(src, tgt, src_lang, tgt_lang))
    band = Band.full(len(src), len(tgt))
    types = bead_types()
    cells = Cells(band, types)
    scores = evidence.score(cells)
    t = [k for k, (a, b) in enumerate(types) if a == b == 1][0]
    out = np.zeros((len(src), len(tgt)))
    for d in range(len(band.start)):
        for k in range(band.width):
            i, j = int(cells.i[d, k]), int(cells.j[d, k])
            if cells.ok[d, t, k]:
                out[i - 1, j - 1] = scores[d, t, k]
    return out


# --- length ---------------------------------------------------------------------------


def test_length_prefers_pairs_of_matching_length():
    src = ["short one.", "a much longer sentence that goes on and on for quite a while."]
    tgt = ["brief.", "une phrase bien plus longue qui continue encore et encore un moment."]
    ev = one_to_one(LengthSignal(), src, tgt, "en", "fr")
    assert ev[0, 0] > ev[0, 1] and ev[1, 1] > ev[1, 0]
    assert (ev <= 0).all()


def test_length_ratio_is_estimated_from_the_documents():
    signal = LengthSignal()
    signal.prepare(Pair(["aaaa", "bbbb"], ["aaaaaaaa", "bbbbbbbb"], "en", "ar"))
    assert signal.ratio == pytest.approx(2.0)
    assert "ratio=2.0" in signal.signature()


def evidence_by_type(signal, src, tgt, end):
    """{(a, b): the signal's evidence for the bead of each type ending at corner `end`}."""
    evidence = signal.prepare(Pair(src, tgt, "en", "ar"))
    band = Band.full(len(src), len(tgt))
    types = bead_types(6, 5)
    cells = Cells(band, types)
    scores = evidence.score(cells)
    d = end[0] + end[1]
    k = end[0] - int(band.start[d])
    return {(int(a), int(b)): float(scores[d, t, k]) for t, (a, b) in enumerate(types)}


def test_length_lets_one_sentence_translated_as_several_stray_further():
    # after twenty pairs of equal length, one long sentence against six that together are a
    # quarter longer than it
    src = ["x" * 200] * 20 + ["y" * 600]
    tgt = ["x" * 200] * 20 + ["z" * 130] * 6
    plain = evidence_by_type(LengthSignal(growth=0.0), src, tgt, (21, 26))
    grown = evidence_by_type(LengthSignal(), src, tgt, (21, 26))
    assert grown[(1, 6)] > plain[(1, 6)] + 1.0  # 1-6: five times Gale–Church's variance
    assert grown[(1, 3)] >= plain[(1, 3)]
    for kept in ((1, 1), (1, 2), (2, 2), (2, 3)):  # a - b of at most one: Gale–Church's
        assert grown[kept] == pytest.approx(plain[kept])
    assert "growth=1.0" in LengthSignal().signature()


def test_leaving_out_a_short_line_is_cheaper_than_leaving_out_a_sentence():
    # a target line of 2, 12 and 80 characters after a pair of equal sentences
    src = ["x" * 80]
    for size, low, high in ((2, 1.2, 1.5), (12, 0.5, 1.0), (80, 0.0, 0.0)):
        tgt = ["x" * 80, "y" * size]
        said = evidence_by_type(LengthSignal(), src, tgt, (1, 2))
        assert low <= said[(0, 1)] <= high, size
        assert evidence_by_type(LengthSignal(short=0.0), src, tgt, (1, 2))[(0, 1)] == 0.0
    source_side = evidence_by_type(LengthSignal(), ["x" * 80, "y" * 2], ["x" * 80], (2, 1))
    assert 1.2 <= source_side[(1, 0)] <= 1.5
    assert "short=1.5" in LengthSignal().signature()


def test_untranslated_words_dilute_a_group_no_more_than_its_sentences():
    # each sentence shares one n-gram with its translation and has one the target lacks; a
    # group of two such pairs is as alike as each pair, not less (the unmatched weight of
    # the two sentences adds up as separate features do)
    src = [Counter({"a": 1, "x": 1}), Counter({"b": 1, "y": 1})]
    tgt = [Counter({"a": 1}), Counter({"b": 1})]
    s, t = weighted(src, tgt, carried="*")

    size = int(max(s.indices.max(), t.indices.max())) + 1

    def cosine(rows_s, rows_t):
        vs, vt = dense(s, rows_s, size), dense(t, rows_t, size)
        return float(vs @ vt / np.sqrt((vs @ vs) * (vt @ vt)))

    single = cosine([0], [0])
    assert cosine([1], [1]) == pytest.approx(single)
    assert cosine([0, 1], [0, 1]) == pytest.approx(single)
    assert single < 1.0


def dense(features, rows, size):
    """The sum of some rows of sparse features as one dense vector of `size` features."""
    out = np.zeros(size)
    for r in rows:
        lo, hi = features.indptr[r], features.indptr[r + 1]
        np.add.at(out, features.indices[lo:hi], features.data[lo:hi])
    return out


# --- lexical anchors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "script", "other", "anchor", "lang"),
    [
        ("They counted 1,500 people.", "latin", "arabic", "#1500", ""),
        ("أحصوا ١٬٥٠٠ شخص.", "arabic", "latin", "#1500", ""),
        ("ئەوان ۱۵۰۰ کەسیان ژمارد.", "arabic", "latin", "#1500", ""),
        ("Ils ont compté 1 500 personnes.", "latin", "latin", "#1500", ""),
        ("Sie zählten 1.500 Menschen.", "latin", "latin", "#1500", ""),
        ("On 5 May the talks began.", "latin", "arabic", "@m05", "en"),
        ("بدأت المحادثات في 5 أيار.", "arabic", "latin", "@m05", "ar"),
        ("بدأت المحادثات في 5 مايو.", "arabic", "latin", "@m05", "ar"),
        ("ئەو ڕۆژە 5 ئایار بوو.", "arabic", "latin", "@m05", "ckb"),
        ("Li 5 gulan civîn dest pê kir.", "latin", "latin", "@m05", "kmr"),
        ("Three people died.", "latin", "arabic", "#3", "en"),
        ("توفي ثلاثة أشخاص.", "arabic", "latin", "#3", "ar"),
        ("وثلاثة أشخاص.", "arabic", "latin", "#3", "ar"),
        ("سێ کەس گیانیان لەدەستدا.", "arabic", "latin", "#3", "ckb"),
        ("Sê kes mirin.", "latin", "arabic", "#3", "kmr"),
        ("1.2 million signatures", "latin", "arabic", "#1000000", "en"),
        ("قالت منظمة UNICEF إن", "arabic", "latin", "~unic", ""),
        ("The UN said so.", "latin", "arabic", "=un", ""),
        ("Is it true?", "latin", "arabic", "p?", ""),
        ("هل هذا صحيح؟", "arabic", "latin", "p?", ""),
        ("He said «no».", "latin", "latin", 'p"', ""),
        ("Costello spoke.", "latin", "arabic", "tkstl", ""),
        ("تحدث كوستيلو.", "arabic", "latin", "tkstl", ""),
        ("Expédition suisse", "latin", "latin", "~expe", ""),
    ],
)
def test_anchor_found(sentence, script, other, anchor, lang):
    assert anchor in anchors(sentence, script, other, lang)


@pytest.mark.parametrize(
    ("sentence", "script", "other", "absent"),
    [
        ("You may go.", "latin", "arabic", "@m05"),  # a month name only next to a number
        ("Il a parlé du projet.", "latin", "latin", "#2"),  # number words: own language only
        ("The end.", "latin", "arabic", "tnd"),  # skeletons only for capitalised words
        ("Kirkuk", "latin", "latin", "tkrkk"),  # no skeletons between two Latin documents
    ],
)
def test_anchor_not_found(sentence, script, other, absent):
    assert absent not in anchors(sentence, script, other)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Brazil", "للبرازيل"), ("Pittman", "بيتمان"), ("Nairobi", "نيروبي"), ("Konami", "كونامي")],
)
def test_names_meet_across_scripts(latin, arabic):
    assert latin_skeleton(latin.lower()) in arabic_skeletons(arabic)


def test_lexical_evidence_follows_shared_numbers_and_names():
    src = ["In 2019, 345 families returned to Sinjar.", "The meeting in Erbil ended."]
    tgt = ["انتهى الاجتماع في أربيل.", "في عام ٢٠١٩ عادت ٣٤٥ عائلة إلى سنجار."]
    ev = one_to_one(LexicalSignal(), src, tgt)
    assert ev[0, 1] > 2 and ev[0, 1] > ev[0, 0]


def test_lexical_signal_alone_aligns_by_anchors():
    src = ["Item 17 arrived.", "Item 4 left.", "Item 99 stayed."]
    tgt = ["Der Posten 4 ging.", "Der Posten 99 blieb."]
    result = align(src, tgt, src_lang="en", tgt_lang="de", signals=["lexical"])
    assert [b.segments for b in result.beads] == [((0,), ()), ((1,), (0,)), ((2,), (1,))]


# --- translation ------------------------------------------------------------------------


class FakeTranslator:
    """Deterministic word-for-word 'translation' from a tiny dictionary."""

    signature = "fake-dictionary"
    words = {
        "red": "sor",
        "house": "xanî",
        "big": "mezin",
        "dog": "kûçik",
        "small": "biçûk",
        "cat": "pisîk",
        "the": "",
        "is": "e",
    }

    def translate(self, texts):
        return [
            " ".join(self.words.get(w, w) for w in t.lower().rstrip(".").split()) for t in texts
        ]


def test_translation_signal_finds_the_omission_length_cannot_see():
    src = ["The house is red.", "The dog is big.", "The cat is small."]
    tgt = ["Xanî sor e.", "Pisîk biçûk e."]
    alone = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length"])
    with_mt = align(
        src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "mt"], src_mt=FakeTranslator()
    )
    expected = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert [b.segments for b in alone.beads] != expected
    assert [b.segments for b in with_mt.beads] == expected
    assert "from=fake-dictionary" in with_mt.signature


def test_user_translations_work_like_a_translator():
    src = ["The house is red.", "The dog is big.", "The cat is small."]
    tgt = ["Xanî sor e.", "Pisîk biçûk e."]
    given = FakeTranslator().translate(src)
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["mt"], src_mt=given)
    assert [b.segments for b in result.beads][1] == ((1,), ())
    assert "from=user" in result.signature


def test_translations_must_match_the_source_line_count():
    with pytest.raises(InputError, match="one line per source sentence"):
        align(["a.", "b."], ["c."], src_lang="en", tgt_lang="ar", signals=["mt"], src_mt=["x"])


def test_mt_without_translations_or_layer_says_what_to_do(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_layer(name, *args, **kwargs):
        if name == "workbench.translate":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_layer)
    from workbench.errors import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match="--src-mt FILE"):
        TranslationSignal.from_options(src_lang="en", tgt_lang="ar")


# --- embeddings -------------------------------------------------------------------------


class FakeEncoder:
    """Sentences about the same topic word get the same direction."""

    topics = {"house": 0, "xanî": 0, "dog": 1, "kûçik": 1, "cat": 2, "pisîk": 2}

    def encode(self, texts):
        out = np.full((len(texts), 4), 0.05, dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().rstrip(".").split():
                if word in self.topics:
                    out[row, self.topics[word]] = 1.0
        return out


def test_embeddings_signal_uses_any_encoder():
    src = ["The house is red.", "The dog is big.", "The cat is small."]
    tgt = ["Xanî sor e.", "Pisîk biçûk e."]
    result = align(
        src,
        tgt,
        src_lang="en",
        tgt_lang="kmr",
        signals=["length", "embeddings"],
        embedder=FakeEncoder(),
    )
    assert [b.segments for b in result.beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert result.beads[0].signal == "embeddings"


def test_embeddings_need_a_model():
    with pytest.raises(InputError, match="--embeddings MODEL"):
        EmbeddingSignal.from_options()


# --- paragraphs -------------------------------------------------------------------------


def test_paragraph_boundaries_anchor_the_alignment():
    src = ["Aaaa aaaa.", "Bbbb bbbb.", "Cccc cccc."]
    tgt = ["Xxxx xxxx xxxx xxxx.", "Yyyy yyyy."]
    plain = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length"])
    anchored = align(
        src,
        tgt,
        src_lang="en",
        tgt_lang="kmr",
        signals=["length"],
        src_paragraphs=[0, 1, 1],
        tgt_paragraphs=[0, 1],
    )
    assert [b.segments for b in plain.beads] == [((0, 1), (0,)), ((2,), (1,))]
    assert anchored.beads[0].segments == ((0,), (0,))  # no bead crosses the boundaries
    assert anchored.beads[0].signal == "paragraph"


def test_paragraph_numbers_must_match_the_sentences():
    with pytest.raises(InputError, match="one paragraph number per sentence"):
        align(["a", "b"], ["c"], src_lang="en", tgt_lang="ar", src_paragraphs=[0])


def test_unknown_signal_is_refused_with_the_known_ones():
    with pytest.raises(InputError, match="length, lexical, learned, mt, embeddings"):
        align(["a"], ["b"], src_lang="en", tgt_lang="ar", signals=["magic"])


# --- learned lexicon ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["model1", "dice"])
def test_lexicon_is_learned_from_co_occurrence(method):
    links = [
        (["red", "house"], ["sor", "xanî"]),
        (["red", "dog"], ["sor", "kûçik"]),
        (["big", "house"], ["mezin", "xanî"]),
        (["big", "dog"], ["mezin", "kûçik"]),
    ]
    lexicon = learn(links, method, min_count=2).pruned(top=1)
    best = {s: next(iter(t)) for s, t in lexicon.entries.items()}
    assert best == {"red": "sor", "house": "xanî", "dog": "kûçik", "big": "mezin"}


def test_learned_signal_aligns_and_says_how_much_it_learned():
    rng = __import__("random").Random(3)
    pairs = [
        ("red", "sor"),
        ("house", "xanî"),
        ("big", "mezin"),
        ("dog", "kûçik"),
        ("small", "biçûk"),
        ("cat", "pisîk"),
        ("old", "kevn"),
        ("tree", "dar"),
    ]
    src, tgt = [], []
    for _ in range(60):
        chosen = rng.sample(pairs, 3)
        src.append(" ".join(e for e, _ in chosen) + ".")
        tgt.append(" ".join(k for _, k in chosen) + ".")
    del tgt[30]
    result = align(src, tgt, src_lang="en", tgt_lang="kmr", signals=["length", "learned"])
    assert ((30,), ()) in [b.segments for b in result.beads]
    assert "learned(w=1" in result.signature and "entries=8" in result.signature


def test_weights_change_what_decides():
    src = ["In 2019 it rained.", "Short."]
    tgt = ["En 2019 il a plu beaucoup, vraiment beaucoup.", "Court."]
    default = align(src, tgt, src_lang="en", tgt_lang="fr")
    heavy = align(src, tgt, src_lang="en", tgt_lang="fr", weights={"lexical": 3.0})
    assert heavy.beads[0].score > default.beads[0].score
    assert "lexical(w=3" in heavy.signature


@pytest.mark.parametrize(
    ("weights", "message"),
    [({"mt": 1.0}, "no mt signal"), ({"length": -1.0}, "0 or more")],
)
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(InputError, match=message):
        align(["a"], ["b"], src_lang="en", tgt_lang="fr", weights=weights)


def test_sorani_and_kurmanji_words_meet_across_their_scripts():
    """Two varieties of Kurdish in two scripts: every word has a skeleton, read with
    Kurmanji's letter values (x is خ), and its first three consonants meet whatever the
    ending."""
    kmr = anchors("Zimanê kurdî û xelkê bajêr.", "latin", "arabic", "kmr", kin=True)
    ckb = anchors("زمانی کوردی و خەڵکی شار.", "arabic", "latin", "ckb", kin=True)
    assert {"tzmn", "tkrd", "tklk", "uzmn", "ukrd"} <= set(kmr) & set(ckb)
    # between other languages a lower-case Latin word has none, and x is read as ks
    assert not {"tzmn", "tklk"} & set(anchors("zimanê xelkê", "latin", "arabic", "kmr"))
    assert "tkslk" in anchors("Xelk", "latin", "arabic", "en")


def test_a_sentence_kurmanji_left_out_is_found_by_the_shared_words():
    ckb = ["حکومەت بڕیاری نوێی دا.", "خەڵکی شارەکە کۆبوونەوە.", "نەخۆشخانەکە کرایەوە.",
           "قوتابخانەکان داخران.", "زمانی کوردی لە زانکۆ دەخوێندرێت."]  # fmt: skip
    kmr = ["Hikûmetê biryareke nû da.", "Nexweşxane hate vekirin.", "Dibistan hatin girtin.",
           "Zimanê kurdî li zanîngehê tê xwendin."]  # fmt: skip
    result = align(ckb, kmr, src_lang="ckb", tgt_lang="kmr", signals=["length", "lexical"])
    assert [b.segments for b in result.beads] == [
        ((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((4,), (3,))
    ]  # fmt: skip
