"""The translation layer in the UI: the Translate tab, the MT column, and missing models."""

from __future__ import annotations

import pytest

from workbench.config import load_settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.ui import handlers, machine
from workbench.ui.handlers import Context, make_view


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
