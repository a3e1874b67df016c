"""What split, merge, unalign and undo do with reviewers' edits, flags, comments and status,
in every order they can meet (docs/review.md states the rules): one case per test.

Erbil water in en, ar, ckb: bead i holds sentence i of each language. amina (A) reshapes,
karwan (B) works on the same beads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.review.samples import SENTENCES
from workbench.errors import Conflict, InputError
from workbench.formats.collect import parallel_text
from workbench.records import User
from workbench.review import actions
from workbench.store import alignments, review

A, B = User("amina", "reviewer"), User("karwan", "reviewer")
EN, AR = SENTENCES["en"], SENTENCES["ar"]
FIXED = "The water station in Erbil reopened on 4 March 2024."


class Story:
    """The alignment as the steps see it: beads by the sentence of English they start with."""

    def __init__(self, db, alignment):
        self.db, self.id = db, alignment.id

    def bead(self, first_en: int) -> int:
        return next(b.id for b in self.beads() if b.segments[0][:1] == (first_en,))

    def beads(self):
        return alignments.current_beads(self.db, self.id)

    def state(self, first_en: int) -> review.BeadState:
        found = review.alignment_state(self.db, self.id).beads.get(self.bead(first_en))
        return found or review.BeadState()

    def row(self, first_en: int) -> dict:
        """The exported row of that bead (what TMX, XLIFF and TSV files get)."""
        rows = parallel_text(self.db, self.id).rows
        return next(r.texts for r in rows if r.texts.get("en", "").startswith(EN[first_en][:12]))

    # the reviewers' moves
    def edit(self, who, first_en, column, text):
        return actions.edit(self.db, who, self.id, self.bead(first_en), {column: text})

    def merge(self, who, first_en):
        return actions.merge_with_next(self.db, who, self.id, self.bead(first_en))

    def split(self, who, first_en, keep):
        return actions.split(self.db, who, self.id, self.bead(first_en), keep)

    def unalign(self, who, first_en, column=None, segment=None):
        return actions.unalign(self.db, who, self.id, self.bead(first_en), column, segment)

    def flag(self, who, first_en, comment="dates differ"):
        return actions.flag(
            self.db, who, self.id, self.bead(first_en), "omission", "major", comment
        )

    def undo(self, who):
        return actions.undo_mine(self.db, who, self.id)


@dataclass(frozen=True)
class Case:
    steps: Callable[[Story], object]
    check: Callable[[Story], None]
    refused: tuple[type[Exception], str] | None = None  # the last step's refusal, if any


def _then_refused(*steps):
    """Run the steps; the last one must be refused (the test checks how)."""

    def run(s: Story):
        for step in steps[:-1]:
            step(s)
        return steps[-1]

    return run


CASES = {
    # --- merge ---------------------------------------------------------------------------
    "edit X, merge X with the next: the merged bead shows the edit, status edited": Case(
        lambda s: (s.edit(B, 0, 0, FIXED), s.merge(A, 0)),
        lambda s: (
            _eq(s.state(0).texts, {0: f"{FIXED} {EN[1]}"}),
            _eq(s.state(0).status, "edited"),
            _eq(s.row(0)["en"], f"{FIXED} {EN[1]}"),
            _eq(s.row(0)["ar"], f"{AR[0]} {AR[1]}"),
        ),
    ),
    "edit the next bead, merge X with it: its edit follows X's text": Case(
        lambda s: (s.edit(B, 1, 1, "نص مصحح"), s.merge(A, 0)),
        lambda s: (
            _eq(s.state(0).texts, {1: f"{AR[0]} نص مصحح"}),
            _eq(s.row(0)["ar"], f"{AR[0]} نص مصحح"),
        ),
    ),
    "flag X, merge: the merged bead keeps the flag and is flagged": Case(
        lambda s: (s.flag(B, 0), s.merge(A, 0)),
        lambda s: (
            _eq([f["comment"] for f in s.state(0).flags], ["dates differ"]),
            _eq(s.state(0).status, "flagged"),
        ),
    ),
    "comment on X, merge: the comment stays, the status too": Case(
        lambda s: (actions.comment(s.db, B, s.id, s.bead(0), "check Duhok"), s.merge(A, 0)),
        lambda s: (_eq(s.state(0).comments, ["check Duhok"]), _eq(s.state(0).status, "auto")),
    ),
    "accept both, merge: the merged bead is accepted": Case(
        lambda s: (
            actions.accept(s.db, B, s.id, s.bead(0)),
            actions.accept(s.db, B, s.id, s.bead(1)),
            s.merge(A, 0),
        ),
        lambda s: _eq(s.state(0).status, "accepted"),
    ),
    "accept X, reject the next, merge: the more pressing status wins": Case(
        lambda s: (
            actions.accept(s.db, B, s.id, s.bead(0)),
            review.record_event(s.db, actions._event("reject", B, s.id, s.bead(1))),
            s.merge(A, 0),
        ),
        lambda s: _eq(s.state(0).status, "rejected"),
    ),
    # --- split ---------------------------------------------------------------------------
    "merge, edit ar, split keeping ar whole: the part with the ar sentences has the edit": Case(
        lambda s: (s.merge(A, 0), s.edit(B, 0, 1, "نص واحد مصحح"), s.split(A, 0, [1, 2, 1])),
        lambda s: (
            _eq(s.state(0).texts, {1: "نص واحد مصحح"}),
            _eq(s.state(0).status, "edited"),
            _eq(s.state(1).texts, {}),
            _eq(s.state(1).status, "auto"),
        ),
    ),
    "merge, edit en, split dividing en: refused, nothing changes": Case(
        _then_refused(
            lambda s: s.merge(A, 0),
            lambda s: s.edit(B, 0, 0, FIXED),
            lambda s: s.split(A, 0, [1, 1, 1]),
        ),
        lambda s: (_eq(len(s.beads()), 4), _eq(s.state(0).texts, {0: FIXED})),
        refused=(InputError, "The en text of bead .* was edited by karwan"),
    ),
    "merge, flag, split: both parts keep the flag": Case(
        lambda s: (s.merge(A, 0), s.flag(B, 0), s.split(A, 0, [1, 1, 1])),
        lambda s: (
            _eq(len(s.state(0).flags), 1),
            _eq(len(s.state(1).flags), 1),
            _eq(s.state(1).status, "flagged"),
        ),
    ),
    # --- unalign -------------------------------------------------------------------------
    "merge, edit ar, unalign one en sentence: the rest keeps the ar edit": Case(
        lambda s: (s.merge(A, 0), s.edit(B, 0, 1, "نص مصحح"), s.unalign(A, 0, 0, 1)),
        lambda s: (
            _eq(s.state(0).texts, {1: "نص مصحح"}),
            _eq(next(b for b in s.beads() if b.segments == ((1,), (), ())).status, "auto"),
        ),
    ),
    "merge, edit en, unalign every sentence: refused (the en sentences would be divided)": Case(
        _then_refused(
            lambda s: s.merge(A, 0), lambda s: s.edit(B, 0, 0, FIXED), lambda s: s.unalign(A, 0)
        ),
        lambda s: _eq(s.state(0).texts, {0: FIXED}),
        refused=(InputError, "edited by karwan"),
    ),
    "edit ar of a one-sentence bead, unalign every sentence: the ar sentence keeps it": Case(
        lambda s: (s.edit(B, 2, 1, "نص مصحح"), s.unalign(A, 2)),
        lambda s: _eq(
            [
                review.alignment_state(s.db, s.id).beads[b.id].texts
                for b in s.beads()
                if b.segments == ((), (2,), ())
            ],
            [{1: "نص مصحح"}],
        ),
    ),
    # --- undo of a restructuring others built on -----------------------------------------
    "A merges, B edits the merged bead, A undoes: refused naming B; B's edit stays": Case(
        _then_refused(
            lambda s: s.merge(A, 0), lambda s: s.edit(B, 0, 0, FIXED), lambda s: s.undo(A)
        ),
        lambda s: (_eq(s.state(0).texts, {0: FIXED}), _eq(s.row(0)["en"], FIXED)),
        refused=(Conflict, "karwan edited it"),
    ),
    "A merges, B accepts the merged bead, A undoes: refused naming B": Case(
        _then_refused(
            lambda s: s.merge(A, 0),
            lambda s: actions.accept(s.db, B, s.id, s.bead(0)),
            lambda s: s.undo(A),
        ),
        lambda s: (_eq(s.state(0).status, "accepted"), _eq(len(s.beads()), 4)),
        refused=(Conflict, "karwan accepted it"),
    ),
    "A merges, B splits the merged bead, A undoes: refused naming B": Case(
        _then_refused(
            lambda s: s.merge(A, 0), lambda s: s.split(B, 0, [1, 1, 1]), lambda s: s.undo(A)
        ),
        lambda s: _eq(len(s.beads()), 5),
        refused=(Conflict, "karwan split it"),
    ),
    "A splits, B flags a part, A undoes: refused naming B": Case(
        _then_refused(
            lambda s: s.merge(A, 3),
            lambda s: s.split(A, 3, [1, 1, 1]),
            lambda s: s.flag(B, 4),
            lambda s: s.undo(A),
        ),
        lambda s: _eq(s.state(4).status, "flagged"),
        refused=(Conflict, "karwan flagged it"),
    ),
    "A unaligns, B comments on a sentence left alone, A undoes: refused naming B": Case(
        _then_refused(
            lambda s: s.unalign(A, 2),
            lambda s: actions.comment(s.db, B, s.id, s.bead(2), "belongs to bead 3"),
            lambda s: s.undo(A),
        ),
        lambda s: _eq(s.state(2).comments, ["belongs to bead 3"]),
        refused=(Conflict, "karwan commented it"),
    ),
    # --- undo of work that a restructuring carried away -----------------------------------
    "B edits X, A merges, B undoes the edit: refused naming A; the merged bead keeps it": Case(
        _then_refused(
            lambda s: s.edit(B, 0, 0, FIXED), lambda s: s.merge(A, 0), lambda s: s.undo(B)
        ),
        lambda s: _eq(s.state(0).texts, {0: f"{FIXED} {EN[1]}"}),
        refused=(Conflict, "amina merged that bead"),
    ),
    # --- undo that nothing rests on ------------------------------------------------------
    "B edits X, A merges, A undoes: X is back with B's edit": Case(
        lambda s: (s.edit(B, 0, 0, FIXED), s.flag(B, 1), s.merge(A, 0), s.undo(A)),
        lambda s: (
            _eq(len(s.beads()), 5),
            _eq(s.state(0).texts, {0: FIXED}),
            _eq(s.state(1).status, "flagged"),
        ),
    ),
    "A merges, A edits the merged bead, A undoes twice: the edit, then the merge": Case(
        lambda s: (s.merge(A, 0), s.edit(A, 0, 0, FIXED), s.undo(A), s.undo(A)),
        lambda s: (_eq(len(s.beads()), 5), _eq(s.state(0).texts, {}), _eq(s.row(0)["en"], EN[0])),
    ),
    "A merges, B edits another bead, A undoes: allowed, B's edit untouched": Case(
        lambda s: (s.merge(A, 0), s.edit(B, 3, 0, "Engineers worked."), s.undo(A)),
        lambda s: (_eq(len(s.beads()), 5), _eq(s.state(3).texts, {0: "Engineers worked."})),
    ),
    # --- redo (undoing an undo) ---------------------------------------------------------
    "A merges, undoes, B splits X's neighbour in, redo of the merge: refused": Case(
        _then_refused(
            lambda s: s.merge(A, 0),
            lambda s: s.undo(A),
            lambda s: s.unalign(B, 1),
            lambda s: review.record_event(
                s.db,
                review.ReviewEvent("undo", "amina", s.id, None, undoes=_last(s, "amina", "undo")),
            ),
        ),
        lambda s: _eq(len(s.beads()), 7),
        refused=(Conflict, "Cannot redo the merge"),
    ),
}


def _last(s: Story, user: str, action: str) -> int:
    return [e.id for e in review.events(s.db, s.id) if e.user == user and e.action == action][-1]


def _eq(found, expected):
    assert found == expected


@pytest.mark.parametrize("story", list(CASES))
def test_reviewers_work_survives_every_order(db, alignment, story):
    case = CASES[story]
    s = Story(db, alignment)
    before = len(review.events(db, alignment.id))
    last = case.steps(s)
    if case.refused:
        error, message = case.refused
        count = len(review.events(db, alignment.id))
        with pytest.raises(error, match=message):
            last(s)
        assert len(review.events(db, alignment.id)) == count  # the refusal wrote nothing
    case.check(s)
    assert len(review.events(db, alignment.id)) > before
    assert _sentences_once(s)


def _sentences_once(s: Story) -> bool:
    seen = [(c, i) for b in s.beads() for c, col in enumerate(b.segments) for i in col]
    return len(seen) == len(set(seen)) == 15
