"""Commands for reviewer accounts."""

from __future__ import annotations

import click

from workbench.cli.common import State, echo_table, pass_state, say
from workbench.records import ROLES


@click.group()
def users() -> None:
    """Manage reviewer accounts (needed to serve the UI beyond this machine)."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="reviewer",
    show_default=True,
    help="viewer: look only; reviewer: review; admin: everything.",
)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="WORKBENCH_NEW_PASSWORD",
    help="Asked for when not given.",
)
@pass_state
def users_add(state: State, name: str, role: str, password: str) -> None:
    """Add an account NAME."""
    from workbench.accounts import create_user

    user = create_user(state.db, name, password, role)
    say(f"Added {user.name} ({user.role}).")


@users.command("list")
@pass_state
def users_list(state: State) -> None:
    """Show the accounts and their roles."""
    from workbench.store.users import list_users

    echo_table(
        [(u.name, u.role, u.created_at[:19]) for u in list_users(state.db)],
        ("user", "role", "created"),
    )
