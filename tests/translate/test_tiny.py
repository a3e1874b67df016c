import json

import pytest

from workbench.errors import InputError
from workbench.translate.tiny import TINY_WARNING, build_tiny_model

FILES = [
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "workbench-model.json",
]


@pytest.mark.parametrize("name", FILES)
def test_a_tiny_model_has_the_files_of_a_marian_model(tiny_model, name):
    assert (tiny_model("en", "ar") / name).is_file()


def test_the_vocabulary_has_marians_layout(tiny_model):
    vocab = json.loads((tiny_model("en", "ar") / "vocab.json").read_text())
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1
    assert vocab["<pad>"] == len(vocab) - 1 == max(vocab.values())


def test_pad_is_the_decoder_start_and_its_embedding_row_is_zero(tiny_model):
    from safetensors.torch import load_file

    folder = tiny_model("en", "ar")
    config = json.loads((folder / "config.json").read_text())
    pad = config["pad_token_id"]
    assert config["decoder_start_token_id"] == pad
    weights = load_file(folder / "model.safetensors")
    shared = next(v for k, v in weights.items() if k.endswith("shared.weight"))
    assert float(shared[pad].abs().sum()) == 0.0
    assert float(shared[1].abs().sum()) > 0.0


def test_the_config_says_the_model_produces_nonsense(tiny_model):
    folder = tiny_model("en", "ar")
    assert json.loads((folder / "config.json").read_text())["workbench_tiny"] == TINY_WARNING
    assert "nonsense" in TINY_WARNING


@pytest.mark.parametrize(
    "src, tgt, tokens",
    [
        ("en", "ar", [">>ara<<"]),
        ("en", "ckb", [">>ckb<<", ">>kmr<<"]),
        ("en", "kmr", [">>ckb<<", ">>kmr<<"]),
        ("ar", "en", []),
        ("ckb", "en", []),
    ],
)
def test_a_tiny_model_knows_the_target_tokens_of_the_catalog_model(tmp_path, src, tgt, tokens):
    folder = build_tiny_model(src, tgt, tmp_path / "m", texts=["one two three", "four five"])
    vocab = json.loads((folder / "vocab.json").read_text())
    assert [t for t in vocab if t.startswith(">>")] == tokens


def test_the_tokenizer_is_trained_on_the_given_text(tmp_path):
    import sentencepiece as spm

    folder = build_tiny_model("ckb", "en", tmp_path / "m", texts=["ڕاپۆرتەکە ڕاپۆرتەکە گوندەکان"])
    processor = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    pieces = processor.encode("ڕاپۆرتەکە", out_type=str)
    assert "".join(pieces).replace("\u2581", "") == "ڕاپۆرتەکە"
    assert processor.unk_id() not in processor.encode("ڕاپۆرتەکە")


def test_the_same_seed_builds_the_same_weights(tmp_path):
    first = build_tiny_model("en", "ar", tmp_path / "a", texts=["a b c d", "e f g"], seed=3)
    second = build_tiny_model("en", "ar", tmp_path / "b", texts=["a b c d", "e f g"], seed=3)
    other = build_tiny_model("en", "ar", tmp_path / "c", texts=["a b c d", "e f g"], seed=4)
    data = [(f / "model.safetensors").read_bytes() for f in (first, second, other)]
    assert data[0] == data[1] != data[2]


def test_a_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="already holds other files"):
        build_tiny_model("en", "ar", tmp_path / "m", texts=["a b"])
    assert (tmp_path / "m" / "notes.txt").read_text() == "mine"


def test_a_tiny_model_can_be_rebuilt_in_place(tmp_path):
    build_tiny_model("en", "ar", tmp_path / "m", texts=["a b"])
    assert build_tiny_model("en", "ar", tmp_path / "m", texts=["c d"]).is_dir()


def test_no_text_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="No text to train"):
        build_tiny_model("en", "ar", tmp_path / "m", texts=["", "# a comment"])
    assert not (tmp_path / "m").exists()


def test_without_texts_the_projects_own_text_is_used(tmp_path):
    import sentencepiece as spm

    folder = build_tiny_model("kmr", "en", tmp_path / "m")
    processor = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    letters = "ڕۆێڵەêîûşç"  # Sorani and Kurmanji letters: the project's text has them all
    assert all(processor.piece_to_id(c) != processor.unk_id() for c in letters)


def test_text_files_in_other_encodings_and_formats_are_read(tmp_path):
    import sentencepiece as spm

    (tmp_path / "ar.txt").write_bytes("تقرير اللجنة السنوي\n".encode("cp1256"))
    (tmp_path / "en.md").write_text("# Annual report\n\nThe committee met.\n")
    folder = build_tiny_model(
        "ar", "en", tmp_path / "m", texts=[tmp_path / "ar.txt", tmp_path / "en.md"]
    )
    processor = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    assert processor.unk_id() not in processor.encode("تقرير committee")
