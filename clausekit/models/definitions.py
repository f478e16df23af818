"""Theme definitions as data: read, check and compile the TOML files of ``clausekit/models/themes/``.

One file per theme (``covid19.toml``, ``south_south.toml``, ``coercive_measures.toml``; a user's
own file has the same form). :func:`load_definition` reads and checks one file and returns a
plain dict; :func:`compile_definition` turns it into the JSON spec that
:class:`clausekit.models.matcher.ThemeMatcher` scores with (terms split into folded words,
literal prefilters). Every problem is one line naming the file and the field
(:class:`~clausekit.errors.InputError`).

>>> [d["name"] for d in builtin_definitions()]
['covid19', 'south_south', 'coercive_measures']
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, NoReturn

from clausekit.errors import InputError
from clausekit.models.matcher import words

THEMES_DIR = Path(__file__).resolve().parent / "themes"
#: The built-in themes, in the order of the shipped model's columns.
BUILTIN = ("covid19", "south_south", "coercive_measures")
NAME = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_SPECIAL = re.compile(r"^@(?:number|year<(\d{4}))$")
_CONCEPT_KEYS = {"name", "all", "any", "window", "weight", "unless", "unless_window", "min_year",
                 "unknown_year_weight", "backref", "note"}
_VETO_KEYS = {"name", "terms", "blocks", "note"}
_TOP_KEYS = {"name", "label", "description", "threshold", "concept", "veto"}


def builtin_paths() -> list[Path]:
    return [THEMES_DIR / f"{name}.toml" for name in BUILTIN]


def builtin_definitions() -> list[dict[str, Any]]:
    """The three built-in theme definitions, checked, in :data:`BUILTIN` order."""
    return [load_definition(p) for p in builtin_paths()]


def load_definition(path: str | Path) -> dict[str, Any]:
    """Read and check one theme definition file; returns its content as a dict (``source`` added)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("theme definition file not found", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; save the definition as UTF-8", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML ({exc})", source=str(path)) from None
    check_definition(data, str(path))
    data["source"] = str(path)
    return data


def _fail(source: str, message: str) -> NoReturn:
    raise InputError(message, source=source)


