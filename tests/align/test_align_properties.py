"""Properties every alignment has, on documents hypothesis makes up."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.align import align
from workbench.align.search import SearchParams

WORDS = ["alpha", "beta", "Gamma", "delta", "12", "٣٤", "UN", "Kirkuk", "كركوك", "(x)", "why?"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
document = st.lists(sentence, min_size=0, max_size=40)
# a tiny full-grid limit makes even these short documents go through the coarse levels
COARSE = SearchParams(full_cells=16, radius=3)


def check(result, n: int, m: int, params: SearchParams) -> None:
    src = [i for b in result.beads for i in b.segments[0]]
    tgt = [j for b in result.beads for j in b.segments[1]]
    assert src == list(range(n)), "every source sentence once, in order"
    assert tgt == list(range(m)), "every target sentence once, in order"
    for bead in result.beads:
        a, b = (len(s) for s in bead.segments)
        assert a + b >= 1
        if min(a, b) == 1:
            assert max(a, b) <= params.max_side
        elif min(a, b) >= 2:
            assert a + b <= params.max_many
        assert all(list(s) == list(range(s[0], s[0] + len(s))) for s in bead.segments if s)
        assert 0.0 <= bead.confidence <= 1.0
        assert bead.signal


@pytest.mark.parametrize("params", [SearchParams(), COARSE], ids=["full-grid", "coarse-to-fine"])
@given(src=document, tgt=document)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_alignment_is_monotone_complete_and_within_bead_limits(params, src, tgt):
    check(align(src, tgt, src_lang="en", tgt_lang="ar", params=params), len(src), len(tgt), params)


@given(src=document, tgt=document)
@settings(max_examples=25, deadline=None)
def test_alignment_is_deterministic(src, tgt):
    first = align(src, tgt, src_lang="en", tgt_lang="kmr", params=COARSE)
    second = align(src, tgt, src_lang="en", tgt_lang="kmr", params=COARSE)
    assert first == second


@given(src=document, tgt=document)
@settings(max_examples=25, deadline=None)
def test_larger_beads_allowed_stay_within_their_limit(src, tgt):
    params = SearchParams(max_many=6, max_side=5, full_cells=16, radius=3)
    check(align(src, tgt, src_lang="en", tgt_lang="ckb", params=params), len(src), len(tgt), params)


@pytest.mark.parametrize(
    ("src", "tgt", "kinds"),
    [
        ([], [], []),
        (["One."], [], ["1-0"]),
        ([], ["Yek."], ["0-1"]),
        (["One."], ["Yek."], ["1-1"]),
        ([""], [""], ["1-1"]),
        (["One.", "Two."], ["Yek."], None),
    ],
    ids=["both-empty", "no-target", "no-source", "one-each", "empty-strings", "two-to-one"],
)
def test_empty_and_one_sentence_documents(src, tgt, kinds):
    result = align(src, tgt, src_lang="en", tgt_lang="kmr")
    check(result, len(src), len(tgt), SearchParams())
    if kinds is not None:
        assert [b.kind for b in result.beads] == kinds
