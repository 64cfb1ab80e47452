"""Admin form parts: the hidden token of a create form (see ``create_once``)."""

import functools
import uuid

from django import forms

TOKEN_FIELD = "create_token"  # noqa: S105 (a field name)


class CreateTokenFormMixin:
    """Give a create form (a new, unsaved instance) its hidden token."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields[TOKEN_FIELD] = forms.UUIDField(
                required=False, widget=forms.HiddenInput, initial=uuid.uuid4
            )


@functools.cache
def with_create_token(form_class):
    if issubclass(form_class, CreateTokenFormMixin):
        return form_class
    return type(form_class.__name__, (CreateTokenFormMixin, form_class), {})
