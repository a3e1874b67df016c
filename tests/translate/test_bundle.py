import io
import json
import shutil
import tarfile

import pytest

from workbench.config import load_settings
from workbench.errors import InputError
from workbench.translate import get_translator
from workbench.translate.bundle import export_bundle, import_bundle
from workbench.translate.locate import locate

EN_AR = "Helsinki-NLP/opus-mt-tc-big-en-ar"
PIN = "ae9f1b2fd512000ca9440eb3b8ec9aa9acb298ac"


@pytest.fixture
def other_machine(tmp_path):
    """The settings of a second machine: its own home, nothing downloaded."""
    return load_settings({"home": tmp_path / "offline-home"})


def test_a_model_from_the_cache_travels_in_a_bundle_and_keeps_its_revision(
    catalog_models, settings, other_machine, hf_cache, tmp_path
):
    bundle = export_bundle([locate(EN_AR, PIN, settings)], tmp_path / "models.tar")
    for snapshot in hf_cache.iterdir():  # the other machine has an empty cache
        shutil.rmtree(snapshot)
    [imported] = import_bundle(bundle, other_machine)
    assert (imported.id, imported.revision) == (EN_AR, PIN)
    translator = get_translator("en", "ar", other_machine, engine="ct2")
    assert translator.files.found_in == "imported"
    assert translator.identity.revision == PIN
    assert translator.translate(["The report."])[0]


def test_an_imported_model_translates_exactly_as_the_original(
    tiny_model, settings, other_machine, tmp_path
):
    folder = tiny_model("en", "ar")
    bundle = export_bundle([locate(str(folder), "", settings)], tmp_path / "tiny.tar")
    import_bundle(bundle, other_machine)
    here = get_translator("en", "ar", settings, model=str(folder))
    there = get_translator("en", "ar", other_machine, model="workbench-tiny/en-ar")
    assert there.files.found_in == "imported"
    assert there.signature == here.signature
    assert there.translate(["The clinic."]) == here.translate(["The clinic."])


def test_the_bundle_is_one_file_with_a_manifest_of_hashes(tiny_model, settings, tmp_path):
    bundle = export_bundle([locate(str(tiny_model("en", "ar")), "", settings)], tmp_path / "b.tar")
    with tarfile.open(bundle) as tar:
        manifest = json.load(tar.extractfile("workbench-bundle.json"))
        names = tar.getnames()
    files = manifest["models"][0]["files"]
    assert "model.safetensors" in files and len(files["vocab.json"]) == 64
    assert all(name in names for name in (f"models/0/{f}" for f in files))
    assert not (tmp_path / "b.tar.partial").exists()


def test_a_damaged_file_is_refused_and_nothing_is_imported(
    tiny_model, settings, other_machine, tmp_path
):
    bundle = export_bundle([locate(str(tiny_model("en", "ar")), "", settings)], tmp_path / "b.tar")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(bundle) as src, tarfile.open(damaged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.endswith("vocab.json"):
                data = data.replace(b"<unk>", b"<UNK>")
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(InputError, match="vocab.json of workbench-tiny/en-ar .* is damaged"):
        import_bundle(damaged, other_machine)
    assert not list((other_machine.models_path / "hub").iterdir())


def test_a_file_that_is_not_a_bundle_is_refused(other_machine, tmp_path):
    fake = tmp_path / "fake.tar"
    with tarfile.open(fake, "w") as tar:
        tar.add(__file__, arcname="hello.py")
    with pytest.raises(InputError, match="is not a workbench model bundle"):
        import_bundle(fake, other_machine)


def test_a_bundle_naming_a_path_outside_its_folder_is_refused(other_machine, tmp_path):
    evil = tmp_path / "evil.tar"
    manifest = {"format": 1, "models": [{"id": "x/y", "revision": "r", "files": {"../../x": "0"}}]}
    data = json.dumps(manifest).encode()
    with tarfile.open(evil, "w") as tar:
        info = tarfile.TarInfo("workbench-bundle.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(InputError, match="unsafe file"):
        import_bundle(evil, other_machine)
    assert not (tmp_path / "x").exists()


def test_exporting_nothing_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="No model to export"):
        export_bundle([], tmp_path / "b.tar")


def test_a_bundle_can_go_to_standard_output(tiny_model, settings, tmp_path):
    import subprocess
    import sys

    folder = tiny_model("en", "ar")
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "models", "export", "-", "--model", str(folder)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"to standard output" in done.stderr
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        assert "workbench-bundle.json" in tar.getnames()
