"""The options a step accepts in its table of a job spec, each checked with a clear message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError, JobSpecError, LanguageError
from workbench.text.encoding import refuse_surrogates
from workbench.text.languages import LANGUAGES, canonical


@dataclass(frozen=True)
class Option:
    """One field of a step's table: its kind, its default (None: required) and what it means.

    Kinds: "text", "int", "number" (an int or a float), "bool", "choice" (one of `choices`),
    "texts" (a list, each one of `choices` when given), "lang", "langs" (a list of language
    codes) and "pairs" (a list of two-language lists).
    """

    kind: str
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    required: bool = False
    maximum: float | None = None


def check_options(where: str, given: Any, schema: dict[str, Option]) -> dict[str, Any]:
    """The table's values, checked and completed with defaults; `where` prefixes messages."""
    if not isinstance(given, dict):
        raise JobSpecError(f"{where} must be a table of options, not {_shown(given)}.")
    unknown = sorted(set(given) - set(schema))
    if unknown:
        valid = ", ".join(sorted(schema)) or "none"
        raise JobSpecError(
            f"{where} has no option {', '.join(map(repr, unknown))}; valid options: {valid}."
        )
    values = {}
    for name, option in schema.items():
        if name not in given:
            if option.required:
                raise JobSpecError(f"{where} needs {name!r}: {option.help}.")
            values[name] = option.default
            continue
        values[name] = _check(f"{where} {name}", given[name], option)
    return values


def _check(where: str, value: Any, option: Option) -> Any:
    if value == [] and option.default == []:  # an optional list left empty: "none"
        return []
    checker: Callable[[str, Any, Option], Any] = _CHECKERS[option.kind]
    return checker(where, value, option)


def _text(where: str, value: Any, option: Option) -> str:
    if not isinstance(value, str):
        raise JobSpecError(f"{where}: expected text, got {_shown(value)}.")
    return _unicode(where, value)


def _unicode(where: str, value: str) -> str:
    """JSON can write "\\ud800", half a character that no store or file can hold."""

    try:
        return refuse_surrogates(value, where)
    except InputError as exc:
        raise JobSpecError(str(exc)) from None


def _int(where: str, value: Any, option: Option) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise JobSpecError(f"{where}: expected a whole number, got {_shown(value)}.")
    if option.minimum is not None and value < option.minimum:
        raise JobSpecError(f"{where}: must be at least {option.minimum}, got {value}.")
    if option.maximum is not None and value > option.maximum:
        raise JobSpecError(f"{where}: must be at most {option.maximum}, got {value}.")
    return value


def _number(where: str, value: Any, option: Option) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise JobSpecError(f"{where}: expected a number, got {_shown(value)}.")
    if option.minimum is not None and value < option.minimum:
        raise JobSpecError(f"{where}: must be at least {option.minimum:g}, got {value}.")
    if option.maximum is not None and value > option.maximum:
        raise JobSpecError(f"{where}: must be at most {option.maximum:g}, got {value}.")
    return float(value)


def _bool(where: str, value: Any, option: Option) -> bool:
    if not isinstance(value, bool):
        raise JobSpecError(f"{where}: expected true or false, got {_shown(value)}.")
    return value


def _choice(where: str, value: Any, option: Option) -> str:
    if value not in option.choices:
        raise JobSpecError(
            f"{where}: expected one of {', '.join(option.choices)}, got {_shown(value)}."
        )
    return value


def _texts(where: str, value: Any, option: Option) -> list[str]:
    items = _list(where, value, "texts")
    for item in items:
        if not isinstance(item, str):
            raise JobSpecError(f"{where}: expected a list of texts, got {_shown(item)} in it.")
        _unicode(where, item)
        if option.choices and item not in option.choices:
            raise JobSpecError(f"{where}: {item!r} is not one of {', '.join(option.choices)}.")
    return list(dict.fromkeys(items))


def _lang(where: str, value: Any, option: Option) -> str:

    if not isinstance(value, str):
        raise JobSpecError(f"{where}: expected a language code, got {_shown(value)}.")
    try:
        return canonical(value)
    except LanguageError:
        raise JobSpecError(
            f"{where}: {value!r} is not a language the workbench knows; "
            f"use one of {', '.join(LANGUAGES)}."
        ) from None


def _langs(where: str, value: Any, option: Option) -> list[str]:
    codes = [_lang(where, item, option) for item in _list(where, value, "language codes")]
    return list(dict.fromkeys(codes))


def _pairs(where: str, value: Any, option: Option) -> list[list[str]]:
    pairs = []
    for item in _list(where, value, 'pairs such as ["en", "ar"]'):
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise JobSpecError(
                f'{where}: each pair is a list of two language codes such as ["en", "ar"], '
                f"got {_shown(item)}."
            )
        pair = [_lang(where, code, option) for code in item]
        if pair[0] == pair[1]:
            raise JobSpecError(f"{where}: the pair {item!r} names one language twice.")
        pairs.append(pair)
    return pairs


def _list(where: str, value: Any, what: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise JobSpecError(f"{where}: expected a list of {what}, got {_shown(value)}.")
    if not value:
        raise JobSpecError(f"{where}: the list is empty; give at least one.")
    return value


def _shown(value: Any) -> str:
    kind = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


_CHECKERS: dict[str, Callable[[str, Any, Option], Any]] = {
    "text": _text,
    "int": _int,
    "number": _number,
    "bool": _bool,
    "choice": _choice,
    "texts": _texts,
    "lang": _lang,
    "langs": _langs,
    "pairs": _pairs,
}
