"""The catalog's embedder (LaBSE): pulled with `models pull --embeddings`, then used by the
aligner by itself for the language pairs it knows. A tiny LaBSE-shaped sentence-transformers
model (random weights) stands in for it in a Hugging Face cache of this test's own."""

from __future__ import annotations

import json

import pytest

from tests.translate.conftest import put_in_hf_cache
from tests.translate.test_pull import hub  # noqa: F401  (a fixture)
from workbench.align import align
from workbench.align.signals.embedding import EmbeddingSignal
from workbench.errors import InputError
from workbench.translate import models
from workbench.translate.embeddings import installed_embedder
from workbench.translate.tiny_embedder import build_tiny_embedder

LABSE = "sentence-transformers/LaBSE"
COMMIT = "c0ffee" + "1" * 34
EN = ["The flood reached the city on 3 May.", "Twelve families lost their homes.", "Aid came."]
AR = ["وصل الفيضان إلى المدينة في 3 مايو.", "فقدت اثنتا عشرة عائلة منازلها.", "وصلت المساعدات."]


@pytest.fixture(scope="module")
def tiny_labse(tmp_path_factory):
    return build_tiny_embedder(tmp_path_factory.mktemp("tiny") / "labse")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    from huggingface_hub import constants

    folder = tmp_path / "hf-cache"
    folder.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(folder))
    return folder


@pytest.fixture
def pulled(cache, tiny_labse):
    """The catalog's embedder as `models pull --embeddings` leaves it."""
    return put_in_hf_cache(cache, tiny_labse, LABSE, COMMIT)


def _signals(result) -> str:
    return next(f for f in result.signature.split("|") if f.startswith("signals:"))


def test_the_aligner_uses_the_pulled_embedder_for_languages_it_knows(pulled):
    found = installed_embedder("en", "ar")
    assert (found.id, found.revision, found.path) == (LABSE, COMMIT, pulled)
    result = align(EN, AR, src_lang="en", tgt_lang="ar")
    assert f"embeddings(w=1.5,model={LABSE}@{COMMIT[:12]})" in _signals(result)
    assert [b.segments for b in result.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_sorani_is_not_among_labse_languages_so_it_aligns_without(pulled):
    assert installed_embedder("en", "ckb") is None
    result = align(EN, AR, src_lang="en", tgt_lang="ckb")
    assert "embeddings" not in _signals(result)


def test_none_turns_it_off_and_a_model_named_turns_it_on(pulled, tiny_labse):
    off = align(EN, AR, src_lang="en", tgt_lang="ar", embedder="none")
    assert "embeddings" not in _signals(off)
    named = align(EN, AR, src_lang="en", tgt_lang="ckb", embedder=str(tiny_labse))
    assert f"embeddings(w=1.5,model={tiny_labse})" in _signals(named)


def test_without_the_model_nothing_changes_and_asking_for_it_says_what_to_do(cache):
    assert installed_embedder("en", "ar") is None
    result = align(EN, AR, src_lang="en", tgt_lang="ar")
    assert "embeddings" not in _signals(result)
    with pytest.raises(InputError, match="models pull sentence-transformers/LaBSE"):
        align(EN, AR, src_lang="en", tgt_lang="ar", signals=["length", "embeddings"])
    with pytest.raises(InputError, match="models pull"):
        EmbeddingSignal.from_options(src_lang="en", tgt_lang="ckb")


def test_an_interrupted_download_is_not_taken_for_the_model(cache, tiny_labse):
    snapshot = put_in_hf_cache(cache, tiny_labse, LABSE, COMMIT)
    (snapshot / "modules.json").unlink()
    assert installed_embedder("en", "ar") is None


def test_the_cli_aligns_with_it_and_without(cli, pulled, tmp_path):
    (tmp_path / "en.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("\n".join(AR) + "\n", encoding="utf-8")
    args = ["align", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"), "--src-lang", "en"]
    args += ["--tgt-lang", "ar", "-o", str(tmp_path / "out.beads")]
    used = cli(*args)
    assert used.code == 0, used.err
    assert f"embeddings(w=1.5,model={LABSE}@" in used.err
    off = cli(*args, "--embeddings", "none")
    assert off.code == 0 and "embeddings" not in off.err


def test_models_pull_embeddings_fetches_the_sentence_transformers_files(cli, hub):  # noqa: F811
    result = cli("models", "pull", "--embeddings")
    assert result.code == 0, result.err
    assert "licence Apache-2.0" in result.err + result.out
    model, revision, patterns, offline = hub[0]
    assert (model, revision, offline) == (LABSE, None, False)
    assert {"*/*.json", "*/*.safetensors", "*.txt"} <= set(patterns)
    nothing = cli("models", "pull")
    assert nothing.code != 0 and "--embeddings" in nothing.err


def test_old_checkpoints_bring_the_pickled_weights_of_the_dense_layer(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"x")
    (tmp_path / "2_Dense").mkdir()
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    ]
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    assert models._pickled_instead(tmp_path) == ["2_Dense/pytorch_model.bin"]
    (tmp_path / "2_Dense" / "model.safetensors").write_bytes(b"x")
    assert models._pickled_instead(tmp_path) == []


def test_models_list_says_whether_the_embedder_is_here(cli, cache, tiny_labse):
    before = cli("models", "list")
    assert f"Alignment embeddings: {LABSE} (Apache-2.0; en, ar, kmr; not ckb)" in before.out
    assert "not here (`models pull --embeddings`)" in before.out
    put_in_hf_cache(cache, tiny_labse, LABSE, COMMIT)
    assert "here: the aligner uses it" in cli("models", "list").out
