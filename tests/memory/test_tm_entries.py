"""The memory: entries from alignments kept current with review events, ranking, contexts."""

from __future__ import annotations

import pytest

from tests.memory.conftest import AR, EN, KMR
from workbench.memory.search import matches_for_bead, search
from workbench.memory.sources import build_memory, norm, refresh_memory
from workbench.records import MemoryEntry, ReviewEvent, Translation
from workbench.store import memory as store
from workbench.store.review import record_event, undo
from workbench.store.translations import save_translations


def _entries(db, **filters):
    return list(store.iter_entries(db, **filters))


def test_an_alignment_gives_entries_in_every_pair_and_both_directions(db, report_maker):
    made = report_maker("meeting", {"en": EN, "ar": AR, "kmr": KMR})
    refresh_memory(db)
    pairs = {(e.src_lang, e.tgt_lang) for e in _entries(db)}
    assert pairs == {(a, b) for a in ("en", "ar", "kmr") for b in ("en", "ar", "kmr") if a != b}
    en_ar = _entries(db, src="en", tgt="ar")
    assert [(e.source, e.target) for e in en_ar] == list(zip(EN, AR, strict=True))
    assert {e.origin for e in en_ar} == {"aligned"}
    assert {(e.report, e.alignment_id) for e in en_ar} == {("meeting", made.id)}
    assert store.count_texts(db) == 9  # each sentence stored once for all its pairs


def test_reviewed_beads_become_reviewed_entries_and_an_edit_replaces_the_text(db, report_maker):
    made = report_maker("meeting", {"en": EN, "ar": AR})
    first, second, third = (b.id for b in made.beads)
    record_event(db, ReviewEvent("accept", "amina", made.id, first))
    fixed = "سيضم كل لواء قرابة 3500 جندي."
    record_event(db, ReviewEvent("edit", "karwan", made.id, second, after={"texts": {"1": fixed}}))
    record_event(db, ReviewEvent("flag", "amina", made.id, third, after={"category": "omission"}))
    refresh_memory(db)
    found = {e.bead_id: e for e in _entries(db, src="en", tgt="ar")}
    assert set(found) == {first, second}  # the flagged bead gives nothing
    assert (found[first].origin, found[first].user) == ("reviewed", "amina")
    assert (found[second].target, found[second].user) == (fixed, "karwan")
    assert found[second].created_at  # when the reviewer edited it
    assert _entries(db, src="ar", tgt="en")[1].source == fixed

    undo(db, made.id, "karwan", bead_id=second)  # the reviewer takes the edit back
    matches = search(db, EN[1], "en", "ar")
    assert [m.target for m in matches] == [AR[1]]


def test_search_runs_on_a_store_that_changed_since_the_last_lookup(db, report_maker):
    assert search(db, EN[0], "en", "ar") == []
    report_maker("meeting", {"en": EN, "ar": AR})
    assert [m.target for m in search(db, EN[0], "en", "ar")] == [AR[0]]


def test_versions_made_by_machine_translation_give_no_human_entries(db, report_maker):
    report_maker("meeting", {"en": EN, "ar": AR, "kmr": KMR}, origins={"kmr": "machine"})
    refresh_memory(db)
    assert {e.tgt_lang for e in _entries(db)} == {"en", "ar"}


def test_a_many_to_many_bead_joins_its_sentences(db, report_maker):
    made = report_maker(
        "meeting", {"en": EN, "ar": [AR[0], AR[1] + " " + AR[2]]}, [[[0], [0]], [[1, 2], [1]]]
    )
    build_memory(db, ["meeting"])
    entry = _entries(db, src="ar", tgt="en")[1]
    assert entry.target == f"{EN[1]} {EN[2]}" and entry.bead_id == made.beads[1].id


def test_machine_translations_are_entries_ranked_below_every_human_one(db, report_maker):
    report_maker("meeting", {"en": EN, "ar": AR})
    save_translations(
        db,
        [Translation(EN[0], "MT output", "en", "ar", "m", "r", "hf", "{}", "model:m|version:x")],
    )
    matches = search(db, EN[0], "en", "ar")
    assert [(m.origin, m.score) for m in matches] == [("aligned", 100), ("mt", 100)]
    assert matches[1].entry.signature == "model:m|version:x"
    # an mt match scoring more than a human one still comes after it
    near = search(db, "The meeting was held in Erbil on Monday.", "en", "ar", min_score=0)
    assert near[0].origin == "aligned"


