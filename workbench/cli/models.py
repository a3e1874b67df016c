"""`workbench models ...`: list, pull, convert, export, import, build-tiny."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_json, echo_table, output_name, pass_state, say
from workbench.outputs import is_stdout


@click.group()
def models() -> None:
    """See, download and move the translation models (MarianMT)."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the directions as JSON.")
@pass_state
def models_list(state: State, as_json: bool) -> None:
    """Show every direction, its model, whether it is on this machine, and its size."""
    from workbench.translate.ct2 import converted_path
    from workbench.translate.models import direction_status, folder_size

    rows = []
    ct2_dir = state.settings.models_path / "ct2"
    statuses = direction_status(state.settings)
    for status in statuses:
        here = [f for f in status.files if f]
        size = sum(folder_size(f.path) for f in here) if here else 0
        converted = [f for f in here if (converted_path(f, ct2_dir) / "model.bin").is_file()]
        rows.append(
            (
                status.direction,
                f"via {status.route}" if len(status.models) > 1 else "direct",
                " + ".join(status.models),
                " ".join(t for t in status.tokens if t) or "-",
                "yes" if status.available else ("PROBLEM" if status.problem else "no"),
                _size(size) if here else "-",
                "yes" if here and len(converted) == len(here) else "-",
            )
        )
    header = ("direction", "route", "model", "token", "here", "size", "ct2")
    if as_json:
        echo_json(
            [
                {**dict(zip(header, row, strict=True)), "problem": status.problem or None}
                for row, status in zip(rows, statuses, strict=True)
            ]
        )
        return
    echo_table(rows, header)
    for status in statuses:
        if status.problem:
            say(f"{status.direction}: {status.problem}", err=True)
    if any(r[4] == "no" for r in rows):
        click.echo("Missing models: `workbench models pull --all` (needs internet access).")


@models.command("pull")
@click.argument("model", required=False)
@click.option("--all", "pull_all", is_flag=True, help="Download every model of the catalog.")
@click.option("--revision", default=None, help="A commit or tag (default: the catalog's pin).")
@pass_state
def models_pull(state: State, model: str | None, pull_all: bool, revision: str | None) -> None:
    """Download MODEL (a Hugging Face id) or --all into the Hugging Face cache.

    This is the only command that uses the network.
    """
    from workbench.translate.models import catalog_models, pull_model

    for model_id, rev in _chosen(state, model, pull_all, revision, catalog_models):
        say(f"Downloading {model_id}{f' at {rev}' if rev else ''} ...")
        say(f"  -> {pull_model(model_id, rev)}")


@models.command("convert")
@click.argument("model", required=False)
@click.option("--all", "convert_all", is_flag=True, help="Convert every catalog model here.")
@pass_state
def models_convert(state: State, model: str | None, convert_all: bool) -> None:
    """Make the CTranslate2 copy of MODEL (id or folder) or --all (done on first use anyway)."""
    from workbench.translate.models import catalog_models, convert_model

    for model_id, rev in _chosen(state, model, convert_all, None, catalog_models):
        say(f"{model_id}: {convert_model(model_id, rev, state.settings)}")


@models.command("export")
@click.argument("path", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--model",
    "chosen",
    multiple=True,
    help="A model id or folder to include (repeatable; default: every catalog model here).",
)
@pass_state
def models_export(state: State, path: Path, chosen: tuple[str, ...]) -> None:
    """Write models into one bundle file PATH, to carry to a machine without internet
    (- writes it to standard output)."""
    from workbench.translate.bundle import export_bundle
    from workbench.translate.locate import locate
    from workbench.translate.models import direction_status

    if chosen:
        files = [locate(m, _catalog_revision(state, m), state.settings) for m in chosen]
    else:  # every model of the catalog that is here, each once
        here = {f.path: f for s in direction_status(state.settings) for f in s.files if f}
        files = list(here.values())
    bundle = export_bundle(files, path)
    to_stderr = is_stdout(path)  # the bundle itself is on standard output
    for f in files:
        say(f"  {f.id} ({f.revision[:12]})", err=to_stderr)
    say(
        f"Wrote {len(files)} model(s) to {output_name(path)}; on the other machine: "
        f"`workbench models import {'BUNDLE' if to_stderr else bundle.name}`.",
        err=to_stderr,
    )


@models.command("import")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@pass_state
def models_import(state: State, path: Path) -> None:
    """Unpack the models of a bundle made by `models export` (hashes are checked)."""
    from workbench.translate.bundle import import_bundle

    for files in import_bundle(path, state.settings):
        say(f"Imported {files.id} ({files.revision[:12]}) into {files.path}")


@models.command("build-tiny")
@click.option("--from", "src", required=True, help="Source language (en, ar, ckb, kmr).")
@click.option("--to", "tgt", required=True, help="Target language (en, ar, ckb, kmr).")
@click.option(
    "--text",
    "texts",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A text file to train the tokenizer on (repeatable; default: the project's corpora).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the random weights.")
@click.argument("out", type=click.Path(path_type=Path))
def models_build_tiny(src: str, tgt: str, texts: tuple[Path, ...], seed: int, out: Path) -> None:
    """Build a tiny MarianMT model in OUT for tests and demos. Its translations are NONSENSE.

    Random weights, a real SentencePiece tokenizer trained offline on the project's text, and
    the same special and target-language tokens as the catalog model of the direction.
    """
    from workbench.translate.tiny import build_tiny_model

    folder = build_tiny_model(src, tgt, out, texts=list(texts) or None, seed=seed)
    say(f"Built a tiny {src}->{tgt} model in {folder}.")
    click.echo("It has random weights: its translations are nonsense (for tests and demos).")
    say(f"Use it with: workbench translate FILE --from {src} --to {tgt} --model {folder}")


def _chosen(state: State, model: str | None, every: bool, revision: str | None, catalog_models):
    from workbench.errors import InputError

    if bool(model) == every:
        raise InputError("Name one MODEL, or give --all.")
    if every:
        return catalog_models(state.settings)
    return [(model, revision if revision is not None else _catalog_revision(state, model))]


def _catalog_revision(state: State, model: str) -> str:
    from workbench.translate.models import catalog_models

    return dict(catalog_models(state.settings)).get(model, "")


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
