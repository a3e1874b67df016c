"""Reviewer accounts: name, role and password hash (hashing lives in workbench.accounts)."""

from __future__ import annotations

import sqlite3

from workbench.errors import Conflict, InputError, NotFound
from workbench.records import ROLES, User
from workbench.store.db import Database, now, number


def add_user(db: Database, name: str, role: str, password_hash: str) -> User:
    if role not in ROLES:
        raise InputError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")

    def work(conn: sqlite3.Connection) -> None:
        if conn.execute("SELECT 1 FROM user WHERE name = ?", (name,)).fetchone():
            raise Conflict(f"A user named {name!r} exists already; pick another name.")
        conn.execute(
            "INSERT INTO user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            (name, role, password_hash, now()),
        )

    db.write(work)
    return get_user(db, name)


def get_user(db: Database, name: str) -> User:
    row = db.connection().execute("SELECT * FROM user WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFound(f"There is no user {name!r}; `workbench users add NAME` creates one.")
    return User(row["name"], row["role"], row["id"], row["created_at"])


def password_hash(db: Database, name: str) -> str:
    row = db.connection().execute("SELECT password_hash FROM user WHERE name = ?", (name,))
    found = row.fetchone()
    return found["password_hash"] if found else ""


def set_password_hash(db: Database, name: str, new_hash: str) -> None:
    get_user(db, name)
    db.write(
        lambda c: c.execute("UPDATE user SET password_hash = ? WHERE name = ?", (new_hash, name))
    )


def set_role(db: Database, name: str, role: str) -> User:
    """Give `name` another role; the last admin keeps theirs (someone must be able to)."""
    if role not in ROLES:
        raise InputError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")

    def work(conn: sqlite3.Connection) -> None:
        _refuse_last_admin(conn, name, "lose the admin role")
        conn.execute("UPDATE user SET role = ? WHERE name = ?", (role, name))

    get_user(db, name)
    db.write(work)
    return get_user(db, name)


def remove_user(db: Database, name: str) -> None:
    """Remove an account. What the user did stays: review events name them, as written."""

    def work(conn: sqlite3.Connection) -> None:
        _refuse_last_admin(conn, name, "be removed")
        conn.execute("DELETE FROM user WHERE name = ?", (name,))

    get_user(db, name)
    db.write(work)


def _refuse_last_admin(conn: sqlite3.Connection, name: str, what: str) -> None:
    row = conn.execute("SELECT role FROM user WHERE name = ?", (name,)).fetchone()
    admins = conn.execute("SELECT count(*) FROM user WHERE role = 'admin'").fetchone()[0]
    if row is not None and row["role"] == "admin" and admins == 1:
        raise Conflict(
            f"{name} is the only admin and cannot {what}; make another user admin first "
            "(`workbench users role OTHER admin`)."
        )


def list_users(db: Database) -> list[User]:
    rows = db.connection().execute("SELECT * FROM user ORDER BY name")
    return [User(r["name"], r["role"], r["id"], r["created_at"]) for r in rows]


def count_users(db: Database) -> int:
    return number(db.connection(), "SELECT count(*) FROM user")
