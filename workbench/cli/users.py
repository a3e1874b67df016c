"""Commands for reviewer accounts."""

from __future__ import annotations

import click

from workbench.cli.common import State, echo_json, echo_table, pass_state, say
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
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
@pass_state
def users_list(state: State, as_json: bool) -> None:
    """Show the accounts and their roles."""
    from workbench.store.users import list_users

    found = list_users(state.db)
    if as_json:
        echo_json([{"user": u.name, "role": u.role, "created": u.created_at} for u in found])
        return
    echo_table([(u.name, u.role, u.created_at[:19]) for u in found], ("user", "role", "created"))


@users.command("passwd")
@click.argument("name")
@click.option(
    "--password",
    prompt="New password",
    hide_input=True,
    confirmation_prompt=True,
    envvar="WORKBENCH_NEW_PASSWORD",
    help="Asked for when not given.",
)
@pass_state
def users_passwd(state: State, name: str, password: str) -> None:
    """Set a new password for NAME."""
    from workbench.accounts import change_password

    user = change_password(state.db, name, password)
    say(f"Changed the password of {user.name}.")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@pass_state
def users_role(state: State, name: str, role: str) -> None:
    """Give NAME the ROLE viewer, reviewer or admin (the last admin stays admin)."""
    from workbench.store.users import set_role

    user = set_role(state.db, name, role)
    say(f"{user.name} is now a {user.role}.")


@users.command("remove")
@click.argument("name")
@click.confirmation_option(prompt="Remove this account? What it did stays in the history.")
@pass_state
def users_remove(state: State, name: str) -> None:
    """Remove the account NAME; the review events it made keep its name."""
    from workbench.store.users import remove_user

    remove_user(state.db, name)
    say(f"Removed {name}.")
