"""The theme definitions that a themes model holds, as data for people (``clausekit themes list|show``).

A themes model built from definition files carries their compiled form in its ``scorer.json``;
these functions read it back through the registry (card and hashes checked) and give each
theme's name, label, description, threshold, concepts and vetoes, with terms as written in the
compiled form (folded: lower case, no accents).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clausekit.errors import ClausekitError


def _term(places: list[list[list[str]]]) -> str:
    def alt(a: list[str]) -> str:
        kind, value = a
        return {"w": value, "p": value + "*", "n": "@number"}.get(kind, f"@year<{value}")

    return " ".join("|".join(alt(a) for a in place) for place in places)


def theme_definitions(model_dir: str | Path | None = None, version: str | None = None) -> dict[str, Any]:
    """``{"model": "themes VERSION", "themes": [definition, ...]}`` of the newest (or given) themes model."""
    from clausekit.models.registry import find_model, load_scorer

    scorer = load_scorer("themes", version, model_dir, trust=True)
    folder = find_model("themes", version, model_dir)
    specs = scorer.spec.get("definitions") if hasattr(scorer, "spec") else None
    if not specs:
        raise ClausekitError(f"themes model {folder.name} holds no theme definitions (it predates them); use themes 2.0.0 or later")
    themes = []
    for s in specs:
        themes.append({
            "name": s["name"], "label": s.get("label", s["name"]), "description": s.get("description", ""),
            "threshold": s.get("threshold", 0.5),
            "concepts": [{"name": c["name"], "weight": c["weight"], "window": c["window"],
                          "all": [[_term(t) for t in slot] for slot in c["all"]],
                          "unless": [_term(t) for t in c["unless"]], "unless_window": c["unless_window"],
                          "min_year": c.get("min_year"), "unknown_year_weight": c.get("unknown_year_weight"),
                          "backref": c["backref"]} for c in s["concepts"]],
            "vetoes": [{"name": v["name"], "terms": [_term(t) for t in v["terms"]], "blocks": v["blocks"]} for v in s["vetoes"]],
        })
    return {"model": f"themes {folder.name}", "themes": themes}


def theme_definition(name: str, model_dir: str | Path | None = None, version: str | None = None) -> dict[str, Any]:
    """One theme of :func:`theme_definitions`; a one-line error naming the known themes when absent."""
    found = theme_definitions(model_dir, version)
    for d in found["themes"]:
        if d["name"] == name:
            return {**d, "model": found["model"]}
    known = ", ".join(d["name"] for d in found["themes"])
    raise ClausekitError(f"no theme {name!r} in {found['model']} (themes: {known})")


def format_definition(d: dict[str, Any]) -> str:
    """A theme definition as plain text."""
    lines = [f"{d['name']} — {d['label']} ({d.get('model', '')}, threshold {d['threshold']:.2f})", "", d["description"], "", "concepts:"]
    for c in d["concepts"]:
        flags = []
        if c["backref"]:
            flags.append("back-reference: counts only in context")
        if c["min_year"]:
            flags.append(f"year >= {c['min_year']} (unknown year: weight {c['unknown_year_weight']})")
        lines.append(f"  - {c['name']} (weight {c['weight']}" + (f", window {c['window']}" if len(c["all"]) > 1 else "") + ")"
                     + (f" [{'; '.join(flags)}]" if flags else ""))
        for k, slot in enumerate(c["all"], 1):
            lines.append(f"      {'all of' if len(c['all']) > 1 else 'any of'}{f' ({k})' if len(c['all']) > 1 else ''}: {', '.join(slot)}")
        if c["unless"]:
            lines.append(f"      unless within {c['unless_window']} words: {', '.join(c['unless'])}")
    if d["vetoes"]:
        lines.append("vetoes (anywhere in the clause, remove the concepts they block):")
        for v in d["vetoes"]:
            lines.append(f"  - {v['name']}: {', '.join(v['terms'])}")
            lines.append(f"      blocks: {', '.join(v['blocks'])}")
    return "\n".join(lines) + "\n"
