"""The engines on tiny models: the real loading and generation code, nonsense weights."""

from pathlib import Path

import pytest

from workbench.errors import ConfigError, InputError
from workbench.translate import get_translator
from workbench.translate.splitting import split_long

DATA = Path(__file__).resolve().parent.parent / "data" / "translate"
DIRECTIONS = [("en", "ar"), ("ar", "en"), ("en", "ckb"), ("en", "kmr"), ("ckb", "en")]


def lines(lang: str) -> list[str]:
    return [t for t in (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if t]


def model_for(tiny_model, src, tgt):
    return str(tiny_model("en", "ckb") if (src, tgt) == ("en", "kmr") else tiny_model(src, tgt))


@pytest.mark.parametrize("src, tgt", DIRECTIONS)
def test_ctranslate2_gives_the_same_greedy_output_as_transformers(tiny_model, settings, src, tgt):
    model = model_for(tiny_model, src, tgt)
    hf = get_translator(src, tgt, settings, engine="hf", model=model, beam=1)
    ct2 = get_translator(
        src, tgt, settings, engine="ct2", model=model, beam=1, compute_type="float32"
    )
    assert ct2.translate(lines(src)) == hf.translate(lines(src))


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_outputs_come_back_in_input_order(tiny_model, settings, engine):
    translator = get_translator(
        "en", "ar", settings, engine=engine, model=str(tiny_model("en", "ar"))
    )
    texts = lines("en")
    one_by_one = [translator.translate([t])[0] for t in texts]
    assert translator.translate(texts) == one_by_one
    assert translator.translate(texts[::-1]) == one_by_one[::-1]
    assert len(set(one_by_one)) == len(texts)  # different inputs: the check can fail


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_empty_lines_stay_empty_and_in_place(tiny_model, settings, engine):
    translator = get_translator(
        "en", "ar", settings, engine=engine, model=str(tiny_model("en", "ar"))
    )
    out = translator.translate(["", "The report.", "   ", "The clinic."])
    assert out[0] == "" and out[2] == "" and out[1] and out[3]


def test_an_over_long_sentence_is_translated_in_pieces_not_truncated(tiny_model, settings):
    translator = get_translator(
        "en", "ar", settings, engine="ct2", model=str(tiny_model("en", "ar")), beam=1
    )
    long = ", ".join(c.rstrip(".") for c in lines("en")) + "."
    limit = translator.decoding.max_input_pieces
    assert translator.count_pieces(long) > limit
    pieces = split_long(long, translator.count_pieces, limit)
    assert len(pieces) > 1 and " ".join(pieces) == long
    expected = " ".join(translator.translate([p])[0] for p in pieces)
    assert translator.translate([long]) == [expected]


@pytest.mark.parametrize(
    "engine, compute",
    [("hf", "float32"), ("ct2", "int8")],
)
def test_the_signature_says_how_the_translation_was_made(tiny_model, settings, engine, compute):
    translator = get_translator(
        "en", "ar", settings, engine=engine, model=str(tiny_model("en", "ar"))
    )
    fields = dict(part.split(":", 1) for part in translator.signature.split("|"))
    assert fields["model"] == "workbench-tiny/en-ar"
    assert fields["rev"].startswith("sha256:")
    assert (fields["engine"], fields["compute"], fields["beam"]) == (engine, compute, "4")
    assert fields["tok"] == ">>ara<<" and fields["tiny"] == "nonsense"
    assert fields["version"] == __import__("workbench").__version__


def test_auto_picks_ctranslate2(tiny_model, settings):
    translator = get_translator(
        "en", "ar", settings, engine="auto", model=str(tiny_model("en", "ar"))
    )
    assert translator.name == "ct2"


def test_auto_falls_back_to_transformers_when_ctranslate2_cannot_convert(
    tiny_model, settings, monkeypatch
):
    from workbench.errors import ModelNotAvailable
    from workbench.translate import ct2

    def refuse(files, folder):
        raise ModelNotAvailable("no")

    monkeypatch.setattr(ct2, "ensure_converted", refuse)
    translator = get_translator(
        "en", "ar", settings, engine="auto", model=str(tiny_model("en", "ar"))
    )
    assert translator.name == "hf" and translator.translate(["The report."])[0]


def test_the_ctranslate2_copy_is_made_once_in_the_models_folder(tiny_model, settings):
    get_translator("en", "ar", settings, engine="ct2", model=str(tiny_model("en", "ar")))
    copies = list((settings.models_path / "ct2").iterdir())
    assert [c.name.startswith("workbench-tiny--en-ar--") for c in copies] == [True]
    assert (copies[0] / "model.bin").is_file()


def test_an_unknown_engine_is_a_config_error(tiny_model, settings):
    with pytest.raises(ConfigError, match="Unknown engine 'marian'"):
        get_translator("en", "ar", settings, engine="marian", model=str(tiny_model("en", "ar")))


def test_a_beam_below_one_is_refused(tiny_model, settings):
    with pytest.raises(InputError, match="beam size"):
        get_translator("en", "ar", settings, beam=0, model=str(tiny_model("en", "ar")))


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_a_fixed_maximum_length_cuts_the_output_and_is_in_the_signature(
    tiny_model, settings, engine
):
    model = str(tiny_model("en", "ar"))
    short = get_translator("en", "ar", settings, engine=engine, model=model, beam=1, max_length=5)
    full = get_translator("en", "ar", settings, engine=engine, model=model, beam=1)
    assert "|maxlen:5|" in short.signature and "|maxlen:2n+16/8|" in full.signature
    text = lines("en")[0]
    assert full.translate([text])[0].startswith(short.translate([text])[0])
    assert len(short.translate([text])[0]) < len(full.translate([text])[0])


def test_a_maximum_length_out_of_range_is_refused(tiny_model, settings):
    with pytest.raises(InputError, match="between 1 and 510"):
        get_translator("en", "ar", settings, max_length=0, model=str(tiny_model("en", "ar")))


def test_auto_uses_transformers_on_a_gpu_that_ctranslate2_cannot_see(
    tiny_model, settings, monkeypatch
):
    from workbench.translate import factory

    monkeypatch.setattr(factory, "_ct2_has_gpu", lambda: False)
    monkeypatch.setattr(factory, "_torch_has_gpu", lambda: True)
    model = str(tiny_model("en", "ar"))
    on_gpu = get_translator("en", "ar", settings.replace(device="auto"), model=model)
    on_cpu = get_translator("en", "ar", settings.replace(device="cpu"), model=model)
    assert (on_gpu.name, on_cpu.name) == ("hf", "ct2")
