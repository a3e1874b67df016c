"""Moving models to a machine without internet, and taking in model folders from elsewhere.

A bundle is a tar file: `workbench-bundle.json` (each model's id, revision, format,
architecture and its files' SHA-256) and the files under `models/<n>/`. Importing checks every
file against its hash and only ever writes the files the manifest names, under
<models_dir>/hub/, where the workbench looks for models before the Hugging Face cache. The
revision travels with the model, so translations made on either machine have the same
signature and share the memory. Bundles carry every format the workbench runs (transformers,
CTranslate2); `import_folder` takes in a model folder of any format, converting a
Marian-native one for CTranslate2 on the way.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.translate.folders import MARIAN_NATIVE
from workbench.translate.locate import MANIFEST, ModelFiles, imported_path, locate

BUNDLE_MANIFEST = "workbench-bundle.json"
FORMAT = 2  # 1: transformers MarianMT models only
READABLE = (1, 2)


def export_bundle(models: Sequence[ModelFiles], target: Path | str) -> Path:
    """Write `models` into one bundle file at `target` (whole or not at all; "-": standard
    output, e.g. to pipe it over ssh)."""
    if not models:
        raise InputError("No model to export: pull one first, or name one with --model.")
    from workbench.outputs import open_output

    entries = []
    with open_output(target) as fh, tarfile.open(fileobj=fh, mode="w|") as tar:
        for n, files in enumerate(models):
            entries.append(_add_model(tar, n, files))
        _add_bytes(tar, BUNDLE_MANIFEST, _manifest(entries))
    return Path(target)


def _add_model(tar: tarfile.TarFile, n: int, files: ModelFiles) -> dict[str, Any]:
    if files.format == MARIAN_NATIVE:
        raise InputError(
            f"{files.id} is a Marian-native folder: import it first (`workbench models import "
            f"{files.path}`), which converts it, then export the imported model."
        )
    hashes = {}
    for name in files.layout.files:
        path = files.path / name
        hashes[name] = _sha256(path)
        info = tar.gettarinfo(path.resolve(), arcname=f"models/{n}/{name}")
        with open(path, "rb") as fh:  # the cache holds links to blobs: store the content
            tar.addfile(info, fh)
    model_id = files.id if not Path(files.id).is_absolute() else files.path.name
    return {
        "id": model_id,
        "revision": files.revision,
        "tiny": files.tiny,
        "format": files.format,
        "architecture": files.architecture,
        "files": hashes,
    }


def _manifest(entries: list[dict[str, Any]]) -> bytes:
    data = {"format": FORMAT, "created": datetime.now(UTC).isoformat(), "models": entries}
    return json.dumps(data, indent=1).encode("utf-8")


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def import_bundle(source: Path | str, settings: Settings) -> list[ModelFiles]:
    """Unpack a bundle's models under <models_dir>/hub/, checking every file's hash."""
    source = Path(source)
    try:
        with tarfile.open(source, "r") as tar:
            manifest = _read_manifest(tar, source)
            return [
                _import_model(tar, n, entry, settings, source)
                for n, entry in enumerate(manifest["models"])
            ]
    except (OSError, tarfile.TarError) as exc:
        raise InputError(f"Cannot read the bundle {source} ({exc}).") from None


def _read_manifest(tar: tarfile.TarFile, source: Path) -> dict[str, Any]:
    try:
        member = tar.extractfile(BUNDLE_MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") not in READABLE:
        raise InputError(
            f"{source} is not a workbench model bundle (made by `workbench models export`), "
            "or one made by a newer workbench."
        )
    return manifest


def _import_model(
    tar: tarfile.TarFile, n: int, entry: dict[str, Any], settings: Settings, source: Path
) -> ModelFiles:
    with _staged(settings, entry["id"]) as work:
        for name, digest in entry["files"].items():
            if "/" in name or "\\" in name or name.startswith("."):
                raise InputError(f"{source} names an unsafe file {name!r}; it was not imported.")
            member = tar.extractfile(f"models/{n}/{name}")
            if member is None:
                raise InputError(f"{source} lacks {name} of {entry['id']}: export it again.")
            with open(work / name, "wb") as out:
                shutil.copyfileobj(member, out, 1 << 20)
            if _sha256(work / name) != digest:
                raise InputError(
                    f"{name} of {entry['id']} in {source} is damaged (its hash differs): "
                    "copy the bundle again."
                )
        _write_manifest(work, entry["id"], entry["revision"], bool(entry.get("tiny")))
    return locate(entry["id"], entry["revision"], settings)


def import_folder(folder: Path | str, settings: Settings, model_id: str = "") -> ModelFiles:
    """Take in a model folder of any format under <models_dir>/hub/ as `model_id` (default:
    the id its manifest gives, else the folder's name). A Marian-native model is converted
    for CTranslate2 here; its revision is the fingerprint of the original folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder: give a model folder or a bundle file.")
    original = locate(str(folder.resolve()), "", settings)
    name = model_id or (original.id if not Path(original.id).is_absolute() else folder.name)
    _check_id(name)
    with _staged(settings, name) as work:
        if original.format == MARIAN_NATIVE:
            _convert_native(original, work)
        else:
            for file in original.layout.files:
                shutil.copyfile(original.path / file, work / file)
        _write_manifest(work, name, original.revision, original.tiny)
    return locate(name, original.revision, settings)


def _convert_native(original: ModelFiles, work: Path) -> None:
    from workbench.translate.ct2 import convert

    try:
        convert(original, work / "model")
    except Exception as exc:
        raise ModelNotAvailable(
            f"Cannot convert the Marian model in {original.path} for CTranslate2: {exc}."
        ) from None
    for file in (work / "model").iterdir():
        file.rename(work / file.name)
    (work / "model").rmdir()
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(original.path / name, work / name)


def _check_id(name: str) -> None:
    if not name or name.startswith((".", "/", "~")) or "\\" in name or ".." in name.split("/"):
        raise InputError(
            f'{name!r} cannot name an imported model: use --id with a name such as "myorg/en-ckb".'
        )


@contextmanager
def _staged(settings: Settings, model_id: str) -> Iterator[Path]:
    """A temporary folder beside the model's place, renamed into it when the block ends
    without an error (an older copy is replaced); removed otherwise."""
    target = imported_path(settings, model_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".importing-", dir=target.parent))
    try:
        yield work
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_manifest(folder: Path, model_id: str, revision: str, tiny: bool) -> None:
    info = {"id": model_id, "revision": revision, "tiny": tiny}
    (folder / MANIFEST).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