def _strings(value: Any, source: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(source, f"{where} must be a non-empty list of terms (strings)")
    return value


def _number(value: Any, source: str, where: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        _fail(source, f"{where} must be a number from {lo} to {hi}, not {value!r}")
    return float(value)


def check_definition(data: dict[str, Any], source: str) -> None:
    """Raise :class:`InputError` (one line naming ``source`` and the field) when ``data`` is not a valid definition."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        _fail(source, f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_TOP_KEYS))}")
    name = data.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        _fail(source, "'name' must be a theme name of lower-case letters, digits and '_' (e.g. name = \"climate\")")
    if "threshold" in data:
        _number(data["threshold"], source, "'threshold'", 0.01, 0.99)
    concepts = data.get("concept")
    if not isinstance(concepts, list) or not concepts:
        _fail(source, "no [[concept]]; a theme needs at least one concept with `any = [...]` or `all = [[...], [...]]`")
    names = set()
    for k, c in enumerate(concepts, 1):
        where = f"concept {k}"
        if not isinstance(c, dict):
            _fail(source, f"{where} must be a table ([[concept]])")
        bad = set(c) - _CONCEPT_KEYS
        if bad:
            _fail(source, f"{where}: unknown key(s) {', '.join(sorted(bad))}; allowed: {', '.join(sorted(_CONCEPT_KEYS))}")
        cname = c.get("name", f"concept {k}")
        if not isinstance(cname, str) or cname in names:
            _fail(source, f"{where}: 'name' must be a string, unique within the theme")
        names.add(cname)
        if ("all" in c) == ("any" in c):
            _fail(source, f"{where} ({cname}): give exactly one of `any = [terms]` or `all = [[terms], [terms], ...]`")
        if "all" in c:
            if not isinstance(c["all"], list) or not c["all"]:
                _fail(source, f"{where} ({cname}): `all` must be a list of lists of terms")
            for slot in c["all"]:
                _strings(slot, source, f"{where} ({cname}): each slot of `all`")
        else:
            _strings(c["any"], source, f"{where} ({cname}): `any`")
        _number(c.get("weight", 0.9), source, f"{where} ({cname}): 'weight'", 0.01, 0.999)
        _number(c.get("window", 6), source, f"{where} ({cname}): 'window'", 0, 60)
        _number(c.get("unless_window", 4), source, f"{where} ({cname}): 'unless_window'", 0, 60)
        _number(c.get("unknown_year_weight", 0.5), source, f"{where} ({cname}): 'unknown_year_weight'", 0.0, 0.999)
        if "unless" in c:
            _strings(c["unless"], source, f"{where} ({cname}): `unless`")
        if "min_year" in c:
            _number(c["min_year"], source, f"{where} ({cname}): 'min_year'", 1000, 2999)
        if not isinstance(c.get("backref", False), bool):
            _fail(source, f"{where} ({cname}): 'backref' must be true or false")
    vetoes = data.get("veto", [])
    if not isinstance(vetoes, list):
        _fail(source, "'veto' must be a list of tables ([[veto]])")
    for k, v in enumerate(vetoes, 1):
        where = f"veto {k}"
        if not isinstance(v, dict):
            _fail(source, f"{where} must be a table ([[veto]])")
        bad = set(v) - _VETO_KEYS
        if bad:
            _fail(source, f"{where}: unknown key(s) {', '.join(sorted(bad))}; allowed: {', '.join(sorted(_VETO_KEYS))}")
        _strings(v.get("terms"), source, f"{where}: `terms`")
        blocks = _strings(v.get("blocks"), source, f"{where}: `blocks` (concept names)")
        missing = [b for b in blocks if b not in names]
        if missing:
            _fail(source, f"{where}: `blocks` names no concept called {', '.join(repr(m) for m in missing)}")
    for c in concepts:
        for term in _terms_of(c):
            _compile_term(term, source)


def _terms_of(concept: dict[str, Any]) -> list[str]:
    slots = concept["all"] if "all" in concept else [concept["any"]]
    return [t for slot in slots for t in ([slot] if isinstance(slot, str) else slot)] + list(concept.get("unless", []))


def _compile_term(term: str, source: str) -> list[list[list[str]]]:
    """A term as places, each a list of alternatives ``[kind, value]`` (kind: w word, p prefix, n number, y year below)."""
    places: list[list[list[str]]] = []
    for word in term.split():
        special = _SPECIAL.match(word)
        if special:
            places.append([["y", special.group(1)] if special.group(1) else ["n", ""]])
            continue
        alts = word.split("|")
        if len(alts) > 1:
            place = []
            for alt in alts:
                prefix = alt.endswith("*")
                ws = words(alt.rstrip("*"))
                if len(ws) != 1:
                    _fail(source, f"term {term!r}: each alternative of {word!r} must be one word")
                place.append(["p" if prefix else "w", ws[0]])
            places.append(place)
            continue
        prefix = word.endswith("*")
        ws = words(word.rstrip("*"))
        if not ws:
            _fail(source, f"term {term!r}: {word!r} has no letters or digits")
        for i, w in enumerate(ws):
            places.append([["p" if prefix and i == len(ws) - 1 else "w", w]])
    if not places:
        _fail(source, f"empty term {term!r}")
    return places


def _literal(place: list[list[str]]) -> tuple[int, list[str]]:
    """How selective a place is as a prefilter (its shortest word; 0 for numbers) and its literals.

    A literal is a regular expression of the folded word at a word start: a prefix (``mesure``)
    or a whole word (``loi`` followed by no letter), so "emploi" never lets "loi" through.
    """
    if any(kind in ("n", "y") for kind, _ in place):
        return 0, []
    values = [re.escape(v) + ("" if kind == "p" else "(?![a-z0-9])") for kind, v in place]
    return min(len(v) for _, v in place) + (1 if all(k == "w" for k, _ in place) else 0), values


def compile_definition(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON spec of one checked definition, as :class:`~clausekit.models.matcher.ThemeMatcher` reads it."""
    source = data.get("source", data["name"])
    concepts = []
    literals: list[str] | None = []
    for k, c in enumerate(data["concept"], 1):
        slots = c["all"] if "all" in c else [c["any"]]
        compiled_slots = [[_compile_term(t, source) for t in ([slot] if isinstance(slot, str) else slot)] for slot in slots]
        concepts.append({
            "name": c.get("name", f"concept {k}"),
            "all": compiled_slots,
            "window": int(c.get("window", 6)),
            "weight": float(c.get("weight", 0.9)),
            "unless": [_compile_term(t, source) for t in c.get("unless", [])],
            "unless_window": int(c.get("unless_window", 4)),
            "min_year": int(c["min_year"]) if "min_year" in c else None,
            "unknown_year_weight": float(c.get("unknown_year_weight", 0.5)),
            "backref": bool(c.get("backref", False)),
        })
        # a clause can fire this concept only if it holds a literal of every slot: take the best slot
        best: tuple[int, list[str]] = (0, [])
        for slot in compiled_slots:
            found = [_literal(max(term, key=lambda p: _literal(p)[0])) for term in slot]
            shortest = min(n for n, _ in found)
            if shortest > best[0]:
                best = (shortest, [v for _, vs in found for v in vs])
        if literals is not None and best[0] >= 3:
            literals += best[1]
        else:
            literals = None
    vetoes = [{"name": v.get("name", f"veto {k}"), "terms": [_compile_term(t, source) for t in v["terms"]],
               "blocks": list(v["blocks"])} for k, v in enumerate(data.get("veto", []), 1)]
    return {
        "name": data["name"],
        "label": data.get("label", data["name"]),
        "description": " ".join(str(data.get("description", "")).split()),
        "threshold": float(data.get("threshold", 0.5)),
        "concepts": concepts,
        "vetoes": vetoes,
        "literals": sorted(set(literals)) if literals is not None else None,  # regex alternatives at a word start
    }
