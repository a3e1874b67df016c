"""The command line: a thin layer over the library.

Each command group lives in its own module, imported only when that command runs (or when
help lists it), so `workbench --help` never loads torch, transformers, gradio or ray.
`main()` turns a WorkbenchError into a one-line message and an exit code; anything else is
written to a crash log, never shown to the user as a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from workbench import __version__
from workbench.privacy import quiet_environment
from workbench.registry import Registry

COMMANDS = Registry(
    "command",
    {
        "init": "workbench.cli.store:init",
        "quickstart": "workbench.cli.quickstart:quickstart",
        "reports": "workbench.cli.store:reports",
        "alignments": "workbench.cli.store:alignments",
        "db": "workbench.cli.store:db",
        "export": "workbench.cli.formats:export_command",
        "import": "workbench.cli.formats:import_command",
        "users": "workbench.cli.users:users",
        "job": "workbench.cli.jobs:job",
        "align": "workbench.cli.align:align",
        "align-report": "workbench.cli.align:align_report",
        "align-eval": "workbench.cli.align:align_eval",
        "ingest": "workbench.cli.text:ingest",
        "detect": "workbench.cli.text:detect",
        "normalize": "workbench.cli.text:normalize",
        "segment": "workbench.cli.text:segment",
        "serve": "workbench.cli.serve:serve",
        "translate": "workbench.cli.translate:translate",
        "models": "workbench.cli.models:models",
        "score": "workbench.cli.score:score",
        "compare": "workbench.cli.score:compare",
        "report": "workbench.cli.score:report",
        "tm": "workbench.cli.memory:tm",
        "terms": "workbench.cli.terms:terms",
        "qa": "workbench.cli.qa:qa",
        "mqm": "workbench.cli.mqm:mqm",
        "review": "workbench.cli.review:review",
    },
)


class LazyGroup(click.Group):
    """A group whose commands are imported from `COMMANDS` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return COMMANDS.load(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="workbench")
@click.option("--home", type=click.Path(path_type=Path), help="Data folder (WORKBENCH_HOME).")
@click.option(
    "--database", type=click.Path(path_type=Path), help="SQLite file (WORKBENCH_DATABASE)."
)
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="A workbench.toml to read."
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None, database: Path | None, config_file: Path | None):
    """Translate, align, score and review reports in English, Arabic, Sorani and Kurmanji.

    Settings come from defaults < workbench.toml < WORKBENCH_* variables < these flags.
    -o - writes to standard output. Sentences, paragraphs and aligner beads are numbered
    from 0; lines of a file from 1.

    \b
    Exit codes: 0 done, 1 failed, 2 bad input, 3 not found, 4 model missing,
    5 not allowed, 6 conflict or exists already, 70 internal error, 130 interrupted.
    """
    from workbench.cli.common import State

    ctx.obj = State({"home": home, "database": database}, config_file)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    quiet_environment()
    from workbench.errors import WorkbenchError
    from workbench.logs import configure_logging

    configure_logging(os.environ.get("WORKBENCH_LOG_LEVEL", "WARNING"))

    try:
        code = cli.main(args=argv, prog_name="workbench", standalone_mode=False)
    except WorkbenchError as exc:
        from workbench.cli.common import visible

        click.echo(f"error: {visible(str(exc))}", err=True)  # a file name may hold escapes
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("Interrupted; nothing half-written was kept.", err=True)
        code = 130
    except Exception as exc:  # a bug: keep the traceback for a report, show one line
        from workbench.cli.common import write_crash_log

        log = write_crash_log(exc)
        click.echo(
            f"error: an internal error occurred ({type(exc).__name__}). "
            f"Details are in {log}; please report it.",
            err=True,
        )
        code = 70
    sys.exit(code or 0)
