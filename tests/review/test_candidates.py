"""Term candidates for a terminologist: found in one report's beads, accepted into the
termbase or rejected (and not offered again), by writers only, all or nothing."""

from __future__ import annotations

import pytest

from tests.review.samples import add_report
from workbench.errors import InputError, NotFound, PermissionDenied
from workbench.memory.termbase import load_termbase
from workbench.records import User
from workbench.review import candidates
from workbench.store import terms as store

AMINA, OMAR = User("amina", "reviewer"), User("omar", "viewer")
REPORT = "Erbil water"


@pytest.fixture
def found(db):
    add_report(db, langs=("en", "ar", "ckb", "kmr"))
    return candidates.find_candidates(db, AMINA, REPORT)


def _pair(found, source: str, tgt_lang: str):
    return next(c for c in found if c.source == source and c.tgt_lang == tgt_lang)


def test_finding_lists_the_reports_terms_pending_best_first(found):
    station = _pair(found, "station", "ar")
    assert (station.target, station.kind, station.status) == ("محطة", "phrase", "pending")
    assert all(e.startswith(f"{REPORT}/") for c in found for e in c.examples)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_accepted_go_into_the_termbase_and_leave_the_list(db, found):
    erbil = _pair(found, "station", "ar")
    note = candidates.decide(db, AMINA, [str(erbil.id)], accept=True)
    assert note == "Accepted into the termbase: station → محطة."
    [hit] = load_termbase(db).find("وصلنا إلى المحطة", "ar")  # with the article
    assert hit.term == "محطة"
    assert store.get_candidate(db, erbil.id).user == "amina"
    assert erbil.id not in {c.id for c in candidates.report_candidates(db, REPORT)}


def test_rejected_are_remembered_and_not_offered_again(db, found):
    erbil = _pair(found, "station", "ckb")
    assert "Rejected (not offered again): station → وێستگەی" in candidates.decide(
        db, AMINA, [erbil.id], accept=False
    )
    again = candidates.find_candidates(db, AMINA, REPORT)  # extraction finds it again
    assert erbil.id not in {c.id for c in again} and len(again) == len(found) - 1
    assert store.get_candidate(db, erbil.id).status == "rejected"
    assert not len(load_termbase(db))


def test_a_viewer_may_neither_find_nor_decide(db, found):
    with pytest.raises(PermissionDenied, match="omar is a viewer"):
        candidates.find_candidates(db, OMAR, REPORT)
    with pytest.raises(PermissionDenied, match="omar is a viewer"):
        candidates.decide(db, OMAR, [found[0].id], accept=True)
    assert store.list_candidates(db, "accepted") == []


@pytest.mark.parametrize(
    ("ids", "error", "message"),
    [([], InputError, "Tick the term candidates to accept first"),
     (None, InputError, "Tick the term candidates to accept first"),
     (["x"], InputError, "'x' is not a term candidate number"),
     (["99999"], NotFound, "There is no term candidate 99999")],
)  # fmt: skip
def test_bad_choices_are_clear_errors_and_decide_nothing(db, found, ids, error, message):
    with pytest.raises(error, match=message):
        candidates.decide(db, AMINA, ids, accept=True)
    assert store.list_candidates(db, "accepted") == []


def test_a_decided_one_among_the_ticked_stops_them_all(db, found):
    first, second = found[0], found[1]
    candidates.decide(db, AMINA, [first.id], accept=False)
    with pytest.raises(InputError, match=f"Term candidate {first.id} .* was rejected by amina"):
        candidates.decide(db, AMINA, [second.id, first.id], accept=True)
    assert store.get_candidate(db, second.id).status == "pending"


def test_finding_needs_a_known_report(db, found):
    with pytest.raises(InputError, match="Choose the report"):
        candidates.find_candidates(db, AMINA, "")
    with pytest.raises(NotFound):
        candidates.find_candidates(db, AMINA, "No such report")
    assert candidates.report_candidates(db, "No such report") == []
    assert len(candidates.report_candidates(db, None)) == len(found)


def test_candidates_are_listed_by_language_pair(db, found):
    from workbench.review.candidates import candidate_pairs, language_pair, report_candidates

    pairs = candidate_pairs(db, REPORT)
    assert pairs == sorted({f"{c.src_lang}-{c.tgt_lang}" for c in found}) and len(pairs) > 1
    for pair in pairs:
        listed = report_candidates(db, REPORT, pair)
        assert listed and {f"{c.src_lang}-{c.tgt_lang}" for c in listed} == {pair}
    assert sum(len(report_candidates(db, REPORT, p)) for p in pairs) == len(found)
    assert language_pair("EN-Kmr") == ("en", "kmr")
    for wrong in ("en", "en-", "en-xx", "-ar", None):
        with pytest.raises(InputError, match="not a language pair: write it as SOURCE-TARGET"):
            report_candidates(db, REPORT, wrong or "?")
