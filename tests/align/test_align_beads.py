"""Bead sizes: 1-n and n-1 up to 1-6, 2-3 and 3-2, found by a second pass near the first path;
the parameters that allow them, and the translation lengths the length signal may use."""

from __future__ import annotations

import pytest

from workbench.align import align
from workbench.align.choices import SETTINGS, LexiconParams, SearchParams, parameters
from workbench.align.dp import bead_types
from workbench.align.search import all_types, first_types
from workbench.align.signals.base import Pair
from workbench.align.signals.length import LengthSignal
from workbench.errors import InputError

# one long English sentence that the Kurmanji version says in five
PARTS = [
    ("the camp has 12 clinics for the families", "Kampê 12 klînîk ji bo malbatan hene."),
    ("UNICEF paid for 3 new schools near Zakho", "UNICEF pere da 3 dibistanên nû li Zaxoyê."),
    ("450 teachers arrived there in March", "450 mamoste di meha Adarê de gihîştin wir."),
    ("78 wells were dug by the Kirkuk office", "78 bîr ji aliyê ofîsa Kerkûkê ve hatin kolandin."),
    ("9 old bridges reopened over the river", "9 pirên kevn ên li ser çem dîsa vebûn."),
]  # fmt: skip
LONG_SRC = [
    "In 2019, 345 families returned to Mosul after the war.",
    "The report says that " + ", and ".join(en for en, _ in PARTS) + ".",
    "In 2021, 67 shops opened again in Duhok.",
    "The 5 markets sell bread, rice and 8 kinds of fruit.",
]
LONG_TGT = [
    "Di sala 2019an de 345 malbat vegeriyan Mûsilê piştî şer.",
    *(kmr for _, kmr in PARTS),
    "Di sala 2021an de 67 dikan li Duhokê dîsa vebûn.",
    "5 bazar nan, birinc û 8 cûre fêkî difroşin.",
]


def kinds(types) -> set[str]:
    return {f"{a}-{b}" for a, b in types}


def test_bead_types_by_side_and_by_many():
    assert kinds(bead_types(6, 5)) == {
        "1-0", "0-1", "1-1", "1-2", "2-1", "1-3", "3-1", "2-2", "2-3", "3-2",
        "1-4", "4-1", "1-5", "5-1", "1-6", "6-1",
    }  # fmt: skip
    assert kinds(bead_types(2, 3)) == {"1-0", "0-1", "1-1", "1-2", "2-1"}
    assert "3-3" in kinds(bead_types(3, 6)) and "2-4" in kinds(bead_types(3, 6))


def test_the_first_pass_keeps_small_beads_and_the_second_adds_the_rest():
    params = SearchParams()
    assert kinds(first_types(params)) == kinds(bead_types(3, 4))
    first = [tuple(t) for t in first_types(params)]
    assert [tuple(t) for t in all_types(params)][: len(first)] == first


@pytest.mark.parametrize(
    "params",
    [SearchParams(), SearchParams(full_cells=4, radius=3)],
    ids=["full-grid", "coarse-to-fine"],
)
def test_one_sentence_said_in_five_is_one_bead(params):
    result = align(LONG_SRC, LONG_TGT, src_lang="en", tgt_lang="kmr", params=params)
    assert [b.segments for b in result.beads] == [
        ((0,), (0,)),
        ((1,), (1, 2, 3, 4, 5)),
        ((2,), (6,)),
        ((3,), (7,)),
    ]
    assert "beads:1-6/5" in result.signature


def test_the_same_in_reverse_is_a_five_to_one_bead():
    result = align(LONG_TGT, LONG_SRC, src_lang="kmr", tgt_lang="en")
    assert ((1, 2, 3, 4, 5), (1,)) in [b.segments for b in result.beads]


def test_beads_stay_within_the_limit_asked_for():
    three = SearchParams(max_side=3)
    result = align(LONG_SRC, LONG_TGT, src_lang="en", tgt_lang="kmr", params=three)
    assert max(len(b.segments[1]) for b in result.beads) == 3
    assert "beads:1-3/5" in result.signature