def test_origins_rank_reviewed_then_imported_then_aligned(db):
    entries = [
        MemoryEntry(EN[0], f"target {origin}", "en", "ar", origin)
        for origin in ("aligned", "imported", "reviewed")
    ]
    store.save_entries(db, "test", entries, norm)
    found = search(db, EN[0], "en", "ar", refresh=False)
    assert [m.origin for m in found] == ["reviewed", "imported", "aligned"]


def test_identical_pairs_from_several_places_are_shown_once(db, report_maker):
    report_maker("one", {"en": EN, "ar": AR})
    report_maker("two", {"en": EN, "ar": AR})
    found = search(db, EN[0], "en", "ar")
    assert len(found) == 1 and found[0].entry.report in ("one", "two")
    assert len(search(db, EN[0], "en", "ar", exclude_report="one")) == 1
    assert search(db, EN[0], "en", "ar", exclude_report="one")[0].entry.report == "two"


def test_an_exact_match_in_the_same_context_scores_101(db, report_maker):
    report_maker("meeting", {"en": EN, "ar": AR})
    same = search(db, EN[1], "en", "ar", previous=EN[0], following=EN[2])
    other = search(db, EN[1], "en", "ar", previous="Something else.", following=EN[2])
    assert (same[0].score, same[0].note) == (101, "exact match in the same context")
    assert other[0].score == 100


def test_a_match_differing_in_numbers_only_comes_with_them_substituted(db, report_maker):
    report_maker("meeting", {"en": EN, "kmr": KMR})
    [match] = search(db, "Each brigade will have about 4,200 soldiers.", "en", "kmr")
    assert match.score == 99
    assert match.target == "Her tûgayek dê nêzî 4.200 leşker hebin."
    assert match.entry.target == KMR[1]
    assert match.numbers == (("3,500", "4,200"),)
    assert match.note == "numbers substituted: 3,500 → 4,200"


def test_the_matches_panel_of_a_bead_leaves_the_bead_itself_out(db, report_maker):
    made = report_maker("meeting", {"en": EN, "ar": AR})
    report_maker(
        "again",
        {
            "en": [EN[0], "Each brigade will have about 3,000 soldiers."],
            "ar": [AR[0], "سيضم كل لواء نحو 3000 جندي."],
        },
    )
    matches = matches_for_bead(db, made.id, made.beads[1].id, "en", "ar")
    assert [m.entry.report for m in matches] == ["again"]
    assert matches[0].target == AR[1]  # the other report's target, with this bead's number
    assert ("3,000", "extra") in matches[0].memory and ("3,500", "missing") in matches[0].current
    assert matches[0].provenance.startswith("report again, bead ")


def test_unrelated_text_finds_nothing(db, report_maker):
    report_maker("meeting", {"en": EN, "ar": AR})
    assert search(db, "Flood warnings were issued for the south.", "en", "ar") == []


def test_a_read_only_store_is_searched_as_the_memory_last_left_it(db, report_maker, tmp_path):
    from workbench.store.db import open_database

    report_maker("meeting", {"en": EN, "ar": AR})
    refresh_memory(db)
    report_maker("later", {"en": ["Schools stay shut."], "ar": ["تبقى المدارس مغلقة."]})
    with open_database(db.path, read_only=True) as frozen:
        assert [m.target for m in search(frozen, EN[0], "en", "ar")] == [AR[0]]
        assert search(frozen, "Schools stay shut.", "en", "ar") == []


def test_a_read_only_store_older_than_the_memory_says_what_to_do(tmp_path):
    import sqlite3

    from workbench.errors import StoreError
    from workbench.store.db import open_database

    open_database(tmp_path / "old.db").close()
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute("DROP TABLE tm_entry")  # as a store made before migration 0004 has none
    conn.commit()
    conn.close()
    frozen = open_database(tmp_path / "old.db", read_only=True)
    with frozen, pytest.raises(StoreError, match="older than the translation memory"):
        search(frozen, EN[0], "en", "ar")
