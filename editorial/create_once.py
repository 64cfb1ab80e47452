"""An admin create form creates one object, however its autosave and its Publish interleave.

Wagtail 8 autosaves a create form in the background: the first autosave creates the object
(a draft) and answers with its edit URL, and only then does the page post to that URL. A
Publish clicked while that autosave is on its way also goes to the create URL, and an
autosave already waiting in the browser's timer may follow a Publish there. Each of those
requests used to create its own object: two News Feed items (one live, one draft), or a second
author whose slug was taken (a form error, or a 500 when both were checked before either was
saved).

So every create form carries a random token (``TOKEN_FIELD``, a hidden field), and the create
view runs in a transaction that first claims it (``services.create_token_claim``): the first
request creates the object and records it; any later one with the token, which waited for the
first to finish, is handed to the object's edit view instead, as if the page had already
become an edit view. An autosave that arrives after the object was published from this form
is refused, with a message, rather than saved as a draft beside the live version: it holds
nothing newer than the Publish did. A form without a token (an API client, a test) is created
as Wagtail does.
"""

import uuid

from django.contrib.admin.utils import quote
from django.core.exceptions import BadRequest
from django.db import transaction
from django.urls import resolve, reverse
from django.utils.text import capfirst
from wagtail.admin.views.pages.create import CreateView as WagtailPageCreateView
from wagtail.models import DraftStateMixin
from wagtail.snippets.views.snippets import CreateView as WagtailSnippetCreateView

from . import services
from .forms import TOKEN_FIELD, with_create_token


def _token(request):
    value = request.POST.get(TOKEN_FIELD, "")
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadRequest("The form's create token is not valid.") from None


class CreateOnceMixin:
    """For a Wagtail create view: one object per create form (see the module docstring)."""

    def created_model(self):
        return self.model

    def created_object(self):
        """The object this request created, if it did."""
        raise NotImplementedError

    def edit_url(self, obj):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        token = _token(request)
        if token is None:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            claim, existing = services.create_token_claim(
                token=token, user=request.user, model=self.created_model()
            )
            if existing is not None:
                return self.continue_with(existing, field_updates=claim.field_updates)
            response = super().post(request, *args, **kwargs)
            created = self.created_object()
            if created is not None and created.pk is not None:
                services.create_token_record(
                    claim=claim, obj=created, field_updates=self.form.get_field_updates_for_resave()
                )
            return response

    def continue_with(self, obj, *, field_updates):
        """This form already made ``obj``: answer this request as its edit view would, with
        the form changed as the page would have changed it on the earlier answer (the ids of
        the inline rows made then, so that they are edited rather than made again)."""
        if self.expects_json_response and isinstance(obj, DraftStateMixin) and obj.live:
            return self.json_error_response(
                "invalid_revision",
                f"{capfirst(obj._meta.verbose_name)} “{obj}” was published from this page. "
                "Open it again to go on editing.",
            )
        data = self.request.POST.copy()
        for name, value in field_updates.items():
            data[name] = value
        self.request.POST = data
        match = resolve(self.edit_url(obj))
        return match.func(self.request, *match.args, **match.kwargs)


class SnippetCreateView(CreateOnceMixin, WagtailSnippetCreateView):
    """The create view of a snippet with revisions (so with autosave): use as a viewset's
    ``add_view_class``."""

    def get_form_class(self):
        return with_create_token(super().get_form_class())

    def created_object(self):
        return getattr(self, "object", None)

    def edit_url(self, obj):
        return reverse(self.edit_url_name, args=[quote(obj.pk)])


class PageCreateView(CreateOnceMixin, WagtailPageCreateView):
    """The create view of a page type whose form carries the token (``CreateTokenFormMixin``):
    use as its ``PageViewSet``'s ``add_view_class``."""

    def created_model(self):
        return self.page_class

    def created_object(self):
        return getattr(self, "page", None)

    def edit_url(self, obj):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
