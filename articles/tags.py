"""Tags as editors write them: "Black Sea, Rail", never "\"Black Sea\", Rail".

taggit writes a multi-word tag in quotes when it makes the text of a tag box, because its
parser splits text without commas at spaces, and Wagtail's tag box puts quotes around every
tag with a space as it is typed; so editors saw "Black Sea" with its quotes. Here tags are
separated by commas only (the tag box joins its tags with commas), so no tag needs quotes:

- ``tags_from_string`` / ``string_from_tags`` are taggit's TAGGIT_TAGS_FROM_STRING and
  TAGGIT_STRING_FROM_TAGS (settings): every tag field reads and writes commas only. Quotes
  around a tag, straight or typographic, as older text or a paste carries them, are dropped.
- ``TagWidget`` is Wagtail's tag box without its quoting (``preprocessTag``), with a help
  text that says how to separate tags.
"""

import json

from wagtail.admin.widgets import AdminTagWidget

# Quotes an editor's text may wrap a tag in: they are never part of its name.
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2039\u203a"


def tags_from_string(text):
    """Tag names in ``text``, separated by commas; each trimmed of spaces and quotes."""
    names = {}
    for piece in (text or "").split(","):
        name = " ".join(piece.replace('"', " ").split()).strip(_DOUBLE_QUOTES + " ")
        if len(name) > 1 and name[0] in _SINGLE_QUOTES and name[-1] in _SINGLE_QUOTES:
            name = name[1:-1].strip()  # 'Black Sea', but the apostrophe of '90s stays
        if name:
            names.setdefault(name.lower(), name)  # one tag per name, whatever its case
    return sorted(names.values(), key=str.lower)


def string_from_tags(tags):
    return ", ".join(sorted((tag.name for tag in tags), key=str.lower))


class TagWidget(AdminTagWidget):
    def format_value(self, value):
        # After a form error the value is the text the editor sent: shown as parsed.
        if isinstance(value, str):
            return ", ".join(tags_from_string(value))
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        # Wagtail's tag box runs each new tag through a function that wraps one with a space
        # in quotes; null turns it off (tag-it skips a missing preprocessTag).
        options = {**json.loads(attrs["data-w-tag-options-value"]), "preprocessTag": None}
        attrs["data-w-tag-options-value"] = json.dumps(options)
        context["widget"]["help_text"] = (
            "Type a tag and press Enter or a comma. A tag may have several words, e.g. Black Sea."
        )
        return context
