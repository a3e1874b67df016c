"""Export -> import -> the same texts, languages and statuses, through the store and back."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.formats.api import export_alignment, import_file, read_file, write_file
from workbench.formats.collect import parallel_text
from workbench.formats.parallel import Flag, ParallelText, Row
from workbench.records import BEAD_STATUSES
from workbench.store import reports, review

CASES = {  # format -> (suffix, languages exported)
    "tmx": (".tmx", None),
    "xliff": (".xlf", ["en", "ar"]),
    "xliff12": (".xlf", ["en", "ar"]),
    "tsv": (".tsv", None),
    "jsonl": (".jsonl", None),
}
CAT = ("tmx", "xliff", "xliff12")  # beads without source text are left out of these


def _export_import(reviewed, tmp_path, fmt):
    suffix, languages = CASES[fmt]
    path = tmp_path / f"out{suffix}"
    export_alignment(reviewed.alignment_id, path, fmt, languages=languages, db=reviewed.db)
    result = import_file(path, f"back-{fmt}", user="bob", db=reviewed.db)
    before = parallel_text(reviewed.db, reviewed.alignment_id, languages=languages)
    if fmt in CAT:
        source = before.languages[0]
        before = replace(before, rows=tuple(r for r in before.rows if source in r.texts))
    after = parallel_text(reviewed.db, result.alignment.id)
    return result, before, after


@pytest.mark.parametrize("fmt", CASES)
def test_texts_and_languages_come_back(reviewed, tmp_path, fmt):
    result, before, after = _export_import(reviewed, tmp_path, fmt)
    assert after.languages == before.languages
    assert [d.lang for d in result.documents] == list(before.languages)
    assert [dict(r.texts) for r in after.rows] == [dict(r.texts) for r in before.rows]


@pytest.mark.parametrize("fmt", CASES)
def test_statuses_come_back(reviewed, tmp_path, fmt):
    _, before, after = _export_import(reviewed, tmp_path, fmt)
    assert [r.status for r in after.rows] == [r.status for r in before.rows]


@pytest.mark.parametrize("fmt", CASES)
def test_flags_and_comments_come_back(reviewed, tmp_path, fmt):
    _, before, after = _export_import(reviewed, tmp_path, fmt)
    flags = [[(f.category, f.severity, f.comment) for f in r.flags] for r in after.rows]
    assert flags == [[(f.category, f.severity, f.comment) for f in r.flags] for r in before.rows]
    assert [r.comments for r in after.rows] == [r.comments for r in before.rows]


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff12", "tsv", "jsonl"])
def test_numbers_come_back(reviewed, tmp_path, fmt):
    _, before, after = _export_import(reviewed, tmp_path, fmt)
    assert [(r.evidence, r.confidence) for r in after.rows] == [
        (r.evidence, r.confidence) for r in before.rows
    ]


def test_imported_events_are_attributed_to_the_importer(reviewed, tmp_path):
    result, _, _ = _export_import(reviewed, tmp_path, "tmx")
    events = review.events(reviewed.db, result.alignment.id)
    assert events and {e.user for e in events} == {"bob"}


def test_many_to_many_beads_come_back_as_one_segment_each(reviewed, tmp_path):
    result, _, _ = _export_import(reviewed, tmp_path, "jsonl")
    assert [b.kind for b in result.alignment.beads] == ["1-1-1", "1-1-1", "0-1-0", "1-1-1", "1-0-0"]


def test_importing_the_same_file_again_changes_nothing(reviewed, tmp_path):
    path = tmp_path / "out.tmx"
    export_alignment(reviewed.alignment_id, path, db=reviewed.db)
    first = import_file(path, "again", user="bob", db=reviewed.db)
    events = len(review.events(reviewed.db, first.alignment.id))
    second = import_file(path, "again", user="bob", db=reviewed.db)
    assert (second.created, second.alignment.id) == (False, first.alignment.id)
    assert len(review.events(reviewed.db, first.alignment.id)) == events
    assert len(reports.documents(reviewed.db, first.report.id)) == 3


def test_a_failed_import_leaves_nothing_behind(reviewed, tmp_path):
    path = tmp_path / "out.jsonl"
    export_alignment(reviewed.alignment_id, path, db=reviewed.db)
    with pytest.raises(InputError, match="needs the name of the reviewer"):
        import_file(path, "half", user=" ", db=reviewed.db)
    assert [r.name for r in reports.list_reports(reviewed.db)] == ["committee-2024"]


@pytest.mark.parametrize("status", ["done", ""])
def test_an_unknown_status_in_a_file_is_refused(db, tmp_path, status):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"texts": {"en": "a", "ar": "ب"}, "status": "accepted"}\n'
        f'{{"texts": {{"en": "c", "ar": "د"}}, "status": "{status or "  "}"}}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="unit 2 has the status"):
        import_file(path, "s", user="bob", db=db)


def test_one_language_is_not_an_alignment(db, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"texts": {"en": "a"}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="holds texts in en only"):
        import_file(path, "one", user="bob", db=db)


# Property: any text a reviewer can type survives writing and reading each format (TMX:
# any text XML 1.0 can hold; the rest becomes U+FFFD, tested in test_tmx.py).
_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1).filter(str.strip)
_xml_text = st.text(
    st.characters(
        exclude_categories=("Cs", "Cc"),
        include_characters="\t\n\r",
        exclude_characters="\ufffe\uffff",
    ),
    min_size=1,
).filter(str.strip)
_flag = st.builds(Flag, st.sampled_from(["omission", "style", ""]), st.sampled_from(["", "minor"]))


def _rows(text_strategy, languages):
    return st.lists(
        st.builds(
            Row,
            st.fixed_dictionaries({lang: text_strategy for lang in languages}),
            st.sampled_from(BEAD_STATUSES),
        ),
        min_size=1,
        max_size=4,
    )


@pytest.mark.parametrize(
    ("fmt", "texts", "languages"),
    [
        ("tmx", _xml_text, ("en", "ar", "kmr")),
        ("xliff", _text, ("ckb", "en")),
        ("tsv", _text, ("ar", "ckb", "en")),
        ("jsonl", _text, ("kmr", "ar")),
    ],
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_text_survives_the_format(tmp_path, fmt, texts, languages, data):
    rows = data.draw(_rows(texts, languages))
    path = tmp_path / f"p.{fmt}"
    write_file(ParallelText(languages, tuple(rows)), path, fmt)
    back = read_file(path, fmt)
    assert [dict(r.texts) for r in back.rows] == [dict(r.texts) for r in rows]
    assert [r.status for r in back.rows] == [r.status for r in rows]


def test_units_without_any_text_are_left_out(db, tmp_path):
    path = tmp_path / "gaps.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ar"><seg>واحد.</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="ar"><seg></seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>Two.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    result = import_file(path, "gaps", user="bob", db=db)
    assert [b.kind for b in result.alignment.beads] == ["1-1", "1-0"]
