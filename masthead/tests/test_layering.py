"""Apps depend one way: a lower app never imports a higher one.

LAYERS is the order, bottom to top, written here and nowhere else. The checker reads every
module of each app with ast (every import, at the top of a module or inside a function), so an
upward import cannot hide behind a late import. Tests and migrations are exempt; relative
imports stay inside their app. An app in LAYERS that does not exist yet is skipped, and a
package that looks like an app (it has apps.py or models.py) but is not in LAYERS fails, so a
new app has to take its place in the order.
"""

import ast
from pathlib import Path
from typing import NamedTuple

LAYERS = (
    "pagecache",
    "core",
    "staff",
    "editorial",
    "payments",
    "articles",
    "authors",
    "picks",
    "newsfeed",
    "narration",
    "search",
    "newsletters",
    "mailing",
    "backups",
    "members",
    "ghost_import",
    "content_api",
    "webhooks",
    "demo",
    "masthead",
)

ROOT = Path(__file__).resolve().parents[2]
EXEMPT_DIRS = {"tests", "migrations", "__pycache__"}


class Import(NamedTuple):
    app: str
    imported: str
    path: str
    line: int


def app_modules(root: Path, app: str) -> list[Path]:
    """The app's own code: every .py file except those under tests/ and migrations/."""
    app_dir = root / app
    return sorted(
        path
        for path in app_dir.rglob("*.py")
        if not EXEMPT_DIRS.intersection(path.relative_to(app_dir).parts)
    )


def imports_of_other_apps(root: Path, layers: tuple[str, ...]) -> list[Import]:
    """Every import from one app of `layers` of another, wherever it sits in the module."""
    apps = [app for app in layers if (root / app).is_dir()]
    found = []
    for app in apps:
        for path in app_modules(root, app):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue  # a relative import stays inside its app
                for name in names:
                    top = name.partition(".")[0]
                    if top in apps and top != app:
                        relative = path.relative_to(root).as_posix()
                        found.append(Import(app, top, relative, node.lineno))
    return found


def upward_imports(root: Path, layers: tuple[str, ...]) -> list[str]:
    """'app -> higher_app (file:line)' for each import of an app higher in `layers`."""
    rank = {app: position for position, app in enumerate(layers)}
    return [
        f"{edge.app} -> {edge.imported} ({edge.path}:{edge.line})"
        for edge in imports_of_other_apps(root, layers)
        if rank[edge.imported] > rank[edge.app]
    ]


def import_cycles(root: Path, layers: tuple[str, ...]) -> list[list[str]]:
    """The apps caught in a cycle, one sorted group per knot (apps that reach one another)."""
    graph: dict[str, set[str]] = {}
    for edge in imports_of_other_apps(root, layers):
        graph.setdefault(edge.app, set()).add(edge.imported)

    def reachable(app: str) -> set[str]:
        reached, todo = set(), [app]
        while todo:
            for imported in graph.get(todo.pop(), ()):
                if imported not in reached:
                    reached.add(imported)
                    todo.append(imported)
        return reached

    reach = {app: reachable(app) for app in graph}
    knots = {
        tuple(sorted(other for other in reach[app] if app in reach.get(other, ())))
        for app in graph
        if app in reach[app]
    }
    return [list(knot) for knot in sorted(knots)]


def looks_like_an_app(path: Path) -> bool:
    return path.is_dir() and ((path / "apps.py").exists() or (path / "models.py").exists())


def test_no_app_imports_a_higher_one():
    upward = upward_imports(ROOT, LAYERS)
    assert not upward, "lower apps import higher ones:\n" + "\n".join(upward)


def test_the_app_graph_has_no_cycle():
    cycles = import_cycles(ROOT, LAYERS)
    assert not cycles, "apps that import one another: " + "; ".join(map(", ".join, cycles))


def test_every_app_has_its_place_in_the_order():
    apps = sorted(path.name for path in ROOT.iterdir() if looks_like_an_app(path))
    missing = [app for app in apps if app not in LAYERS]
    assert not missing, f"add {missing} to LAYERS, above every app they import"


def write_app(root: Path, app: str, files: dict[str, str]) -> None:
    (root / app).mkdir()
    (root / app / "__init__.py").write_text("")
    for name, source in files.items():
        path = root / app / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def test_the_checker_finds_an_upward_import_wherever_it_hides(tmp_path):
    write_app(tmp_path, "low", {"models.py": "import high.models\n"})
    write_app(
        tmp_path,
        "middle",
        {
            "views.py": "from . import forms\nfrom low.models import Thing\n",
            "forms.py": "def late():\n    from high.selectors import newest\n    return newest()\n",
            "tests/test_views.py": "from high import views\n",
            "migrations/0001_initial.py": "import high\n",
        },
    )
    write_app(tmp_path, "high", {"selectors.py": "from middle import views\n"})
    layers = ("low", "absent", "middle", "high")

    assert upward_imports(tmp_path, layers) == [
        "low -> high (low/models.py:1)",
        "middle -> high (middle/forms.py:2)",
    ]
    assert import_cycles(tmp_path, layers) == [["high", "low", "middle"]]


def test_the_checker_finds_no_cycle_in_a_graph_that_points_one_way(tmp_path):
    write_app(tmp_path, "low", {"models.py": "import json\n"})
    write_app(tmp_path, "middle", {"views.py": "from low import models\n"})
    write_app(tmp_path, "high", {"views.py": "import low.models\nfrom middle import views\n"})
    layers = ("low", "middle", "high")

    assert upward_imports(tmp_path, layers) == []
    assert import_cycles(tmp_path, layers) == []
