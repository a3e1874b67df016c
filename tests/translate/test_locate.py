import shutil

import pytest

from tests.translate.conftest import put_in_hf_cache
from workbench.errors import ModelNotAvailable
from workbench.translate.locate import locate

EN_AR = "Helsinki-NLP/opus-mt-tc-big-en-ar"
PIN = "ae9f1b2fd512000ca9440eb3b8ec9aa9acb298ac"


def test_a_folder_is_loaded_with_a_fingerprint_as_its_revision(tiny_model, settings):
    files = locate(str(tiny_model("en", "ar")), "", settings)
    assert files.found_in == "folder" and files.tiny
    assert files.id == "workbench-tiny/en-ar"
    assert files.revision.startswith("sha256:")


def test_changing_a_folders_weights_changes_its_revision(tiny_model, settings, tmp_path):
    copy = shutil.copytree(tiny_model("en", "ar"), tmp_path / "copy")
    before = locate(str(copy), "", settings).revision
    (copy / "model.safetensors").write_bytes((copy / "model.safetensors").read_bytes() + b" ")
    assert locate(str(copy), "", settings).revision != before


def test_a_model_in_the_hugging_face_cache_is_found_at_its_commit(tiny_model, settings, hf_cache):
    put_in_hf_cache(hf_cache, tiny_model("en", "ar"), EN_AR, PIN)
    files = locate(EN_AR, PIN, settings)
    assert (files.found_in, files.revision, files.id) == ("hf-cache", PIN, EN_AR)


def test_another_revision_in_the_cache_does_not_count(tiny_model, settings, hf_cache):
    put_in_hf_cache(hf_cache, tiny_model("en", "ar"), EN_AR, "1" * 40)
    with pytest.raises(ModelNotAvailable, match=f"at revision {PIN}"):
        locate(EN_AR, PIN, settings)


def test_an_interrupted_download_is_not_available(tiny_model, settings, hf_cache):
    snapshot = put_in_hf_cache(hf_cache, tiny_model("en", "ar"), EN_AR, PIN)
    (snapshot / "model.safetensors").unlink()
    with pytest.raises(ModelNotAvailable, match="not on this machine"):
        locate(EN_AR, PIN, settings)


def test_a_missing_model_names_itself_where_it_was_looked_for_and_the_fix(settings, hf_cache):
    with pytest.raises(ModelNotAvailable) as caught:
        locate(EN_AR, PIN, settings)
    message = str(caught.value)
    assert EN_AR in message
    assert str(settings.models_path / "hub") in message and str(hf_cache) in message
    assert f"workbench models pull {EN_AR}" in message
    assert "workbench models import" in message


def test_a_missing_folder_says_so(settings, tmp_path):
    with pytest.raises(ModelNotAvailable, match="does not exist"):
        locate(str(tmp_path / "nowhere"), "", settings)


def test_an_incomplete_folder_names_what_is_missing(tiny_model, settings, tmp_path):
    copy = shutil.copytree(tiny_model("en", "ar"), tmp_path / "copy")
    (copy / "target.spm").unlink()
    with pytest.raises(ModelNotAvailable, match="target.spm missing"):
        locate(str(copy), "", settings)
