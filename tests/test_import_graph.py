"""The packages rag/, api/ and bot/ import each other without cycles, and rag/ never imports
api/ or bot/. Every import counts: module level, inside functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("rag", "api", "bot")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the project modules it imports (resolved to the deepest module that exists)."""
    files = {module_name(p, root): p for pkg in PACKAGES for p in (root / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    deps.add(target)
                    break
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        return list(exc.args[1])
    return []


def test_the_project_has_no_import_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 40 and "rag.engine" in graph
    assert find_cycle(graph) == []


# The command line starts every channel (`troly serve`, `troly bot`): it alone may name them.
ENTRY_POINTS = {"rag.cli"}


def test_rag_does_not_import_api_or_bot() -> None:
    graph = import_graph()
    wrong = {
        (m, d)
        for m, deps in graph.items()
        if m.split(".")[0] == "rag" and m not in ENTRY_POINTS
        for d in deps
        if d.split(".")[0] != "rag"
    }
    assert wrong == set()


def test_the_checker_finds_a_cycle(tmp_path: Path) -> None:
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "api" / "a.py").write_text("from bot import b\n", encoding="utf-8")
    (tmp_path / "bot" / "b.py").write_text("def f():\n    from api.a import x\n", encoding="utf-8")
    graph = import_graph(tmp_path)
    assert graph["api.a"] == {"bot.b"}
    assert set(find_cycle(graph)) == {"api.a", "bot.b"}
