"""The docs stay true to the code: every environment variable the settings read is in the
settings table (docs/deployment.md, "Every setting"), and every relative link in README.md and
docs/*.md reaches a file, and a heading where it names one."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "masthead" / "settings"
SETTINGS_TABLE = ROOT / "docs" / "deployment.md"
SETTINGS_HEADING = "## Every setting"
MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")
ENV_NAME = re.compile(r"`([A-Z][A-Z0-9_]*)`")


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_name(node, name):
    return isinstance(node, ast.Name) and node.id == name


def _is_os_environ(node):
    return isinstance(node, ast.Attribute) and node.attr == "environ" and _is_name(node.value, "os")


def _reads_environment(func):
    """env(…), env.<cast>(…), os.environ.get(…), os.getenv(…)."""
    if _is_name(func, "env"):
        return True
    if not isinstance(func, ast.Attribute):
        return False
    return (
        _is_name(func.value, "env")
        or (func.attr == "get" and _is_os_environ(func.value))
        or (func.attr == "getenv" and _is_name(func.value, "os"))
    )


def environment_names_read(source):
    """Names read by env("X"), env.<cast>("X"), os.environ["X"], os.environ.get("X") and
    os.getenv("X") in the Python ``source``."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        name = None
        if isinstance(node, ast.Call) and node.args and _reads_environment(node.func):
            name = _literal(node.args[0])
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            name = _literal(node.slice)
        if name:
            names.add(name)
    return names


def settings_table_names():
    """The backticked names in the first column of the settings table's rows."""
    text = SETTINGS_TABLE.read_text()
    assert SETTINGS_HEADING in text, f"{SETTINGS_TABLE.name} has no {SETTINGS_HEADING!r}"
    section = text.split(SETTINGS_HEADING, 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|"):
            names |= set(ENV_NAME.findall(line.split("|")[1]))
    return names


def test_environment_names_read_finds_every_way_of_reading():
    source = (
        'import os\nA = env("A")\nB = env.bool("B", default=False)\nC = os.environ["C"]\n'
        'D = os.environ.get("D")\nE = os.getenv("E")\nF = other("F")\n'
    )
    assert environment_names_read(source) == {"A", "B", "C", "D", "E"}


def test_settings_table_lists_every_environment_variable():
    read = set()
    for path in sorted(SETTINGS.glob("*.py")):
        read |= environment_names_read(path.read_text())
    assert len(read) > 50  # the parser still sees the settings' reads
    missing = sorted(read - settings_table_names())
    assert not missing, f"Not in the settings table of docs/deployment.md: {', '.join(missing)}"


def _outside_code(text):
    """The lines of a Markdown ``text`` outside fenced code blocks, inline code removed."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(CODE_SPAN.sub("", line))
    return lines


def anchors(path):
    """GitHub's anchors for the headings of the Markdown file ``path``."""
    seen, result = {}, set()
    for line in _outside_code(path.read_text()):
        if match := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line):
            slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            result.add(slug if count == 0 else f"{slug}-{count}")
    return result


def broken_links(path):
    broken = []
    for line in _outside_code(path.read_text()):
        for target in LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            names_a_missing_heading = (
                anchor and linked.suffix == ".md" and anchor not in anchors(linked)
            )
            if not linked.exists() or names_a_missing_heading:
                broken.append(target)
    return broken


def test_anchors_are_githubs():
    assert "8-mail-sender-dkim-spf-and-dmarc" in anchors(ROOT / "docs" / "deployment.md")


def test_relative_links_in_the_docs_resolve():
    broken = {path.relative_to(ROOT).as_posix(): broken_links(path) for path in MARKDOWN}
    assert not {name: links for name, links in broken.items() if links}
