"""The models and translate commands with NLLB-200, profiles, licences, quality and folders."""

import json

import pytest

from tests.translate.conftest import UNPINNED_COMMIT, put_in_hf_cache
from tests.translate.test_pull import hub  # noqa: F401  (a fixture)

TEXT = "The monitoring team visited four villages.\n"


def test_models_list_shows_licence_quality_and_draft_only_directions(cli, hf_cache):
    result = cli("models", "list")
    assert result.code == 0, result.err
    rows = {line.split()[0]: line for line in result.out.splitlines()[1:13]}
    assert "CC-BY-4.0" in rows["en-ar"] and "61.5" in rows["en-ar"] and " ok " in rows["en-ar"]
    assert "draft only" in rows["en-ckb"] and "Apache-2.0" in rows["en-ckb"]
    assert "en-ckb: draft only: review every sentence" in result.out
    assert "Profile open: permissive licences only" in result.out


def test_models_list_best_shows_nllb_and_its_licence(cli, hf_cache):
    result = cli("models", "list", "--profile", "best")
    assert result.code == 0, result.err
    rows = {line.split()[0]: line for line in result.out.splitlines()[1:13]}
    assert "facebook/nllb-200-1.3B" in rows["en-ckb"] and "46.7" in rows["en-ckb"]
    assert "direct" in rows["ar-ckb"] and "CC-BY-NC-4.0" in rows["ar-ckb"]
    assert "Licence CC-BY-NC-4.0: Creative Commons Attribution-NonCommercial" in result.out
    assert "`workbench models pull --all --profile best`" in result.out


def test_models_list_candidates_names_every_model_and_the_source(cli):
    result = cli("models", "list", "--candidates")
    assert result.code == 0, result.err
    assert "Tatoeba-MT-models/eng-ira/opus4m+btTCv20210807-2021-09-30" in result.out
    assert "(through en)" in result.out
    assert "Scores: OPUS-MT leaderboard, FLORES-200 devtest" in result.out


def test_models_list_json_carries_licence_quality_and_the_draft_warning(cli, hf_cache):
    rows = {r["direction"]: r for r in json.loads(cli("models", "list", "--json").out)}
    assert rows["en-ar"]["licence"] == "CC-BY-4.0" and rows["en-ar"]["chrF"] == "61.5"
    assert rows["en-ar"]["warning"] is None and rows["en-ar"]["quality"] == "ok"
    assert rows["en-ckb"]["warning"].startswith("draft only: review every sentence")
    best = json.loads(cli("models", "list", "--json", "--profile", "best").out)
    assert {r["direction"]: r for r in best}["en-ckb"]["model"] == "facebook/nllb-200-1.3B"


def test_models_list_candidates_json_marks_the_profiles(cli):
    rows = json.loads(cli("models", "list", "--candidates", "--json").out)
    en_ckb = {r["model"]: r["profile"] for r in rows if r["direction"] == "en-ckb"}
    assert en_ckb["facebook/nllb-200-1.3B"] == "best"
    assert {"direction": "ar-ckb", "model": "(through en)", "profile": "open"}.items() <= next(
        r for r in rows if r["model"] == "(through en)" and r["direction"] == "ar-ckb"
    ).items()


def test_pulling_the_best_profile_needs_the_licence_accepted(cli, hub):  # noqa: F811
    refused = cli("models", "pull", "--profile", "best")
    assert refused.code == 2 and hub == []
    assert "not under a permissive licence: facebook/nllb-200-1.3B: Creative" in refused.err
    assert "--accept-licence" in refused.err
    accepted = cli("models", "pull", "--profile", "best", "--accept-licence")
    assert accepted.code == 0, accepted.err
    pulled = {call[0] for call in hub}
    assert {"facebook/nllb-200-1.3B", "facebook/nllb-200-distilled-1.3B",
            "facebook/nllb-200-distilled-600M"} <= pulled  # fmt: skip
    assert "facebook/nllb-200-1.3B: licence CC-BY-NC-4.0" in accepted.out


def test_pulling_one_nllb_model_needs_the_licence_too(cli, hub):  # noqa: F811
    result = cli("models", "pull", "facebook/nllb-200-distilled-600M")
    assert result.code == 2 and hub == []
    assert "licence CC-BY-NC-4.0" in result.out and "--accept-licence" in result.err


