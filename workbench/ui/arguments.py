"""What an API client sent, checked against the endpoint's type hints before it runs.

`gradio_client` callers may send anything JSON can hold; an endpoint that expects a bead
number must not meet a list deep inside SQLite, or a mapping of texts a string. Each
argument is checked against its hint (whole numbers, numbers, texts, true/false, lists and
mappings of them, optional ones), and a mismatch is a clear InputError naming the argument.
Whole numbers must fit SQLite (below 2^63), and texts must be Unicode text: JSON's "\\ud800"
is a lone surrogate, half of a character, which nothing can store or show.
"""

from __future__ import annotations

import functools
import inspect
import json
import types
import typing
from collections.abc import Callable
from typing import Any

from workbench.errors import InputError
from workbench.records import MAX_ID
from workbench.text.encoding import refuse_surrogates

NOT_CHECKED = ("request",)  # filled in by Gradio, not by the client


def check_arguments(fn: Callable, args: tuple, kwargs: dict) -> None:
    """Raise InputError for the first argument that does not fit `fn`'s hint."""
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except TypeError as exc:
        raise InputError(f"{fn.__name__}: {exc}; see the API page for its arguments.") from None
    hints = _hints(fn)
    for name, value in bound.arguments.items():
        if name in NOT_CHECKED:
            continue
        _refuse_unstorable(name, value)
        hint = hints.get(name)
        if hint is None or _fits(value, hint):
            continue
        shown = json.dumps(value, ensure_ascii=True, default=str)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise InputError(f"{name} must be {_label(hint)}, not {shown}.")


def record_number(value: Any, what: str) -> int:
    """A record's number as a screen gives it (a number or its text): an InputError naming
    `what` unless it is a whole number an id can be."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{str(value)[:40]!r} is not a {what} number.") from None
    if not 0 <= number <= MAX_ID:
        raise InputError(f"There is no such {what}: {what} numbers go up to 2^63 - 1.")
    return number


def _refuse_unstorable(name: str, value: Any) -> None:
    """What JSON can say but no id or text can be: numbers of 2^63 and more, and texts
    holding half a character (a lone surrogate such as "\\ud800"). Looks inside lists and
    mappings, without recursion (JSON may nest deep)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_ID:
            raise InputError(
                f"{name} is a number of {item.bit_length()} bits; no id is that large (ids go "
                "up to 2^63 - 1)."
            )
        if isinstance(item, str):
            refuse_surrogates(item, name)
        if isinstance(item, list | tuple):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend([*item.keys(), *item.values()])


@functools.cache
def _hints(fn: Callable) -> dict[str, Any]:
    return typing.get_type_hints(fn)


def _fits(value: Any, hint: Any) -> bool:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint in (int, float):
        numbers = int if hint is int else (int, float)
        return isinstance(value, numbers) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if origin is list:
        return isinstance(value, list) and all(_fits(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _fits(k, args[0]) and _fits(v, args[1]) for k, v in value.items()
        )
    return True  # a hint this checker does not know is left to the endpoint


def _label(hint: Any) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_label(arg) for arg in args)
    if origin is list:
        return f"a list of {_label(args[0]).removeprefix('a ')}s"
    if origin is dict:
        return f"a mapping of {_label(args[0]).removeprefix('a ')} to {_label(args[1])}"
    return {
        type(None): "left out",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        str: "a text",
    }.get(hint, getattr(hint, "__name__", str(hint)))
