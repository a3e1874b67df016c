"""The translation layer in the UI: the Translate tab, the MT column, and missing models."""

from __future__ import annotations

import pytest

from tests.review.samples import SENTENCES
from tests.translate.conftest import UNPINNED_COMMIT, put_in_hf_cache
from workbench.config import load_settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.review import machine
from workbench.review.modelchoice import model_options
from workbench.review.session import Context
from workbench.ui import handlers, render
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
    assert made.path == ("ar", "en", "ckb")
    assert made.signature.startswith("tm:exact|pivot:ar>en>ckb")


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


def test_machine_translate_and_score_run_as_jobs(tiny_ctx, alignment):
    from workbench.store import jobs

    handlers.machine_translate(tiny_ctx, None, "Erbil water", "en", ["ar"])
    again, _ = handlers.machine_translate(tiny_ctx, None, "Erbil water", "en", ["ar"])
    assert "en→ar: 5 sentences already stored (via en → ar)." in again
    message = handlers.score(tiny_ctx, None, "Erbil water")
    assert "chrF" in message and message.endswith("Bead scores now show in the Review tab.")
    made = {job.name: job for job in jobs.list_jobs(tiny_ctx.db)}
    assert set(made) == {"translate en-ar Erbil water", "score Erbil water"}
    assert all(job.status == "done" for job in made.values())
    [written] = jobs.items(
        tiny_ctx.db, made["translate en-ar Erbil water"].id, step="translate-doc"
    )
    assert written.result["created"] and written.result["segments"] == 5


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


def test_the_quality_tab_says_when_stored_scores_are_not_comparable(tiny_ctx, translated):
    assert not [
        n for n in handlers.quality(tiny_ctx, None, ["Erbil water"]).notes if "differently" in n
    ]
    made = handlers.quality(tiny_ctx, None, ["Erbil water"], normalize="ar-match")
    [*found] = [n for n in made.notes if "scored differently" in n]
    assert found and all("not comparable with this report's" in n for n in found)
    assert "scored differently" in made.page


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
    from workbench.errors import StepFailed  # the score step's own message, from its job

    with pytest.raises(StepFailed, match="no machine translation"):
        handlers.score(ctx, None, "Erbil water")


# -- the Translate tab: memory first, the model choice and its expected quality ----------------

NEAR = "Around 12,000 families now have clean drinking water."  # SENTENCES["en"][1], changed


def test_the_memory_comes_before_the_model_and_each_sentence_says_where(tiny_ctx, alignment):
    en, ar = SENTENCES["en"], SENTENCES["ar"]
    text = f"{en[0]} {en[1]}\n\nFloods closed two roads."
    made = handlers.translate(tiny_ctx, None, text, "en", "ar")
    assert [o.origin for o in made.origins] == ["memory", "memory", "machine"]
    assert made.origins[0].translation == ar[0] and made.origins[0].score >= 100
    assert made.text.startswith(f"{ar[0]} {ar[1]}\n\n") and made.signature.startswith("tm:exact|")
    assert made.origins[2].source == "Floods closed two roads." and not made.origins[2].offers


def test_fuzzy_matches_are_offered_beside_the_machine_translation(tiny_ctx, alignment):
    [origin] = handlers.translate(tiny_ctx, None, NEAR, "en", "ar").origins
    assert origin.origin == "machine" and origin.translation != SENTENCES["ar"][1]
    [(score, source, target)] = origin.offers
    assert 75 <= score < 100 and (source, target) == (SENTENCES["en"][1], SENTENCES["ar"][1])
    shown = render.origins_table([origin], "en", "ar")
    assert f"<b>{score}</b>" in shown and "machine (1 offered)" in shown


def test_the_origins_table_escapes_and_labels_each_origin(tiny_ctx, alignment):
    made = handlers.translate(tiny_ctx, None, f"{SENTENCES['en'][0]} <b>Bold</b> x.", "en", "ar")
    shown = render.origins_table(made.origins, "en", "ar")
    assert "memory, exact" in shown and "&lt;b&gt;Bold" in shown and "<b>Bold" not in shown
    assert 'dir="rtl" lang="ar"' in shown