def test_a_marian_release_is_brought_by_hand(cli, hub):  # noqa: F811
    model = "Tatoeba-MT-models/ira-eng/opus4m+btTCv20210807-2021-09-30"
    result = cli("models", "pull", model)
    assert result.code == 0 and hub == []
    assert "not on the Hugging Face Hub: download https://object.pouta.csc.fi/" in result.out
    assert f"workbench models import FOLDER --id {model}" in result.out


def test_a_marian_native_folder_is_imported_and_used(cli, tmp_path):
    built = cli("models", "build-tiny", "--from", "en", "--to", "ar", "--native",
                str(tmp_path / "native"))  # fmt: skip
    assert built.code == 0, built.err
    assert (tmp_path / "native" / "decoder.yml").is_file()
    imported = cli("models", "import", str(tmp_path / "native"), "--id", "opus/en-ar")
    assert imported.code == 0, imported.err
    assert "Imported opus/en-ar" in imported.out and "marian, ct2" in imported.out
    (tmp_path / "r.txt").write_text(TEXT)
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ar",
                 "--model", "opus/en-ar")  # fmt: skip
    assert result.code == 0 and result.out.strip(), result.err
    assert "signature: tm:exact|model:opus/en-ar|" in result.err


def test_a_tiny_nllb_model_translates_between_kurdish_languages(cli, tmp_path):
    built = cli("models", "build-tiny", "--architecture", "nllb", str(tmp_path / "nllb"))
    assert built.code == 0 and "nonsense" in built.out, built.err
    (tmp_path / "r.txt").write_text("Di klînîkê de tenê yek bijîşk heye.\n")
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "kmr", "--to", "ckb",
                 "--model", str(tmp_path / "nllb"), "--compute-type", "float32",
                 "--batch-tokens", "64")  # fmt: skip
    assert result.code == 0 and result.out.strip(), result.err
    assert "tok:ckb_Arab|srctok:kmr_Latn" in result.err and "compute:float32" in result.err
    assert "expected quality: no published score" in result.err
    assert "draft only: review every sentence" in result.err


def test_translate_with_the_best_profile_says_what_to_expect(cli, tiny_nllb, hf_cache, tmp_path):
    put_in_hf_cache(hf_cache, tiny_nllb(), "facebook/nllb-200-1.3B", UNPINNED_COMMIT)
    (tmp_path / "r.txt").write_text(TEXT)
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ckb",
                 "--profile", "best")  # fmt: skip
    assert result.code == 0, result.err
    assert "expected quality: chrF 46.7 / BLEU 8.9" in result.err
    assert "draft only" not in result.err and "model:facebook/nllb-200-1.3B" in result.err


def test_the_profile_can_be_set_in_workbench_toml(cli, tiny_nllb, hf_cache, home, tmp_path):
    put_in_hf_cache(hf_cache, tiny_nllb(), "facebook/nllb-200-distilled-600M", UNPINNED_COMMIT)
    home.mkdir(parents=True, exist_ok=True)
    (home / "workbench.toml").write_text('profile = "best"\n')
    (tmp_path / "r.txt").write_text("Di klînîkê de tenê yek bijîşk heye.\n")
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "kmr", "--to", "en")
    assert result.code == 0 and "model:facebook/nllb-200-distilled-600M" in result.err


@pytest.mark.parametrize("engine", ["ct2", "hf"])
def test_cuda_without_a_gpu_is_one_line_with_the_fix(cli, tiny_nllb, tmp_path, monkeypatch, engine):
    import ctranslate2
    import torch

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    (tmp_path / "r.txt").write_text(TEXT)
    result = cli("translate", str(tmp_path / "r.txt"), "--from", "en", "--to", "ckb",
                 "--model", str(tiny_nllb()), "--device", "cuda", "--engine", engine)  # fmt: skip
    assert result.code == 2 and "Traceback" not in result.err
    assert "no CUDA GPU" in result.err and "Use --device cpu" in result.err


def test_translating_a_stored_report_takes_the_options_and_shows_the_quality(
    cli, tiny_model, tmp_path
):
    (tmp_path / "r.en.txt").write_text(TEXT)
    assert cli("ingest", str(tmp_path / "r.en.txt"), "--report", "water").code == 0
    model = str(tiny_model("en", "ar"))
    result = cli("translate", "--report", "water", "--to", "ar", "--model", model,
                 "--engine", "ct2", "--compute-type", "float32")  # fmt: skip
    assert result.code == 0, result.err
    assert "expected quality: no published score" in result.err
    assert "draft only: review every sentence (en->ar" in result.err
    assert "|compute:float32|" in result.err
