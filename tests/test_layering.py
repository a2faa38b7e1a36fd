"""The package's shape, read from the source: readers sit below the segmenter and the template, the floor
modules (grammar, vocabulary) import nothing above them, and no module outgrows one stage."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "extractor"


def _imported(path: Path, source: str | None = None) -> set[str]:
    """The package modules a file imports, as dotted names under extractor (readers.pdf → 'readers.pdf')."""
    inside = path.relative_to(PACKAGE).with_suffix("").parts[:-1]  # the file's own package, below extractor
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if source is None else source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = inside[: len(inside) - node.level + 1]
                module = ".".join((*base, node.module) if node.module else base)
                found |= {f"{module}.{alias.name}".strip(".") for alias in node.names} | {module}
            elif node.module and node.module.startswith("extractor"):
                found.add(node.module.removeprefix("extractor").lstrip("."))
        elif isinstance(node, ast.Import):
            found |= {alias.name.removeprefix("extractor").lstrip(".") for alias in node.names if alias.name.startswith("extractor")}
    return found


def _reaches(imported: set[str], package: str) -> set[str]:
    return {name for name in imported if name == package or name.startswith(package + ".")}


READERS = sorted((PACKAGE / "readers").glob("*.py"))


@pytest.mark.parametrize("path", READERS, ids=[p.name for p in READERS])
def test_no_reader_imports_the_segmenter_or_the_template(path):
    imported = _imported(path)
    assert not _reaches(imported, "template") | _reaches(imported, "segment"), path.name


@pytest.mark.parametrize("name", ["grammar", "vocabulary"])
def test_floor_modules_import_only_the_floor_below_them(name):
    allowed = {"grammar"} if name == "vocabulary" else set()
    assert {module.split(".")[0] for module in _imported(PACKAGE / f"{name}.py")} <= allowed


def test_the_scan_sees_a_relative_import_of_the_template():
    """The scan itself: the import readers/pdf.py once made, inside a function, is found; a floor import is not."""
    source = "def f():\n    from ..template.labels import vocabulary\n    from ..model import Cell\n"
    imported = _imported(PACKAGE / "readers" / "pdf.py", source)
    assert _reaches(imported, "template") == {"template.labels", "template.labels.vocabulary"}
    assert _reaches(imported, "model") == {"model", "model.Cell"}


MAX_MODULE_LINES = 400


def test_no_module_is_over_400_lines():
    """A module holds one stage or one part of it: past this size it is split, not grown."""
    sizes = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert len(sizes) > 50 and not {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}