def test_the_models_offered_are_the_catalogs_with_the_profiles_choice_selected(ctx):
    open_ = model_options(ctx.settings, "en", "ckb", "open")
    best = model_options(ctx.settings, "en", "ckb", "best")
    assert [v for _, v in open_.choices] == [v for _, v in best.choices]
    assert open_.value.startswith("Helsinki-NLP/") and best.value == "facebook/nllb-200-1.3B"
    label = dict((v, label) for label, v in best.choices)[best.value]
    assert "NLLB-200" in label and "CC-BY-NC-4.0" in label and "chrF 46.7" in label
    assert "1.3B" in label and "best profile" in label


def test_a_configured_model_or_a_pivot_is_the_empty_choice(tiny_ctx):
    configured = model_options(tiny_ctx.settings, "en", "ar", "open")
    assert configured.value == "" and configured.choices[0] == ("en-ar (set in workbench.toml)", "")
    pivot = model_options(tiny_ctx.settings, "ar", "ckb", "open")
    assert pivot.value == "" and pivot.choices[0][0].startswith("Through English")


@pytest.mark.parametrize(
    ("src", "tgt", "profile", "model", "shown", "draft"),
    [
        ("en", "ar", "open", "", "chrF 61.5", False),
        ("en", "ckb", "best", "", "chrF 46.7 / BLEU 8.9", False),
        ("en", "ckb", "open", "", "no published score", True),
        ("en", "ckb", "open", "facebook/nllb-200-distilled-600M", "chrF 44.6", False),
        ("ckb", "en", "best", "", "chrF 58.3 / BLEU 33.6", False),
    ],
)
def test_the_expected_quality_of_the_model_in_use(ctx, src, tgt, profile, model, shown, draft):
    note = handlers.translation_quality(ctx, src, tgt, profile, model)
    assert shown in note and ("FLORES-200 devtest" in note) == shown.startswith("chrF")
    assert ("Draft only: review every sentence" in note) == draft


def test_a_restricted_licence_is_said_beside_the_quality(ctx):
    note = handlers.translation_quality(ctx, "en", "ckb", "best", "")
    assert "CC-BY-NC" in note or "NonCommercial" in note
    assert "check the licence before any commercial use" in note


def test_a_model_without_published_scores_is_draft_only(tiny_ctx):
    note = handlers.translation_quality(tiny_ctx, "en", "ar", "open", "")
    assert "Draft only: review every sentence" in note and "no published score" in note


def test_a_catalog_model_chosen_in_the_tab_translates(ctx, tiny_nllb, hf_cache):
    put_in_hf_cache(hf_cache, tiny_nllb(), "facebook/nllb-200-distilled-600M", UNPINNED_COMMIT)
    made = handlers.translate(
        ctx, None, "Floods closed two roads.", "en", "ckb", "ct2",
        "facebook/nllb-200-distilled-600M", "open",
    )  # fmt: skip
    assert "model:facebook/nllb-200-distilled-600M" in made.signature and made.text
    assert [o.origin for o in made.origins] == ["machine"]


def test_a_chosen_catalog_model_that_is_not_here_names_the_command(ctx):
    with pytest.raises(ModelNotAvailable, match="workbench models pull facebook/nllb-200-1.3B"):
        handlers.translate(ctx, None, "x.", "en", "ckb", "", "facebook/nllb-200-1.3B", "")


@pytest.mark.parametrize(
    ("profile", "model", "message"),
    [
        ("open", "/etc", "Unknown model '/etc' for en-ar: choose one from the list"),
        ("open", "../../models/x", "Unknown model '../../models/x'"),
        ("open", "Helsinki-NLP/opus-mt-ar-en", "Unknown model 'Helsinki-NLP/opus-mt-ar-en'"),
        ("open", "x" * 5000, "too long"),
        ("fast", "", "Unknown profile 'fast': use one of open, best"),
        ("../best", "", "Unknown profile"),
    ],
)
def test_an_unknown_model_or_profile_is_refused_before_anything_loads(
    tiny_ctx, profile, model, message
):
    with pytest.raises(InputError, match=message):
        handlers.translate(tiny_ctx, None, "Two schools closed.", "en", "ar", "", model, profile)
    with pytest.raises(InputError, match=message):
        handlers.translation_quality(tiny_ctx, "en", "ar", profile, model)
    assert tiny_ctx.translators._made == {}


def test_a_model_folder_on_the_server_is_never_loaded_from_the_page(tiny_ctx, tiny_model):
    folder = str(tiny_model("en", "ar"))  # a real model, and even the one configured
    with pytest.raises(InputError, match="set in workbench.toml"):
        handlers.translate(tiny_ctx, None, "Two schools closed.", "en", "ar", "", folder)
    assert tiny_ctx.translators._made == {}
