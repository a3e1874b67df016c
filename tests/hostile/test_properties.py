"""Properties on inputs hypothesis makes up from all of Unicode (and any bytes), beside the
narrower-alphabet properties of tests/text, tests/align and tests/formats: whatever comes in,
the answer is a result or a WorkbenchError, and normalizing, segmenting, aligning and the
formats keep their promises."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import InputError, WorkbenchError
from workbench.records import BEAD_STATUSES, Bead
from workbench.text.languages import LANGUAGES
from workbench.text.normalize import ALLOWED, SCHEMES, normalize, normalizer

pytestmark = pytest.mark.timeout(300)
LANGUAGE = st.sampled_from(LANGUAGES)
# Letters and marks of our scripts, the controls that come with them, and everything else.
OURS = st.sampled_from(
    list("abcêîûşçABC ءآأإابةتثجحخدذرزسشصعغفقكلمنهوىيپچژگکیەڕڵۆێڤھ٠١٢٣۴.,!?؟،؛«»\"'()\n\t")
    + ["\u064e", "\u0651", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\ufeff"]
    + ["ﻻ", "ﺍ", "ﻙ", "\ufdf2", "🔥", "\U0001f468", "\u0301"]
)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80) | st.text(
    OURS, max_size=120
)
SETTINGS = settings(max_examples=300, deadline=None)


@pytest.mark.parametrize(
    "scheme",
    [*SCHEMES, *(f"{base}+{option}" for base, options in ALLOWED.items() for option in options)],
)
@SETTINGS
@given(text=ANY_TEXT)
def test_every_scheme_is_idempotent_on_any_text(scheme, text):
    once = normalizer(scheme)(text)
    assert normalizer(scheme)(once) == once


@SETTINGS
@given(text=ANY_TEXT, lang=LANGUAGE)
def test_stored_normal_form_is_idempotent_and_never_grows_a_line(text, lang):
    once = normalize(text, lang)
    assert normalize(once, lang) == once
    assert once.count("\n") < max(1, len(text.splitlines()))  # no line break is made up


@SETTINGS
@given(text=ANY_TEXT, lang=LANGUAGE)
def test_segmenting_any_text_only_splits_it(text, lang):
    from workbench.text.segment import segment

    sentences = segment(text, lang)
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s and s == s.strip() for s in sentences)


@SETTINGS
@given(paragraphs=st.lists(ANY_TEXT, max_size=6), lang=LANGUAGE)
def test_segments_are_numbered_in_order_with_their_paragraph(paragraphs, lang):
    from workbench.text.segment import segment_paragraphs

    found = segment_paragraphs(paragraphs, lang)
    assert [s.index for s in found] == list(range(len(found)))
    assert [s.paragraph for s in found] == sorted(s.paragraph for s in found)
    assert all(0 <= s.paragraph < len(paragraphs) for s in found)
    assert all(s.normalized == normalize(s.text, lang) for s in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    src=st.lists(ANY_TEXT, max_size=20),
    tgt=st.lists(ANY_TEXT, max_size=20),
    langs=st.tuples(LANGUAGE, LANGUAGE),
)
def test_aligning_any_sentences_keeps_every_one_once_in_order(src, tgt, langs):
    from workbench.align import align

    beads = align(src, tgt, src_lang=langs[0], tgt_lang=langs[1]).beads
    assert [i for b in beads for i in b.segments[0]] == list(range(len(src)))
    assert [j for b in beads for j in b.segments[1]] == list(range(len(tgt)))
    assert all(0.0 <= b.confidence <= 1.0 and math.isfinite(b.score) for b in beads)


@settings(max_examples=500, deadline=None)
@given(data=st.binary(max_size=400) | ANY_TEXT.map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_decode_to_text_or_a_clear_error(data):
    from workbench.text.encoding import decode

    try:
        assert isinstance(decode(data, "f.txt"), str)
    except InputError as exc:
        assert "f.txt" in str(exc)


@SETTINGS
@given(text=ANY_TEXT, lang=st.sampled_from(["auto", *LANGUAGES]))
def test_any_pasted_text_becomes_a_document_or_a_clear_error(text, lang):
    from workbench.text.ingest import build_document
    from workbench.text.readers import read_text

    try:
        doc = build_document(read_text(text), lang, source="pasted.txt")
    except WorkbenchError as exc:
        assert "pasted.txt" in str(exc) or "language" in str(exc).lower()
        return
    assert doc.lang in LANGUAGES and doc.segments


# --- bead files and the parallel formats --------------------------------------------------

SIDE = st.lists(st.integers(0, 10**6), max_size=4).map(tuple)


@settings(max_examples=500, deadline=None)
@given(segments=st.lists(SIDE, min_size=2, max_size=4).map(tuple), confidence=st.floats(0, 1))
def test_a_bead_line_reads_back_as_written(segments, confidence):
    from workbench.formats.beads import format_bead, parse_bead

    back = parse_bead(format_bead(Bead(segments=segments, confidence=confidence)))
    assert back.segments == segments and abs(back.confidence - confidence) < 1e-3


@settings(max_examples=1000, deadline=None)
@given(line=st.text(st.sampled_from("[]:, 0123456789.-eEnaifx\t"), max_size=40) | ANY_TEXT)
def test_any_bead_line_is_a_bead_with_a_finite_score_or_a_clear_error(line):
    from workbench.formats.beads import parse_bead

    try:
        bead = parse_bead(line, where="gold.txt: ")
    except InputError as exc:
        assert str(exc).startswith("gold.txt: ")
        return
    assert math.isfinite(bead.confidence) and len(bead.segments) >= 2


def _rows(text):
    from workbench.formats.parallel import Flag, Row
    from workbench.review.actions import MQM_CATEGORIES, SEVERITIES

    name = st.from_regex(r"[\w.@-]{1,12}", fullmatch=True)
    flag = st.builds(
        Flag, st.sampled_from(MQM_CATEGORIES), st.sampled_from(SEVERITIES), text | st.just(""), name
    )
    number = st.floats(allow_nan=False, allow_infinity=False) | st.none()
    return st.lists(
        st.builds(
            Row,
            st.fixed_dictionaries({"en": text, "ckb": text}),
            st.sampled_from(BEAD_STATUSES),
            number,
            st.floats(0, 1) | st.none(),
            st.lists(flag, max_size=2).map(tuple),
            st.lists(text, max_size=2).map(tuple),
        ),
        min_size=1,
        max_size=3,
    )


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
    str.strip
)
_XML_TEXT = st.text(
    st.characters(
        exclude_categories=("Cs", "Cc"),
        include_characters="\t\n",
        exclude_characters="\ufffe\uffff",
    ),
    min_size=1,
    max_size=30,
).filter(str.strip)


@pytest.mark.parametrize(
    ("fmt", "text"), [("tmx", _XML_TEXT), ("xliff", _XML_TEXT), ("tsv", _TEXT), ("jsonl", _TEXT)]
)
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_review_detail_survives_the_format(tmp_path, fmt, text, data):
    """Texts, status, scores, flags and comments (a comment of several lines too)."""
    from workbench.formats.api import read_file, write_file
    from workbench.formats.parallel import ParallelText

    rows = data.draw(_rows(text))
    path = tmp_path / f"round.{fmt}"
    write_file(ParallelText(("en", "ckb"), tuple(rows)), path, fmt)
    back = read_file(path, fmt).rows
    fields = ("status", "evidence", "confidence", "flags", "comments")
    assert [dict(r.texts) for r in back] == [dict(r.texts) for r in rows]
    assert [[getattr(r, f) for f in fields] for r in back] == [
        [getattr(r, f) for f in fields] for r in rows
    ]


# --- job specs ------------------------------------------------------------------------------

SPEC_WORDS = st.sampled_from(
    ["name", "output", "base", "workers", "inputs", "paths", "group_by", "translate", "from",
     "to", "chunk", "beam", "engine", "align", "hub", "pairs", "multiway", "signals", "score",
     "metrics", "normalize", "report", "formats", "export", "en", "ar", "x"]
)  # fmt: skip
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | SPEC_WORDS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SPEC_WORDS, inner, max_size=3),
    max_leaves=12,
)
SPEC_DATA = st.dictionaries(
    SPEC_WORDS, JSONISH | st.dictionaries(SPEC_WORDS, JSONISH, max_size=4), max_size=6
).map(lambda d: {"output": "out", "inputs": {"paths": ["r"]}, **d})


@settings(max_examples=500, deadline=None)
@given(data=SPEC_DATA | JSONISH)
def test_any_spec_data_is_a_spec_or_a_clear_error(data):
    from pathlib import Path

    from workbench.errors import JobSpecError
    from workbench.jobs.spec import parse_spec

    try:
        spec = parse_spec(data, base=Path("/tmp/specs"), source="fuzz.toml")
    except JobSpecError as exc:
        assert str(exc).startswith("fuzz.toml")
        return
    assert parse_spec(spec.to_dict(), source="again") == spec.__class__(
        **{**spec.__dict__, "source": "again"}
    )


_LANG = st.sampled_from(LANGUAGES)
PLAUSIBLE_SPEC = st.fixed_dictionaries(
    {
        "output": st.text("abc/._-", min_size=1, max_size=8),
        "inputs": st.fixed_dictionaries(
            {"paths": st.lists(st.text("abc*/.", min_size=1, max_size=6), min_size=1, max_size=3)},
            optional={"group_by": st.sampled_from(["name", "folder"])},
        ),
    },
    optional={
        "name": st.text(max_size=8),
        "workers": st.integers(0, 1024),
        "translate": st.fixed_dictionaries(
            {"from": _LANG, "to": st.lists(_LANG, min_size=1, max_size=3, unique=True)},
            optional={"chunk": st.integers(1, 100), "beam": st.integers(0, 64)},
        ),
        "align": st.fixed_dictionaries({}, optional={"hub": _LANG}),
        "export": st.fixed_dictionaries(
            {},
            optional={
                "formats": st.lists(
                    st.sampled_from(["tmx", "xliff", "tsv", "jsonl"]), min_size=1, unique=True
                )
            },
        ),
    },
)


@settings(max_examples=300, deadline=None)
@given(data=PLAUSIBLE_SPEC)
def test_a_spec_reads_back_from_its_own_data(data):
    from pathlib import Path

    from workbench.errors import JobSpecError
    from workbench.jobs.spec import parse_spec

    try:
        spec = parse_spec(data, base=Path("/tmp/specs"), source="plausible.toml")
    except JobSpecError as exc:  # e.g. translating a language into itself
        assert str(exc).startswith("plausible.toml")
        return
    again = parse_spec(spec.to_dict(), source="plausible.toml")
    assert again == spec
