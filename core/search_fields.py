"""Search fields that index text with plain typography (``text.plain_typography``).

PostgreSQL, in some locales, keeps "dam's" written with a typographic apostrophe as one word
where the plain one makes two, so a query made plain (``backend.py``) would miss text indexed
as it was typed. ``plain_fields`` turns a model's own ``search_fields`` into ones whose values
are made plain before they are indexed.
Page's title fields stay as Wagtail defines them (its checks look for them);
``plain_title_fields`` adds the title's plain form beside them when it differs.
"""

from wagtail.search import index

from .text import plain_typography


def _plain_value(value):
    if isinstance(value, str):
        return plain_typography(value)
    if isinstance(value, list | tuple):
        return [_plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_value(item) for key, item in value.items()}
    return value


class PlainSearchField(index.SearchField):
    def get_value(self, obj):
        return _plain_value(super().get_value(obj))


class PlainAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return _plain_value(super().get_value(obj))


class _ChangedOnly:
    """Index the plain form only where it differs: the text as typed is indexed already."""

    def get_value(self, obj):
        value = super().get_value(obj)
        plain = _plain_value(value)
        return plain if plain != value else ""


class _PlainTitleSearchField(_ChangedOnly, index.SearchField):
    pass


class _PlainTitleAutocompleteField(_ChangedOnly, index.AutocompleteField):
    pass


def plain_fields(fields):
    """``fields`` with every SearchField and AutocompleteField (inside RelatedFields too) plain."""
    plain = []
    for field in fields:
        if isinstance(field, index.RelatedFields):
            field = index.RelatedFields(field.field_name, plain_fields(field.fields))
        elif type(field) is index.SearchField:
            field = PlainSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = PlainAutocompleteField(field.field_name, **field.kwargs)
        plain.append(field)
    return plain


def plain_title_fields(page_search_fields):
    """The plain form of a page's title, for each of Page's title fields (search, autocomplete)."""
    copies = []
    for field in page_search_fields:
        if field.field_name != "title":
            continue
        if type(field) is index.SearchField:
            copies.append(_PlainTitleSearchField("title", boost=field.boost))
        elif type(field) is index.AutocompleteField:
            copies.append(_PlainTitleAutocompleteField("title"))
    return copies
