"""Any model folder: transformers, CTranslate2 (used as it is), Marian-native (converted), in
bundles and imports; each translates exactly as the transformers model it came from."""

import json
import shutil
from pathlib import Path

import pytest

from workbench.config import load_settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.translate import get_translator
from workbench.translate.bundle import export_bundle, import_bundle, import_folder
from workbench.translate.ct2 import convert
from workbench.translate.locate import locate
from workbench.translate.tiny import export_marian_native

DATA = Path(__file__).resolve().parent.parent / "data" / "translate"
GREEDY = {"beam": 1, "compute_type": "float32"}


def lines(lang: str) -> list[str]:
    return [t for t in (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if t][:8]


@pytest.fixture
def other_machine(tmp_path):
    return load_settings({"home": tmp_path / "offline-home"}).replace(device="cpu")


def ct2_folder(settings, source: Path, out: Path, tokenizer_files: tuple[str, ...]) -> Path:
    """What a CTranslate2 model on the Hub looks like: model.bin, its vocabulary, and the
    original's SentencePiece model(s) beside it."""
    convert(locate(str(source), "", settings), out)
    for name in tokenizer_files:
        shutil.copyfile(source / name, out / name)
    return out


@pytest.fixture
def native(tiny_model, tmp_path) -> Path:
    return export_marian_native(tiny_model("en", "ar"), tmp_path / "native")


def test_a_marian_native_folder_is_recognised(native, settings):
    files = locate(str(native), "", settings)
    assert (files.format, files.architecture) == ("marian-native", "marian")
    assert {"model.npz", "decoder.yml", "vocab.yml", "source.spm"} <= set(files.layout.files)
    assert ">>ara<<" in files.language_tokens()


def test_a_marian_native_folder_translates_as_the_transformers_model(native, tiny_model, settings):
    original = get_translator("en", "ar", settings, engine="hf", model=str(tiny_model("en", "ar")),
                              beam=1)  # fmt: skip
    converted = get_translator("en", "ar", settings, model=str(native), **GREEDY)
    assert converted.name == "ct2"
    assert converted.translate(lines("en")) == original.translate(lines("en"))


def test_transformers_cannot_load_a_marian_native_folder(native, settings):
    with pytest.raises(ModelNotAvailable, match="marian-native model: transformers cannot"):
        get_translator("en", "ar", settings, engine="hf", model=str(native))


def test_importing_a_marian_native_folder_converts_it(native, tiny_model, settings):
    files = import_folder(native, settings, "opus/en-ar")
    assert (files.id, files.format, files.found_in) == ("opus/en-ar", "ct2", "imported")
    assert (files.path / "model.bin").is_file() and not (files.path / "model.npz").exists()
    there = get_translator("en", "ar", settings, model="opus/en-ar", **GREEDY)
    here = get_translator("en", "ar", settings, engine="hf", model=str(tiny_model("en", "ar")),
                          beam=1)  # fmt: skip
    assert there.translate(lines("en")) == here.translate(lines("en"))
    assert there.identity.revision == locate(str(native), "", settings).revision


@pytest.mark.parametrize(
    "architecture, spm",
    [("marian", ("source.spm", "target.spm")), ("nllb", ("sentencepiece.bpe.model",))],
)
def test_a_ctranslate2_folder_is_used_as_it_is(
    tiny_model, tiny_nllb, settings, tmp_path, architecture, spm
):
    source = tiny_model("en", "ar") if architecture == "marian" else tiny_nllb()
    src, tgt = ("en", "ar") if architecture == "marian" else ("ar", "ckb")
    folder = ct2_folder(settings, source, tmp_path / "ct2-model", spm)
    files = locate(str(folder), "", settings)
    assert (files.format, files.architecture) == ("ct2", architecture)
    made = get_translator(src, tgt, settings, model=str(folder), **GREEDY)
    original = get_translator(src, tgt, settings, engine="hf", model=str(source), beam=1)
    assert made.translate(lines(src)) == original.translate(lines(src))
    assert not (settings.models_path / "ct2").exists()  # nothing converted again


def test_a_ctranslate2_folder_without_its_sentencepiece_model_says_what_to_copy(
    tiny_nllb, settings, tmp_path
):
    folder = ct2_folder(settings, tiny_nllb(), tmp_path / "bare", ())
    with pytest.raises(ModelNotAvailable, match="copy source.spm and target.spm .* or "
                       "sentencepiece.bpe.model"):  # fmt: skip
        get_translator("en", "ckb", settings, model=str(folder))


def test_transformers_cannot_load_a_ctranslate2_folder(tiny_nllb, settings, tmp_path):
    folder = ct2_folder(settings, tiny_nllb(), tmp_path / "c", ("sentencepiece.bpe.model",))
    with pytest.raises(ModelNotAvailable, match="ct2 model: transformers cannot load it"):
        get_translator("en", "ckb", settings, engine="hf", model=str(folder))


def test_a_folder_of_another_kind_of_model_is_refused(tmp_path, settings):
    (tmp_path / "bert").mkdir()
    (tmp_path / "bert" / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(ModelNotAvailable, match="holds a bert model; the workbench runs"):
        get_translator("en", "ar", settings, model=str(tmp_path / "bert"))


def test_an_incomplete_nllb_folder_names_what_is_missing(tiny_nllb, settings, tmp_path):
    copy = shutil.copytree(tiny_nllb(), tmp_path / "copy")
    (copy / "sentencepiece.bpe.model").unlink()
    with pytest.raises(ModelNotAvailable, match="complete NLLB-200 model: sentencepiece"):
        locate(str(copy), "", settings)


@pytest.mark.parametrize("kind", ["nllb", "ct2"])
def test_bundles_carry_nllb_and_ctranslate2_models(
    tiny_nllb, settings, other_machine, tmp_path, kind
):
    source = tiny_nllb()
    if kind == "ct2":
        source = ct2_folder(settings, source, tmp_path / "c", ("sentencepiece.bpe.model",))
    files = locate(str(source), "", settings)
    bundle = export_bundle([files], tmp_path / "b.tar")
    [imported] = import_bundle(bundle, other_machine)
    assert (imported.format, imported.architecture) == (files.format, "nllb")
    assert set(imported.layout.files) == set(files.layout.files)
    here = get_translator("ar", "kmr", settings, model=str(source), **GREEDY)
    there = get_translator("ar", "kmr", other_machine, model=imported.id, **GREEDY)
    assert there.translate(lines("ar")) == here.translate(lines("ar"))
    assert there.signature == here.signature


def test_a_marian_native_folder_is_imported_before_it_is_exported(native, settings, tmp_path):
    with pytest.raises(InputError, match="Marian-native folder: import it first"):
        export_bundle([locate(str(native), "", settings)], tmp_path / "b.tar")


def test_an_old_bundle_still_imports(tiny_model, settings, other_machine, tmp_path):
    import io
    import tarfile

    bundle = export_bundle([locate(str(tiny_model("en", "ar")), "", settings)], tmp_path / "b.tar")
    old = tmp_path / "old.tar"
    with tarfile.open(bundle) as src, tarfile.open(old, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "workbench-bundle.json":
                manifest = json.loads(data)
                manifest["format"] = 1
                for entry in manifest["models"]:
                    del entry["format"], entry["architecture"]
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    [imported] = import_bundle(old, other_machine)
    assert imported.architecture == "marian"


def test_an_imported_folder_needs_a_usable_name(native, settings):
    with pytest.raises(InputError, match="cannot name an imported model"):
        import_folder(native, settings, "../elsewhere")


def test_a_checkpoint_in_shards_is_a_complete_model(tiny_nllb, settings, tmp_path):
    """facebook/nllb-200-3.3B comes in shards that an index names."""
    from transformers import AutoModelForSeq2SeqLM

    copy = shutil.copytree(tiny_nllb(), tmp_path / "sharded")
    (copy / "model.safetensors").unlink()
    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_nllb())
    model.save_pretrained(copy, max_shard_size="100KB")
    files = locate(str(copy), "", settings)
    shards = [f for f in files.layout.files if f.startswith("model-0")]
    assert "model.safetensors.index.json" in files.layout.files and len(shards) > 1
    whole = get_translator("en", "kmr", settings, engine="hf", model=str(tiny_nllb()), beam=1)
    cut = get_translator("en", "kmr", settings, engine="hf", model=str(copy), beam=1)
    assert cut.translate(lines("en")[:3]) == whole.translate(lines("en")[:3])
    (copy / shards[-1]).unlink()
    with pytest.raises(ModelNotAvailable, match="or the shards an index names"):
        locate(str(copy), "", settings)
