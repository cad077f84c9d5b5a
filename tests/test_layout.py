"""The shape of the code, kept by tests: no import cycle between the project's modules,
web processes that never load the PDF renderer, modules of a readable size."""

import ast
import subprocess
import sys
from pathlib import Path

from tests import keys

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "cyberaide", "evidence", "guidance")
MAX_LINES = 400


def project_modules():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def module_level_imports(path, known):
    """The project modules ``path`` imports when it is imported (imports inside functions
    are deliberate: they run later, and are how the renderer stays out of web workers)."""
    tree = ast.parse(path.read_text())
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in known}


def find_cycle(graph):
    visiting, done = set(), set()

    def visit(node, path):
        visiting.add(node)
        for target in sorted(graph[node]):
            if target in visiting:
                return [*path, node, target]
            if target not in done:
                cycle = visit(target, [*path, node])
                if cycle:
                    return cycle
        visiting.discard(node)
        done.add(node)
        return None

    for node in sorted(graph):
        if node not in done:
            cycle = visit(node, [])
            if cycle:
                return cycle
    return None


def test_no_import_cycle_between_the_projects_modules():
    modules = dict(project_modules())
    graph = {
        name: module_level_imports(path, modules)
        - {name}
        # A package's __init__ importing its own modules is how it re-exports them.
        - {other for other in modules if other.startswith(name + ".")}
        for name, path in modules.items()
    }
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_a_web_process_never_imports_the_pdf_renderer():
    """Every URL resolved and every view module imported, as a gunicorn worker does:
    WeasyPrint (25 MiB) and pypdf stay out; only the task and the commands that render
    load them."""
    script = (
        "import sys, django\n"
        "django.setup()\n"
        "from django.urls import get_resolver\n"
        "import cyberaide.wsgi\n"
        "def walk(patterns):\n"
        "    for pattern in patterns:\n"
        "        walk(getattr(pattern, 'url_patterns', []))\n"
        "walk(get_resolver().url_patterns)\n"
        "from django.template.loader import get_template\n"
        "get_template('evidence/letter/preview.html')\n"
        "renderer = ('weasyprint', 'pypdf', 'evidence.pdf.render')\n"
        "print(sorted(name for name in renderer if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "cyberaide.settings",
            "PATH": "/usr/bin:/bin",
            "CYBERAIDE_STORAGE_KEY": keys.CURRENT,
        },
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_no_module_is_over_400_lines_without_saying_why():
    too_long = []
    for name, path in project_modules():
        source = path.read_text()
        if source.count("\n") > MAX_LINES and "lines" not in (
            ast.get_docstring(ast.parse(source)) or ""
        ):
            too_long.append(name)
    assert not too_long
