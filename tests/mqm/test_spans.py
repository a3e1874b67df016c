"""Error spans: marked, listed, removed, undone; carried through edits, splits and merges
(stale, never lost, when their words change)."""

import pytest

from workbench.errors import Conflict, InputError, NotFound, PermissionDenied
from workbench.mqm.spans import add_span, remove_span, spans_for_alignment, spans_for_bead
from workbench.records import Bead, User
from workbench.store import alignments, review

from .samples import SENTENCES, act, add_report

AR = SENTENCES["ar"]


@pytest.fixture
def alignment(db):
    return add_report(db)


def _span(db, bead_id, words, lang="ar", text=None, **kw):
    text = text or SENTENCES[lang][0]
    start = text.index(words)
    kw = {"category": "accuracy/mistranslation", "severity": "major", "user": "amina", **kw}
    return add_span(db, bead_id, lang, start, start + len(words), **kw)


def _restructure(db, alignment, action, retire, shapes):
    made = [Bead(tuple(tuple(c) for c in s), 0.0, 1.0, "reviewer") for s in shapes]
    return alignments.restructure(db, alignment.id, "karwan", action, retire, made)


def test_a_span_keeps_its_words_who_and_when(db, alignment):
    bead = alignment.beads[0]
    span = _span(db, bead.id, "زاخو", note="the town's name is spelled so")
    assert (span.lang, span.column, span.text, span.user) == ("ar", 1, "زاخو", "amina")
    assert AR[0][span.start : span.end] == "زاخو"
    assert span.at and not span.is_stale and span.note == "the town's name is spelled so"
    assert spans_for_bead(db, bead.id) == [span]
    assert spans_for_alignment(db, alignment.id) == {bead.id: [span]}


def test_spaces_around_a_selection_are_left_out(db, alignment):
    bead = alignment.beads[0]
    start = AR[0].index("زاخو")
    span = add_span(db, bead.id, "ar", start - 1, start + 5, "style", "minor", "amina")
    assert span.text == "زاخو"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(5, 5, "not in the ar text"), (0, 999, "not in the ar text"), (4, 5, "only spaces")],
)
def test_a_selection_outside_the_text_is_refused(db, alignment, start, end, message):
    with pytest.raises(InputError, match=message):
        add_span(db, alignment.beads[0].id, "ar", start, end, "style", "minor", "amina")


def test_bad_category_language_or_user_is_refused(db, alignment):
    bead = alignment.beads[0].id
    with pytest.raises(InputError, match="Unknown MQM category"):
        add_span(db, bead, "ar", 0, 3, "typo", "minor", "amina")
    with pytest.raises(InputError, match="no ckb text: its languages are en, ar"):
        add_span(db, bead, "ckb", 0, 3, "style", "minor", "amina")
    with pytest.raises(PermissionDenied, match="viewer"):
        add_span(db, bead, "ar", 0, 3, "style", "minor", User("omar", "viewer"))
    with pytest.raises(NotFound, match="no bead 999"):
        add_span(db, 999, "ar", 0, 3, "style", "minor", "amina")


def test_removal_is_an_event_and_undo_brings_the_span_back(db, alignment):
    bead = alignment.beads[0]
    span = _span(db, bead.id, "زاخو")
    gone = remove_span(db, span.id, User("karwan"), "not an error")
    assert spans_for_bead(db, bead.id) == []
    assert [e.action for e in review.events(db, alignment.id)] == ["span", "unspan"]
    assert gone.after == {"span": span.id} and gone.comment == "not an error"
    review.undo(db, alignment.id, "karwan")
    assert [s.id for s in spans_for_bead(db, bead.id)] == [span.id]
    review.undo(db, alignment.id, "amina")
    assert spans_for_bead(db, bead.id) == []
    with pytest.raises(NotFound, match="not in effect"):
        remove_span(db, span.id, "amina")
    with pytest.raises(NotFound, match="no error span 77"):
        remove_span(db, 77, "amina")


def test_an_edit_elsewhere_moves_the_span_with_its_words(db, alignment):
    bead = alignment.beads[0]
    span = _span(db, bead.id, "زاخو")
    new = "أمس " + AR[0]
    act(db, alignment, bead.id, "edit", before={"texts": {"1": AR[0]}}, after={"texts": {"1": new}})
    (moved,) = spans_for_bead(db, bead.id)
    assert not moved.is_stale and new[moved.start : moved.end] == "زاخو"
    assert moved.start == span.start + 4


def test_an_edit_of_its_words_marks_it_stale_and_undo_restores_it(db, alignment):
    bead = alignment.beads[0]
    span = _span(db, bead.id, "زاخو")
    new = AR[0].replace("زاخو", "زاخۆ")
    edit = act(
        db, alignment, bead.id, "edit", "karwan",
        before={"texts": {"1": AR[0]}}, after={"texts": {"1": new}},
    )  # fmt: skip
    (stale,) = spans_for_bead(db, bead.id)
    assert stale.stale["event"] == edit.id and stale.stale["user"] == "karwan"
    assert stale.text == "زاخو"  # the words as they were marked stay with it
    review.undo(db, alignment.id, "karwan")
    assert spans_for_bead(db, bead.id) == [span]


