"""Moving models to a machine without internet: one bundle file out, one bundle file in.

A bundle is a tar file: `workbench-bundle.json` (each model's id, revision and its files'
SHA-256) and the files under `models/<n>/`. Importing checks every file against its hash and
only ever writes the files the manifest names, under <models_dir>/hub/, where the workbench
looks for models before the Hugging Face cache. The revision travels with the model, so
translations made on either machine have the same signature and share the memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from workbench.config import Settings
from workbench.errors import InputError
from workbench.translate.locate import MANIFEST, WEIGHTS, ModelFiles, imported_path
from workbench.translate.models import MODEL_FILES

BUNDLE_MANIFEST = "workbench-bundle.json"
FORMAT = 1


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


def _add_model(tar: tarfile.TarFile, n: int, files: ModelFiles) -> dict:
    weights = next(w for w in WEIGHTS if (files.path / w).is_file())
    hashes = {}
    for name in [*MODEL_FILES, weights]:
        path = files.path / name
        if path.is_file():  # generation_config.json and the like are optional
            hashes[name] = _sha256(path)
            info = tar.gettarinfo(path.resolve(), arcname=f"models/{n}/{name}")
            with open(path, "rb") as fh:  # the cache holds links to blobs: store the content
                tar.addfile(info, fh)
    model_id = files.id if not Path(files.id).is_absolute() else files.path.name
    return {"id": model_id, "revision": files.revision, "tiny": files.tiny, "files": hashes}


def _manifest(entries: list[dict]) -> bytes:
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


def _read_manifest(tar: tarfile.TarFile, source: Path) -> dict:
    try:
        member = tar.extractfile(BUNDLE_MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(
            f"{source} is not a workbench model bundle (made by `workbench models export`)."
        )
    return manifest


def _import_model(
    tar: tarfile.TarFile, n: int, entry: dict, settings: Settings, source: Path
) -> ModelFiles:
    target = imported_path(settings, entry["id"])
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".importing-", dir=target.parent))
    try:
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
        info = {"id": entry["id"], "revision": entry["revision"], "tiny": entry.get("tiny")}
        (work / MANIFEST).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ModelFiles(entry["id"], target, entry["revision"], "imported", bool(entry.get("tiny")))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
