"""Reviewer accounts: Argon2 password hashes (argon2-cffi) and role checks."""

from __future__ import annotations

import functools
import re

from workbench.errors import InputError, PermissionDenied
from workbench.records import User
from workbench.store import users
from workbench.store.db import Database

NAME_PATTERN = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8
CAN_WRITE = ("reviewer", "admin")


def create_user(db: Database, name: str, password: str, role: str = "reviewer") -> User:
    """Add an account. Names are letters, digits and . _ @ - (so they are safe everywhere)."""
    if not NAME_PATTERN.match(name):
        raise InputError(
            f"{name!r} cannot be a user name: use 1-64 letters, digits, '.', '_', '@' or '-'."
        )
    if len(password) < MIN_PASSWORD:
        raise InputError(f"The password must have at least {MIN_PASSWORD} characters.")
    return users.add_user(db, name, role, _hasher().hash(password))


def change_password(db: Database, name: str, password: str) -> User:
    """Give an account a new password (the old one stops working at once)."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"The password must have at least {MIN_PASSWORD} characters.")
    users.set_password_hash(db, name, _hasher().hash(password))
    return users.get_user(db, name)


def verify(db: Database, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same answer for unknown names)."""
    from argon2.exceptions import InvalidHashError, VerifyMismatchError

    stored = users.password_hash(db, name) if NAME_PATTERN.match(name) else ""
    try:
        _hasher().verify(stored or _dummy_hash(), password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    return users.get_user(db, name) if stored else None


def require_writer(user: User) -> None:
    """Refuse a change by someone whose role only lets them look."""
    if user.role not in CAN_WRITE:
        raise PermissionDenied(
            f"{user.name} is a {user.role} and cannot change anything; an admin can give "
            f"the reviewer role: `workbench users role {user.name} reviewer`."
        )


@functools.cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Unknown names are checked against this, so they take as long as known ones."""
    return _hasher().hash("no such user")
