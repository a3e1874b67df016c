"""NLLB-200 and M2M100 on both engines, on tiny models: the real loading and generation code
(language codes as the first source token, the target code forced first), nonsense weights."""

import json
from pathlib import Path

import pytest

from tests.translate.conftest import UNPINNED_COMMIT, put_in_hf_cache
from workbench.errors import ConfigError
from workbench.translate import get_translator
from workbench.translate.tiny_nllb import build_tiny_nllb

DATA = Path(__file__).resolve().parent.parent / "data" / "translate"
SHORT = {"beam": 1, "max_length": 16}  # random weights never stop: keep the outputs short
NLLB_DIRECTIONS = [
    ("en", "ckb"), ("ckb", "en"), ("en", "kmr"), ("kmr", "en"), ("ar", "ckb"),
    ("ckb", "ar"), ("ar", "kmr"), ("kmr", "ar"), ("ckb", "kmr"), ("kmr", "ckb"),
]  # fmt: skip


def lines(lang: str) -> list[str]:
    return [t for t in (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if t]


def fields(signature: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in signature.split("|") if ":" in part)


@pytest.mark.parametrize("src, tgt", NLLB_DIRECTIONS)
def test_ctranslate2_gives_the_same_greedy_output_as_transformers(tiny_nllb, settings, src, tgt):
    model = str(tiny_nllb())
    hf = get_translator(src, tgt, settings, engine="hf", model=model, beam=1)
    ct2 = get_translator(
        src, tgt, settings, engine="ct2", model=model, beam=1, compute_type="float32"
    )
    assert ct2.translate(lines(src)) == hf.translate(lines(src))


@pytest.mark.parametrize("src, tgt", [("en", "ar"), ("ar", "en")])
def test_m2m100_gives_the_same_output_on_both_engines(tiny_nllb, settings, src, tgt):
    model = str(tiny_nllb("m2m100"))
    hf = get_translator(src, tgt, settings, engine="hf", model=model, beam=1)
    ct2 = get_translator(
        src, tgt, settings, engine="ct2", model=model, beam=1, compute_type="float32"
    )
    outputs = hf.translate(lines(src))
    assert ct2.translate(lines(src)) == outputs
    assert not any("__" in out for out in outputs)  # the language codes are not text


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_the_target_language_changes_the_output(tiny_nllb, settings, engine):
    model = str(tiny_nllb())
    ckb = get_translator("en", "ckb", settings, engine=engine, model=model, **SHORT)
    kmr = get_translator("en", "kmr", settings, engine=engine, model=model, **SHORT)
    assert ckb.translate(lines("en")) != kmr.translate(lines("en"))


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_the_source_language_changes_the_output(tiny_nllb, settings, engine):
    model = str(tiny_nllb())
    text = lines("kmr")[:3]  # Latin script, as English: only the source code differs
    from_kmr = get_translator("kmr", "ckb", settings, engine=engine, model=model, **SHORT)
    from_en = get_translator("en", "ckb", settings, engine=engine, model=model, **SHORT)
    assert from_kmr.translate(text) != from_en.translate(text)


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_outputs_come_back_in_input_order_and_empty_lines_stay(tiny_nllb, settings, engine):
    translator = get_translator(
        "ar", "ckb", settings, engine=engine, model=str(tiny_nllb()), max_length=16
    )
    texts = lines("ar")[:6]
    one_by_one = [translator.translate([t])[0] for t in texts]
    assert translator.translate(texts[::-1]) == one_by_one[::-1]
    assert translator.translate(["", texts[0], "  "]) == ["", one_by_one[0], ""]


@pytest.mark.parametrize("engine, compute", [("hf", "float32"), ("ct2", "int8")])
def test_the_signature_names_both_language_codes(tiny_nllb, settings, engine, compute):
    translator = get_translator("ckb", "kmr", settings, engine=engine, model=str(tiny_nllb()))
    found = fields(translator.signature)
    assert found["model"] == "workbench-tiny/nllb" and found["tiny"] == "nonsense"
    assert (found["tok"], found["srctok"]) == ("kmr_Latn", "ckb_Arab")
    assert (found["engine"], found["compute"]) == (engine, compute)
    assert "pivot" not in translator.signature
    assert json.loads(translator.identity.settings)["source_token"] == "ckb_Arab"


def test_a_fixed_maximum_length_cuts_both_engines_alike(tiny_nllb, settings):
    model, text = str(tiny_nllb()), lines("en")[:4]
    made = [
        get_translator("en", "ckb", settings, engine=engine, model=model, beam=1, max_length=5,
                       compute_type="float32").translate(text)  # fmt: skip
        for engine in ("hf", "ct2")
    ]
    full = get_translator("en", "ckb", settings, engine="hf", model=model, beam=1).translate(text)
    assert made[0] == made[1]
    assert all(len(a) < len(b) for a, b in zip(made[0], full, strict=True))


def test_m2m100_has_no_kurdish(tiny_nllb, settings):
    with pytest.raises(ConfigError, match="M2M100 model .* has no language code for ckb"):
        get_translator("en", "ckb", settings, model=str(tiny_nllb("m2m100")))


def test_a_model_without_a_languages_code_is_refused(tmp_path, settings):
    folder = build_tiny_nllb(tmp_path / "m", texts=["one two three", "four five six"])
    config = json.loads((folder / "tokenizer_config.json").read_text())
    config["extra_special_tokens"] = ["eng_Latn", "arb_Arab"]
    (folder / "tokenizer.json").unlink()
    (folder / "tokenizer_config.json").write_text(json.dumps(config))  # no kmr_Latn now
    with pytest.raises(ConfigError, match="no language code for kmr \\(kmr_Latn\\)"):
        get_translator("en", "kmr", settings, model=str(folder))


def test_the_best_profile_translates_ar_ckb_directly_with_nllb(tiny_nllb, settings, hf_cache):
    put_in_hf_cache(hf_cache, tiny_nllb(), "facebook/nllb-200-distilled-1.3B", UNPINNED_COMMIT)
    translator = get_translator("ar", "ckb", settings, profile="best", engine="ct2")
    found = fields(translator.signature)
    assert found["model"] == "facebook/nllb-200-distilled-1.3B"
    assert not hasattr(translator, "legs") and "pivot" not in translator.signature
    assert translator.translate(lines("ar")[:2])[0]


def test_the_profile_comes_from_the_settings(tiny_nllb, settings, hf_cache):
    put_in_hf_cache(hf_cache, tiny_nllb(), "facebook/nllb-200-distilled-600M", UNPINNED_COMMIT)
    translator = get_translator("kmr", "en", settings.replace(profile="best"), engine="hf")
    assert fields(translator.signature)["model"] == "facebook/nllb-200-distilled-600M"


def test_an_unknown_profile_is_a_config_error(settings):
    with pytest.raises(ConfigError, match="Unknown profile 'fast': use one of open, best"):
        get_translator("en", "ar", settings, profile="fast")
