"""Stripe's form encoding, as the SDK sends it: ``a[b][0][c]=v`` keys, nested objects and
lists (``[0]``, ``[1]``…), every value a string."""

import re
from urllib.parse import parse_qsl

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


class FormError(ValueError):
    pass


def parse_form(text):
    """The nested params of a query string or form body."""
    root = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        match = _KEY.match(key)
        if not match:
            raise FormError(f"Invalid parameter name: {key}")
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = root
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise FormError(f"Invalid parameter name: {key}")
        if isinstance(node.get(path[-1]), dict):
            raise FormError(f"Invalid parameter name: {key}")
        node[path[-1]] = value
    return _lists(root)


def _lists(node):
    """Objects whose keys are all indexes become lists, in index order."""
    if not isinstance(node, dict):
        return node
    node = {key: _lists(value) for key, value in node.items()}
    if node and all(key.isdigit() for key in node):
        return [node[key] for key in sorted(node, key=int)]
    return node
