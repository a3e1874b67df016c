"""Loading the alignment's sentence-embedding model: from this machine only, and a message that
says what to do when the library or the model is missing."""

import sys
import types

import pytest

from workbench.errors import ModelNotAvailable
from workbench.translate.embeddings import load_encoder


def test_missing_library_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(ModelNotAvailable, match="pip install sentence-transformers"):
        load_encoder("some/model")


def test_align_names_the_missing_embedding_model(monkeypatch):
    asked = []

    def sentence_transformer(model, local_files_only):
        asked.append((model, local_files_only))
        raise OSError("not in cache")

    library = types.ModuleType("sentence_transformers")
    library.SentenceTransformer = sentence_transformer
    monkeypatch.setitem(sys.modules, "sentence_transformers", library)
    with pytest.raises(ModelNotAvailable, match="'my/labse' is not on this machine"):
        load_encoder("my/labse")
    assert asked == [("my/labse", True)]  # never from the network
