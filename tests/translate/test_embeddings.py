import importlib.util

import pytest

from workbench.errors import ModelNotAvailable
from workbench.translate.embeddings import load_encoder


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="checks the message shown when sentence-transformers is not installed",
)
def test_missing_library_says_how_to_get_it():
    with pytest.raises(ModelNotAvailable, match="pip install sentence-transformers"):
        load_encoder("some/model")


def test_align_names_the_missing_embedding_model(monkeypatch):
    import workbench.translate.embeddings as embeddings

    class Library:
        @staticmethod
        def SentenceTransformer(model, local_files_only):  # noqa: N802 (the library's name)
            assert local_files_only is True
            raise OSError("not in cache")

    monkeypatch.setattr(embeddings.importlib, "import_module", lambda name: Library)
    with pytest.raises(ModelNotAvailable, match="'my/labse' is not on this machine"):
        load_encoder("my/labse")
