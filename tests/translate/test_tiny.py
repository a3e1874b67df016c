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


NLLB_FILES = ["config.json", "model.safetensors", "sentencepiece.bpe.model", "tokenizer.json",
              "tokenizer_config.json", "workbench-model.json"]  # fmt: skip


@pytest.mark.parametrize("name", NLLB_FILES)
def test_a_tiny_nllb_model_has_the_files_of_the_hubs_nllb_models(tiny_nllb, name):
    assert (tiny_nllb() / name).is_file()


def test_a_tiny_nllb_model_is_an_m2m100_network_with_fairseqs_special_ids(tiny_nllb):
    config = json.loads((tiny_nllb() / "config.json").read_text())
    assert (config["model_type"], config["tokenizer_class"]) == ("m2m_100", "NllbTokenizer")
    assert (config["pad_token_id"], config["eos_token_id"], config["decoder_start_token_id"]) == (
        1, 2, 2
    )
    assert "nonsense" in config["workbench_tiny"]


def test_a_tiny_nllb_tokenizer_holds_the_language_codes(tiny_nllb):
    tokenizer = json.loads((tiny_nllb() / "tokenizer.json").read_text())
    added = {t["content"]: t["special"] for t in tokenizer["added_tokens"]}
    codes = ("eng_Latn", "arb_Arab", "ckb_Arab", "kmr_Latn")
    assert all(added.get(code) is True for code in codes)
    vocab = tokenizer["model"]["vocab"]
    assert [vocab[t] for t in ("<s>", "<pad>", "</s>", "<unk>")] == [0, 1, 2, 3]


def test_the_pad_and_end_rows_of_a_tiny_nllb_model_are_zero(tiny_nllb):
    from safetensors.torch import load_file

    weights = load_file(tiny_nllb() / "model.safetensors")
    shared = next(v for k, v in weights.items() if k.endswith("shared.weight"))
    assert float(shared[1].abs().sum()) == float(shared[2].abs().sum()) == 0.0
    assert float(shared[5].abs().sum()) > 0.0


def test_a_tiny_m2m100_model_has_m2m100s_tokenizer(tiny_nllb):
    folder = tiny_nllb("m2m100")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    assert config["tokenizer_class"] == "M2M100Tokenizer"
    assert (folder / "vocab.json").is_file() and (folder / "sentencepiece.bpe.model").is_file()


def test_marian_native_export_writes_what_opus_mt_releases(tiny_model, tmp_path):
    import numpy as np
    import yaml

    from workbench.translate.tiny import export_marian_native

    folder = export_marian_native(tiny_model("en", "ar"), tmp_path / "native")
    decoder = yaml.safe_load((folder / "decoder.yml").read_text())
    assert decoder["models"] == ["model.npz"] and decoder["vocabs"] == ["vocab.yml"] * 2
    weights = np.load(folder / "model.npz")
    options = yaml.safe_load(weights["special:model.yml"][:-1].tobytes())
    assert (options["type"], options["transformer-postprocess"]) == ("transformer", "dan")
    vocab = (folder / "vocab.yml").read_text(encoding="utf-8").splitlines()
    assert vocab[0] == '"</s>": 0' and '"<pad>"' not in "".join(vocab)
    assert weights["Wemb"].shape[0] == len(vocab)
