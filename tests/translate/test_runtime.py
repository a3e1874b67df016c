"""Where and how a model runs: device, compute type, batch size in tokens."""

import pytest

from workbench.errors import ConfigError, InputError
from workbench.translate import get_translator


@pytest.fixture
def no_cuda(monkeypatch):
    """This machine as one without a GPU, whatever it has."""
    import ctranslate2
    import torch

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)


@pytest.mark.parametrize("engine", ["hf", "ct2", "auto"])
def test_cuda_without_a_gpu_is_a_clear_error(tiny_nllb, settings, no_cuda, engine):
    with pytest.raises(ConfigError, match="--device cuda: .* no CUDA GPU .* Use --device cpu"):
        get_translator("en", "ckb", settings, engine=engine, device="cuda", model=str(tiny_nllb()))


def test_auto_runs_on_the_cpu_without_a_gpu(tiny_model, settings, no_cuda):
    translator = get_translator(
        "en", "ar", settings.replace(device="auto"), model=str(tiny_model("en", "ar"))
    )
    assert (translator.device, translator.compute_type) == ("cpu", "int8")


@pytest.mark.parametrize("compute", ["int8", "float32"])
def test_the_compute_type_is_used_and_signed(tiny_nllb, settings, compute):
    translator = get_translator(
        "en", "ckb", settings, engine="ct2", compute_type=compute, model=str(tiny_nllb())
    )
    assert f"|compute:{compute}|" in translator.signature


def test_a_compute_type_the_cpu_lacks_lists_what_it_has(tiny_model, settings):
    with pytest.raises(ConfigError, match="cannot compute in float16 on this cpu: it supports"):
        get_translator("en", "ar", settings, engine="ct2", compute_type="float16",
                       model=str(tiny_model("en", "ar")))  # fmt: skip


def test_transformers_does_not_compute_in_int8(tiny_model, settings):
    with pytest.raises(ConfigError, match="transformers computes in float32 or float16"):
        get_translator("en", "ar", settings, engine="hf", compute_type="int8",
                       model=str(tiny_model("en", "ar")))  # fmt: skip


def test_an_unknown_compute_type_or_device_is_refused(tiny_model, settings):
    model = str(tiny_model("en", "ar"))
    with pytest.raises(ConfigError, match="Unknown compute type 'int4'"):
        get_translator("en", "ar", settings, compute_type="int4", model=model)
    with pytest.raises(ConfigError, match="Unknown device 'tpu': use one of auto, cpu, cuda"):
        get_translator("en", "ar", settings, device="tpu", model=model)


@pytest.mark.parametrize("engine", ["hf", "ct2"])
def test_the_batch_size_changes_speed_never_the_translation(tiny_nllb, settings, engine):
    model, texts = str(tiny_nllb()), ["The report.", "The clinic opened in the village.", "Yes."]
    outputs = [
        get_translator("en", "ckb", settings, engine=engine, model=model, beam=1, max_length=12,
                       batch_tokens=size).translate(texts)  # fmt: skip
        for size in (4096, 8)
    ]
    assert outputs[0] == outputs[1]
    small = get_translator("en", "ckb", settings, engine=engine, model=model, batch_tokens=8)
    assert small.decoding.batch_tokens == 8 and "batch" not in small.identity.settings


def test_a_batch_size_below_one_token_is_refused(tiny_model, settings):
    with pytest.raises(InputError, match="batch size must be a whole number of tokens"):
        get_translator("en", "ar", settings, batch_tokens=0, model=str(tiny_model("en", "ar")))


def test_settings_give_the_compute_type(tiny_model, settings):
    translator = get_translator(
        "en", "ar", settings.replace(compute_type="float32"), engine="ct2",
        model=str(tiny_model("en", "ar")),
    )  # fmt: skip
    assert translator.compute_type == "float32"
