"""`workbench serve`: the review UI in the browser."""

from __future__ import annotations

import contextlib

import click

from workbench.cli.common import State, pass_state


@click.command()
@click.option("--host", help="Address to listen on (default 127.0.0.1; others need accounts).")
@click.option("--port", type=int, help="Port to listen on (default 7860, WORKBENCH_PORT).")
@click.option(
    "--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
    help="A host name the UI answers to besides the address it listens on (repeatable; "
    "default: allowed_hosts in workbench.toml, WORKBENCH_ALLOWED_HOSTS). Other names get 421.",
)  # fmt: skip
@pass_state
def serve(state: State, host: str | None, port: int | None, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the review UI. Without accounts it listens on this machine only."""
    state.override(host=host, port=port, allowed_hosts=allowed_hosts or None)
    run_ui(state)


def run_ui(state: State) -> None:
    """Serve until Ctrl+C, printing the URL once it answers."""
    from workbench.store.users import count_users
    from workbench.ui.server import serve as serve_ui

    settings = state.settings
    accounts = count_users(state.db)

    def ready(url: str) -> None:
        login = "log in with your account" if accounts else "no login (this machine only)"
        click.echo(f"Review UI: {url}  ({login}; Ctrl+C stops it)")

    # uvicorn stops cleanly on Ctrl+C, then passes it on: nothing is left to clean up here.
    with contextlib.suppress(KeyboardInterrupt):
        serve_ui(settings, state.db, settings.host, settings.port, on_ready=ready)
    click.echo("Stopped the review UI.")
