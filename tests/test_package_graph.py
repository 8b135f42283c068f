"""Dependencies between pactlog's packages point one way: a scan of every import (module-level
and inside functions) finds no cycle, and docs/architecture.md shows the graph as it is."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pactlog"
#: The modules that assemble the project from every app: nothing below imports them.
ASSEMBLY = {"settings", "querysettings", "urls", "wsgi", "asgi", "__main__"}

Graph = dict[str, set[str]]


def package_of(module: str) -> str | None:
    """`pactlog.site.views` -> `site`; None for modules outside pactlog."""
    parts = module.split(".")
    if parts[0] != "pactlog" or len(parts) < 2:
        return None
    return parts[1]


def imported(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def package_graph(root: Path = PACKAGE) -> Graph:
    """Package -> the packages its product code imports (tests and migrations left out)."""
    graph: Graph = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        source = parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")
        targets = graph.setdefault(source, set())
        for module in imported(ast.parse(path.read_text(), str(path))):
            target = package_of(module)
            if target is None or target == source:
                continue
            if (root / target).is_dir() or target in ASSEMBLY:
                targets.add(target)
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one package (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_cycle_finder_finds_a_cycle_and_only_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []
    assert cycles({"x": {"y"}, "y": {"x"}, "z": {"z"}}) == [["x", "y"]]


def test_the_scan_sees_imports_inside_functions(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.py").write_text("def f():\n    from pactlog.two import b\n")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "b.py").write_text("import pactlog.one.a\n")
    graph = package_graph(tmp_path)
    assert graph == {"one": {"two"}, "two": {"one"}}
    assert cycles(graph) == [["one", "two"]]


def test_no_cycle_between_pactlog_packages():
    graph = package_graph()
    assert {"registry", "web", "site", "api", "log", "tlog"} <= set(graph)
    assert cycles(graph) == []


def test_tlog_imports_nothing_of_pactlog_and_registry_nothing_above_it():
    graph = package_graph()
    assert graph["tlog"] == set()
    assert graph["verifier"] <= {"tlog"}  # the stand-alone wheel ships these two alone
    assert graph["registry"] <= {"tlog", "verifier"}


def documented_edges() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = text.split("<!-- package graph -->", 2)[1]
    edges = set()
    for line in block.splitlines():
        found = re.fullmatch(r"\s*(\w+)\s+->\s+(.*)", line)
        if found:
            edges |= {(found.group(1), t.strip()) for t in found.group(2).split(",") if t.strip()}
    return edges


def test_the_architecture_doc_shows_the_graph_as_it_is():
    graph = package_graph()
    actual = {(source, target) for source, targets in graph.items() for target in targets}
    assert documented_edges() == actual
