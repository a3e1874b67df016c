"""`models pull` is the one network command; here the Hub is replaced, never reached."""

import io
import os

import pytest

from workbench.errors import WorkbenchError
from workbench.translate import models


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """A stand-in for huggingface_hub.snapshot_download that records its calls."""
    import huggingface_hub

    calls = []

    def snapshot_download(repo_id, revision=None, allow_patterns=None, **kwargs):
        from huggingface_hub import constants

        calls.append((repo_id, revision, allow_patterns, constants.HF_HUB_OFFLINE))
        folder = tmp_path / "snap"
        folder.mkdir(exist_ok=True)
        if "*.safetensors" in allow_patterns:
            (folder / "config.json").write_text("{}")
        return str(folder)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    return calls


def test_pull_downloads_the_model_files_with_the_network_allowed_only_meanwhile(hub):
    from huggingface_hub import constants

    before = (os.environ.get("HF_HUB_OFFLINE"), constants.HF_HUB_OFFLINE)
    models.pull_model("Helsinki-NLP/opus-mt-tc-big-en-ar", "abc")
    first = hub[0]
    assert first[:2] == ("Helsinki-NLP/opus-mt-tc-big-en-ar", "abc")
    assert "vocab.json" in first[2] and "*.safetensors" in first[2]
    assert first[3] is False
    assert (os.environ.get("HF_HUB_OFFLINE"), constants.HF_HUB_OFFLINE) == before


def test_pull_falls_back_to_pytorch_weights_when_there_are_no_safetensors(hub):
    models.pull_model("someone/old-model")
    assert [c[2] for c in hub][1] == [
        "pytorch_model.bin", "pytorch_model-*.bin", "pytorch_model.bin.index.json"
    ]  # one checkpoint, or the shards of a large one (facebook/nllb-200-3.3B)


def test_a_failed_download_says_what_to_do(monkeypatch):
    import huggingface_hub

    def fail(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fail)
    with pytest.raises(WorkbenchError, match="Could not download x/y .*models export"):
        models.pull_model("x/y")


def test_pull_all_asks_for_every_catalog_model_at_its_pin(cli, hub):
    result = cli("models", "pull", "--all")
    assert result.code == 0, result.err
    asked = {(c[0], c[1]) for c in hub}
    assert (
        "Helsinki-NLP/opus-mt-tc-big-en-ar",
        "ae9f1b2fd512000ca9440eb3b8ec9aa9acb298ac",
    ) in asked
    assert ("Helsinki-NLP/opus-mt-tc-big-ar-en", None) in asked
    assert len({c[0] for c in hub}) == 4


def test_a_failed_pull_is_one_line_and_each_retry_warned_once(cli, monkeypatch):
    """The hub's multi-line error showed as a literal \\x0a, and its retry warnings twice
    (its own handler, then ours)."""
    import logging

    import huggingface_hub

    def fail(*args, **kwargs):
        logging.getLogger("huggingface_hub.utils._http").warning("Retrying in 1s [Retry 1/5].")
        raise OSError("Cannot reach the hub.\nCheck your connection.\n")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fail)
    hubs_own = io.StringIO()
    hub = logging.getLogger("huggingface_hub")
    hub.addHandler(logging.StreamHandler(hubs_own))  # as the hub does at import
    result = cli("models", "pull", "x/y")
    assert result.code == 1
    assert "\\x0a" not in result.err
    assert "Could not download x/y (Cannot reach the hub.)" in result.err
    assert result.err.count("Retrying in 1s") == 1 and hubs_own.getvalue() == ""
