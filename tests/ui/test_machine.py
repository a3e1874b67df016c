"""The translation layer in the UI: the Translate tab, the MT column, and missing models."""

from __future__ import annotations

import pytest

from workbench.config import load_settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.review import machine
from workbench.review.session import Context
from workbench.ui import handlers
from workbench.ui.handlers import make_view


@pytest.fixture
def tiny_ctx(db, home, tiny_model):
    """A context whose en-ar, ar-en and en-ckb models are tiny ones (nonsense, but real)."""
    models = {
        f"{s}-{t}": str(tiny_model(s, t)) for s, t in [("en", "ar"), ("ar", "en"), ("en", "ckb")]
    }
    return Context(db, load_settings({"models": models}), accounts=False, local_name="local")


def test_translate_keeps_paragraphs_and_says_how(tiny_ctx):
    made = handlers.translate(tiny_ctx, None, "Two schools closed.\n\nFamilies left.", "en", "ar")
    assert made.path == ("en", "ar") and made.text.count("\n\n") == 1
    assert "workbench-tiny/en-ar" in made.signature or "tiny" in made.signature


def test_a_direction_without_a_model_goes_through_english(tiny_ctx):
    made = handlers.translate(tiny_ctx, None, "نص قصير.", "ar", "ckb")
    assert made.path == ("ar", "en", "ckb") and made.signature.startswith("pivot:ar>en>ckb")


def test_translations_go_into_the_memory(tiny_ctx):
    handlers.translate(tiny_ctx, None, "Two schools closed.", "en", "ar")
    count = tiny_ctx.db.connection().execute("SELECT count(*) FROM translation").fetchone()[0]
    assert count == 1


@pytest.mark.parametrize(
    ("text", "src", "tgt", "engine", "message"),
    [
        ("x", "en", "en", "", "two different languages"),
        ("   ", "en", "ar", "", "Type or paste"),
        ("x", "en", "ar", "gpu", "Unknown engine"),
        ("x", "en", "ku", "", "either Kurdish"),
    ],
)
def test_bad_requests_are_clear(tiny_ctx, text, src, tgt, engine, message):
    with pytest.raises(InputError, match=message):
        handlers.translate(tiny_ctx, None, text, src, tgt, engine)


def test_a_missing_model_names_the_command_that_gets_it(ctx):
    with pytest.raises(ModelNotAvailable, match="workbench models pull Helsinki-NLP/opus-mt"):
        handlers.translate(ctx, None, "Two schools closed.", "en", "ar")


def test_the_mt_column_without_a_model_says_why_and_the_rest_works(ctx, alignment):
    shown = handlers.show(ctx, make_view(alignment.id, ["en", "ar"], machine=True))
    assert shown.note.startswith("No machine translation column: The model Helsinki-NLP")
    assert "workbench models pull" in shown.note
    assert len(shown.bead_ids) == 5 and "wb-mt" not in shown.table


def test_the_mt_column_with_a_model(tiny_ctx, alignment):
    shown = handlers.show(tiny_ctx, make_view(alignment.id, ["en", "ar"], machine=True))
    assert shown.note == "" and shown.table.count('class="wb-text wb-mt" lang="ar" dir="rtl"') == 5


def test_models_table_lists_every_direction_and_how_to_get_missing_ones(ctx):
    rows = machine.model_rows(ctx.settings)
    assert len(rows) == 12 and not any(row["here"] for row in rows)
    pivot = next(row for row in rows if row["direction"] == "ar-ckb")
    assert pivot["route"] == ["ar", "en", "ckb"]
    assert all(command.startswith("workbench models pull ") for command in pivot["commands"])
    assert "workbench models pull" in handlers.models_html(ctx)


def test_models_table_shows_a_model_that_is_here(tiny_ctx):
    here = {row["direction"]: row["here"] for row in machine.model_rows(tiny_ctx.settings)}
    assert here["en-ar"] and here["ar-en"] and not here["en-kmr"]


def test_machine_translate_a_report_names_what_it_could_not(tiny_ctx, alignment):
    text, complete = handlers.machine_translate(tiny_ctx, None, "Erbil water", "en", ["ar", "kmr"])
    assert not complete
    assert "en→ar: 5 sentences stored (via en → ar)." in text
    assert "en→kmr: not translated. The model" in text and "workbench models pull" in text
    langs = [v["lang"] for v in handlers.reports_overview(tiny_ctx)[0]["versions"]]
    assert langs.count("ar") == 2


@pytest.mark.parametrize(
    ("report", "src", "targets", "message"),
    [
        (None, "en", ["ar"], "Choose the report"),
        ("Erbil water", "en", [], "Tick the languages"),
        ("Erbil water", "kmr", ["ar"], "has no kmr version"),
    ],
)
def test_machine_translate_errors(tiny_ctx, alignment, report, src, targets, message):
    with pytest.raises(InputError, match=message):
        handlers.machine_translate(tiny_ctx, None, report, src, targets)


@pytest.fixture
def translated(tiny_ctx, alignment):
    """Erbil water with a machine translation of its English into Arabic."""
    handlers.machine_translate(tiny_ctx, None, "Erbil water", "en", ["ar"])
    return alignment


def test_quality_report_scores_and_renders(tiny_ctx, translated):
    made = handlers.quality(tiny_ctx, None, ["Erbil water"])
    assert [p.suffix for p in made.files] == [".html", ".json", ".csv"]
    assert made.page.lstrip().lower().startswith("<!doctype html")
    assert len(made.headline) == 1 and "→ ar): " in made.headline[0] and "chrF" in made.headline[0]


def test_scored_beads_show_their_score_in_the_review(tiny_ctx, translated):
    handlers.score(tiny_ctx, None, "Erbil water")
    opened = handlers.load(tiny_ctx, make_view(translated.id, ["en", "ar"]))
    assert all(row.score is not None for row in opened.rows)
    shown = handlers.show(tiny_ctx, make_view(translated.id, ["en", "ckb"]))
    assert 'class="wb-score">–<' in shown.table  # nothing translated into Sorani: no score


def test_a_viewer_gets_the_report_but_nothing_is_stored(tiny_ctx, translated):
    from workbench.accounts import create_user

    create_user(tiny_ctx.db, "omar", "battery staple", "viewer")
    viewer = Context(tiny_ctx.db, tiny_ctx.settings, accounts=True)
    assert handlers.quality(viewer, "omar", ["Erbil water"]).headline
    assert tiny_ctx.db.connection().execute("SELECT count(*) FROM score").fetchone()[0] == 0


def test_scoring_without_machine_translations_says_so(ctx, alignment):
    from workbench.errors import NotFound

    with pytest.raises(NotFound, match="no machine translation"):
        handlers.score(ctx, None, "Erbil water")