def test_a_span_on_the_other_language_is_untouched_by_an_edit(db, alignment):
    bead = alignment.beads[0]
    span = _span(db, bead.id, "Zakho", lang="en", category="style", severity="minor")
    act(db, alignment, bead.id, "edit", before={"texts": {"1": AR[0]}}, after={"texts": {"1": "x"}})
    assert spans_for_bead(db, bead.id) == [span]


def test_a_merge_carries_both_beads_spans_to_their_new_places(db, alignment):
    b0, b1 = alignment.beads[:2]
    first = _span(db, b0.id, "زاخو")
    second = _span(db, b1.id, "أربعين", text=AR[1], severity="minor")
    _restructure(db, alignment, "merge", [b0.id, b1.id], [[(0, 1), (0, 1)]])
    (merged,) = [b for b in alignments.current_beads(db, alignment.id) if b.segments[0] == (0, 1)]
    found = spans_for_bead(db, merged.id)
    text = AR[0] + " " + AR[1]
    assert [s.id for s in found] == [first.id, second.id]
    assert [text[s.start : s.end] for s in found] == ["زاخو", "أربعين"]
    assert not any(s.is_stale for s in found)


def test_a_split_sends_each_span_with_its_sentence_and_a_cut_one_goes_stale(db):
    alignment = add_report(db, beads=[[(0, 1), (0, 1)], [(2,), (2,)], [(3,), (3,)]])
    bead = alignment.beads[0]
    text = AR[0] + " " + AR[1]
    inside = add_span(db, bead.id, "ar", text.index("أربعين"), text.index("أربعين") + 6,
                      "accuracy/omission", "major", "amina")  # fmt: skip
    across = add_span(db, bead.id, "ar", text.index("نيسان"), text.index("عاين") + 4,
                      "style", "minor", "amina")  # fmt: skip
    event = _restructure(db, alignment, "split", [bead.id], [[(0,), (0,)], [(1,), (1,)]])
    current = {b.segments[0]: b.id for b in alignments.current_beads(db, alignment.id)}
    (kept,) = spans_for_bead(db, current[(1,)])
    assert kept.id == inside.id and AR[1][kept.start : kept.end] == "أربعين"
    (cut,) = spans_for_bead(db, current[(0,)])
    assert cut.id == across.id and cut.is_stale and cut.stale["event"] == event.id


def test_an_edited_column_is_carried_with_its_spans_by_a_merge(db, alignment):
    b0, b1 = alignment.beads[:2]
    new = "أمس " + AR[0]
    act(db, alignment, b0.id, "edit", before={"texts": {"1": AR[0]}}, after={"texts": {"1": new}})
    span = add_span(db, b1.id, "ar", 0, 4, "fluency/grammar", "minor", "amina")
    _restructure(db, alignment, "merge", [b0.id, b1.id], [[(0, 1), (0, 1)]])
    merged = next(b for b in alignments.current_beads(db, alignment.id) if len(b.segments[0]) == 2)
    (found,) = spans_for_bead(db, merged.id)
    assert found.id == span.id
    assert (new + " " + AR[1])[found.start : found.end] == AR[1][:4]


def test_undoing_the_merge_is_refused_while_a_span_rests_on_the_new_bead(db, alignment):
    b0, b1 = alignment.beads[:2]
    _restructure(db, alignment, "merge", [b0.id, b1.id], [[(0, 1), (0, 1)]])
    merged = next(b for b in alignments.current_beads(db, alignment.id) if len(b.segments[0]) == 2)
    add_span(db, merged.id, "ar", 0, 4, "style", "minor", "amina")
    with pytest.raises(Conflict, match="amina marked an error in it"):
        review.undo(db, alignment.id, "karwan", own=True)


def test_a_source_span_in_a_four_language_alignment_names_its_translation(db):
    alignment = add_report(db, langs=("en", "ar", "ckb", "kmr"))
    bead = alignment.beads[0].id
    with pytest.raises(InputError, match="against=ar"):
        _span(db, bead, "Zakho", lang="en")
    span = _span(db, bead, "Zakho", lang="en", against="ckb", category="accuracy/omission")
    assert span.against == "ckb"
    with pytest.raises(InputError, match="against another language"):
        _span(db, bead, "Zakho", lang="en", against="fr")


def test_span_notes_are_not_bead_comments(db, alignment):
    bead = alignment.beads[0]
    _span(db, bead.id, "زاخو", note="why")
    assert review.alignment_state(db, alignment.id).beads[bead.id].comments == []


def test_unalign_sends_a_span_with_its_sentence(db):
    alignment = add_report(db, beads=[[(0, 1), (0, 1)], [(2,), (2,)], [(3,), (3,)]])
    bead = alignment.beads[0]
    text = AR[0] + " " + AR[1]
    start = text.index("أربعين")
    span = add_span(db, bead.id, "ar", start, start + 6, "accuracy/omission", "major", "amina")
    _restructure(db, alignment, "unalign", [bead.id], [[(0, 1), (0,)], [(), (1,)]])
    alone = next(b for b in alignments.current_beads(db, alignment.id) if b.segments == ((), (1,)))
    (found,) = spans_for_bead(db, alone.id)
    assert found.id == span.id and not found.is_stale
    assert AR[1][found.start : found.end] == "أربعين"
