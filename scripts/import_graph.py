"""The package's import graph: modules, their lines, layer violations, import circles, the longest path.

Usage:
    python scripts/import_graph.py            # a table of modules and lines, then the checks
    python scripts/import_graph.py --dot      # the graph in Graphviz's dot language

Every ``import clausekit...`` and ``from clausekit... import ...`` counts, at module level or
inside a function (a lazy import is still a dependency). ``clausekit/__init__.py``, the public
facade, may import anything and is left out. ``tests/test_architecture.py`` runs the checks.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "clausekit"

#: Highest first: a module may import its own layer's modules and those of lower layers only.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli", "__main__"),
    ("training",),
    ("outputs",),
    ("tagging",),
    ("models",),
    ("lemmas", "references"),
    ("segmentation",),
    ("text",),
    ("read",),
    ("types", "errors", "atomic"),
)


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The clausekit modules ``path`` imports (``from clausekit.x import y`` counts ``clausekit.x.y`` when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name and t != "clausekit":
                out.add(t)
    return out


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the clausekit modules it imports; the package facade ``clausekit`` is left out."""
    mods = modules(package)
    known = set(mods)
    return {m: _imports(p, m, known) for m, p in mods.items() if m != "clausekit"}


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise KeyError(f"{module}: no layer; add its subpackage to LAYERS in scripts/import_graph.py")


def violations(g: dict[str, set[str]]) -> list[str]:
    """Imports that point up the layers (``a -> b`` where b's layer is above a's)."""
    return sorted(
        f"{a} -> {b}"
        for a, deps in g.items()
        for b in deps
        if b in g and layer(b) < layer(a)
    )


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in g:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return sorted(out)


def longest_path(g: dict[str, set[str]]) -> list[str]:
    """The longest chain of imports (the graph must have no circle)."""
    memo: dict[str, list[str]] = {}

    def down(v: str) -> list[str]:
        if v not in memo:
            best: list[str] = []
            for w in sorted(g.get(v, ())):
                if w in g:
                    p = down(w)
                    if len(p) > len(best):
                        best = p
            memo[v] = [v, *best]
        return memo[v]

    return max((down(v) for v in sorted(g)), key=len, default=[])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dot", action="store_true", help="print the graph in dot")
    args = parser.parse_args(argv)
    g = graph()
    if args.dot:
        print("digraph clausekit {")
        for a in sorted(g):
            for b in sorted(g[a]):
                print(f'  "{a}" -> "{b}";')
        print("}")
        return 0
    mods = modules()
    for p in mods.values():
        print(f"{len(p.read_text(encoding='utf-8').splitlines()):5d}  {p.relative_to(ROOT)}")
    bad, circles = violations(g), cycles(g)
    print(f"\n{len(g)} modules, {sum(map(len, g.values()))} imports")
    print("layer violations:", *(bad or ["none"]), sep="\n  ")
    print("import circles:", *([" <-> ".join(c) for c in circles] or ["none"]), sep="\n  ")
    if not circles:
        path = longest_path(g)
        print(f"longest import path ({len(path)} modules):\n  " + " -> ".join(path))
    return 1 if bad or circles else 0


if __name__ == "__main__":
    raise SystemExit(main())