def test_content_crossing_two_sentence_boundaries_makes_a_two_to_three_bead():
    src = [
        "In 2018, 90 people met in Erbil.",
        "In 2019, 345 families and 12 clinics came back to Sinjar with 70 doctors.",
        "UNICEF paid for 3 schools and 450 teachers and 15 buses in 2020.",
        "In 2021, 67 shops opened in Duhok.",
    ]
    tgt = [
        "Di sala 2018an de 90 kes li Hewlêrê civiyan.",
        "Di sala 2019an de.",
        "345 malbat, 12 klînîk û 70 doktor vegeriyan Şengalê, UNICEF pere da 3 dibistan, "
        "450 mamoste û 15 otobusan.",
        "Ev di sala 2020an de bû.",
        "Di sala 2021an de 67 dikan li Duhokê vebûn.",
    ]
    found = align(src, tgt, src_lang="en", tgt_lang="kmr")
    assert ((1, 2), (1, 2, 3)) in [b.segments for b in found.beads]
    without = align(src, tgt, src_lang="en", tgt_lang="kmr", params=SearchParams(max_many=4))
    assert all(len(s) + len(t) <= 4 for s, t in (b.segments for b in without.beads))


@pytest.mark.parametrize(
    ("made", "message"),
    [
        (lambda: SearchParams(max_side=0), "max_side must be a number from 1 to 12"),
        (lambda: SearchParams(max_many=2.5), "max_many must be a number"),
        (lambda: LexiconParams(method="magic"), "lexicon_method must be one of model1, dice"),
        (lambda: LexiconParams(min_confidence=2.0), "lexicon_min_confidence must be"),
    ],
    ids=["side-zero", "many-not-whole", "unknown-method", "confidence-above-one"],
)
def test_parameters_out_of_range_are_refused_with_the_limits(made, message):
    with pytest.raises(InputError, match=message):
        made()


def test_every_search_and_lexicon_parameter_is_a_setting():
    from dataclasses import fields

    settings = {(s.owner, s.field) for s in SETTINGS}
    wanted = {(SearchParams, f.name) for f in fields(SearchParams)}
    wanted |= {(LexiconParams, f.name) for f in fields(LexiconParams) if f.name != "dictionaries"}
    assert wanted - settings == set()


def test_parameters_are_built_from_setting_names_with_defaults_elsewhere():
    search, lexicon = parameters(max_side=4, lexicon_method="dice", dictionaries="none")
    assert (search.max_side, search.max_many) == (4, SearchParams().max_many)
    assert (lexicon.method, lexicon.dictionaries) == ("dice", "none")
    assert {s.name for s in SETTINGS} >= {"max_side", "max_many", "lexicon_method"}


# --- the length signal measures the machine translation when there is one -------------------


def test_length_signal_measures_the_translation_when_given_one():
    src = ["kurz.", "ein viel längerer Satz mit vielen Wörtern darin."]
    tgt = ["a rather long sentence here.", "short."]
    mt = ["a rather long sentence too.", "short."]
    signal = LengthSignal()
    signal.prepare(Pair(src, tgt, "de", "en", extra={"src_mt": mt}))
    assert signal.measured == "mt" and signal.ratio == pytest.approx(1.0, abs=0.1)
    plain = LengthSignal()
    plain.prepare(Pair(src, tgt, "de", "en"))
    assert plain.measured == "src"


def test_with_translations_the_alignment_says_the_length_came_from_them():
    src = ["Sentence one about 2019.", "Sentence two."]
    tgt = ["Phrase un sur 2019.", "Phrase deux."]
    mt = ["Phrase un sur 2019.", "Phrase deux."]
    result = align(src, tgt, src_lang="en", tgt_lang="fr", signals=["length", "mt"], src_mt=mt)
    assert "length(w=1,growth=1.0,of=mt," in result.signature
    assert [b.segments for b in result.beads] == [((0,), (0,)), ((1,), (1,))]


def test_a_side_that_omits_nothing_else_merges_rather_than_omits():
    # the French has four captions the German lacks (0-1); the German sentence with a number
    # the French lacks would be left out (1-0) at the common skip cost, but a document whose
    # German is otherwise never left out prices that dearer: it joins its neighbour (2-1)
    src = ["Alpha 11 kommt heute.", "Beta 22 geht morgen.", "Gamma 33 bleibt dort.",
           "Delta 44 wartet lange hier.", "Epsilon 55 fehlt nie."]  # fmt: skip
    tgt = ["Alpha 11 vient aujourd'hui.", "Photo 1", "Photo 2", "Photo 3", "Photo 4",
           "Beta 22 part demain.", "Gamma 33 reste là-bas et attend longtemps ici.",
           "Epsilon 55 ne manque jamais."]  # fmt: skip
    result = align(src, tgt, src_lang="de", tgt_lang="fr")
    beads = [b.segments for b in result.beads]
    assert ((2, 3), (6,)) in beads and ((3,), ()) not in beads
    assert [((), (j,)) in beads for j in range(1, 5)] == [True] * 4
    assert "skipfit:2" in result.signature
