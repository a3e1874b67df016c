"""Three and four versions around a hub: n-way beads and disagreement flags."""

from __future__ import annotations

import pytest

from workbench.align.aligner import AlignmentResult
from workbench.align.multiway import align_many, flag_disagreements, join_at_hub
from workbench.errors import InputError
from workbench.records import Bead

EN = [
    "In 2019, 345 families returned.",
    "The camp at Duhok has 12 clinics.",
    "UNICEF paid for 3 schools.",
    "Talks resume on 5 May.",
]
AR = [
    "في عام ٢٠١٩ عادت ٣٤٥ عائلة.",
    "يضم مخيم دهوك ١٢ عيادة.",
    "دفعت UNICEF تكاليف ٣ مدارس.",
    "تستأنف المحادثات في ٥ أيار.",
]
KMR = [
    "Di sala 2019an de 345 malbat vegeriyan.",
    "Kampa Duhokê 12 klînîk hene.",
    "UNICEF ji bo 3 dibistanan pere da.",
    "Danûstandin di 5 gulan de dest pê dikin.",
]


def result(beads: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> AlignmentResult:
    n = max((i for s, _ in beads for i in s), default=-1) + 1
    m = max((j for _, t in beads for j in t), default=-1) + 1
    return AlignmentResult(tuple(Bead(b, confidence=0.8) for b in beads), "sig", "x", "y", n, m)


def test_three_versions_give_three_way_beads_hub_first():
    aligned = align_many([EN, AR, KMR], ["en", "ar", "kmr"])
    assert [b.segments for b in aligned.beads] == [((i,), (i,), (i,)) for i in range(4)]
    assert aligned.hub == 0 and "hub:en" in aligned.signature


def test_the_hub_can_be_any_language():
    aligned = align_many([AR, EN, KMR], ["ar", "en", "kmr"], hub="en")
    assert aligned.hub == 1
    assert all(b.segments[1] == (i,) for i, b in enumerate(aligned.beads))


def test_every_sentence_of_every_version_is_in_exactly_one_bead():
    ar = AR[:1] + AR[2:]  # ar leaves out sentence 1
    kmr = [KMR[0] + " " + KMR[1], *KMR[2:]]  # kmr joins 0 and 1
    aligned = align_many([EN, ar, kmr], ["en", "ar", "kmr"])
    for k, doc in enumerate([EN, ar, kmr]):
        assert [i for b in aligned.beads for i in b.segments[k]] == list(range(len(doc)))


def test_a_merge_in_one_version_widens_the_bead_for_all():
    pairs = {
        (0, 1): result([((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
        (0, 2): result([((0, 1), (0,)), ((2,), (1,))]),
    }
    beads = join_at_hub(3, 0, 3, pairs)
    assert [b.segments for b in beads] == [((0, 1), (0, 1), (0,)), ((2,), (2,), (1,))]


def test_additions_on_a_boundary_become_a_bead_without_hub_sentence():
    pairs = {
        (0, 1): result([((0,), (0,)), ((), (1,)), ((1,), (2,))]),
        (0, 2): result([((0,), (0,)), ((1,), (1,))]),
    }
    beads = join_at_hub(2, 0, 3, pairs)
    assert [b.segments for b in beads] == [((0,), (0,), (0,)), ((), (1,), ()), ((1,), (2,), (1,))]


def test_direct_pair_that_disagrees_flags_the_beads_and_halves_confidence():
    beads = [Bead(((0,), (0,), (0,)), confidence=0.8), Bead(((1,), (1,), (1,)), confidence=0.8)]
    agree = result([((0,), (0,)), ((1,), (1,))])
    crossed = result([((0,), (0, 1)), ((1,), ())])
    assert all(b.flag is None for b in flag_disagreements(beads, 1, 2, agree, ["en", "ar", "ckb"]))
    flagged = flag_disagreements(beads, 1, 2, crossed, ["en", "ar", "ckb"])
    assert [b.flag["pairs"] for b in flagged] == [["ar-ckb"], ["ar-ckb"]]
    assert flagged[0].confidence == pytest.approx(0.4)
    assert "ar-ckb" in flagged[0].flag["comment"]


def test_direct_pair_leaving_out_what_the_bead_joins_is_a_disagreement():
    beads = [Bead(((0,), (0,), (0,)), confidence=0.8)]
    apart = result([((0,), ()), ((), (0,))])
    assert flag_disagreements(beads, 1, 2, apart, ["en", "ar", "ckb"])[0].flag is not None


def test_four_versions_check_every_direct_pair():
    ckb = [
        "لە ساڵی ٢٠١٩ ٣٤٥ خێزان گەڕانەوە.",
        "کەمپی دهۆک ١٢ کلینیکی هەیە.",
        "UNICEF پارەی ٣ قوتابخانەی دا.",
        "دانوستانەکان لە ٥ی ئایار دەست پێدەکەنەوە.",
    ]
    aligned = align_many([EN, AR, ckb, KMR], ["en", "ar", "ckb", "kmr"])
    assert set(aligned.pairs) == {(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)}
    assert len(aligned.beads) == 4 and all(len(b.segments) == 4 for b in aligned.beads)


def test_one_document_is_not_enough():
    with pytest.raises(InputError, match="at least two documents"):
        align_many([EN], ["en"])
