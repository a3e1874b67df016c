"""Fixtures for the translation tests: settings in a fresh home, and a Hugging Face cache that
holds tiny models under the catalog's real model ids and revisions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.config import load_settings
from workbench.translate.catalog import load_catalog

# The tiny model that stands in for each catalog model (same tokens: see build_tiny_model).
STAND_INS = {
    "Helsinki-NLP/opus-mt-tc-big-en-ar": ("en", "ar"),
    "Helsinki-NLP/opus-mt-tc-big-ar-en": ("ar", "en"),
    "Helsinki-NLP/opus-mt-tc-bible-big-deu_eng_fra_por_spa-iir": ("en", "ckb"),
    "Helsinki-NLP/opus-mt-tc-bible-big-iir-en": ("ckb", "en"),
}
UNPINNED_COMMIT = "c0ffee" + "0" * 34


@pytest.fixture
def settings(home: Path):
    """A fresh home; the CPU even where there is a GPU, so that results are the same anywhere."""
    return load_settings({"home": home}).replace(device="cpu")


@pytest.fixture
def hf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face cache for this test only."""
    from huggingface_hub import constants

    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    return cache


def put_in_hf_cache(cache: Path, folder: Path, model_id: str, revision: str) -> Path:
    """Lay `folder` out as `huggingface_hub` stores a download of model_id at revision."""
    repo = cache / ("models--" + model_id.replace("/", "--"))
    snapshot = repo / "snapshots" / revision
    shutil.copytree(folder, snapshot)
    (snapshot / "workbench-model.json").unlink()  # a real download has no manifest
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(revision)
    return snapshot


@pytest.fixture
def catalog_models(hf_cache: Path, tiny_model) -> dict[str, Path]:
    """Every catalog model "downloaded": tiny stand-ins at the catalog's ids and revisions."""
    revisions = dict(load_catalog().models())
    return {
        model_id: put_in_hf_cache(
            hf_cache, tiny_model(*langs), model_id, revisions[model_id] or UNPINNED_COMMIT
        )
        for model_id, langs in STAND_INS.items()
    }


@pytest.fixture(autouse=True)
def fresh_engines():
    """Each test loads its models itself (loaded models are otherwise kept per process)."""
    from workbench.translate.base import unload_models

    unload_models()
    yield
    unload_models()
