"""The site's URLs and one public page with a CSRF form: a view that should never exist."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from masthead.urls import urlpatterns as site
from pagecache import public

FORM = engines["django"].from_string("<form>{% csrf_token %}</form>")


def public_form(request):
    return public(HttpResponse(FORM.render({}, request)))


urlpatterns = [path("public-form/", public_form), *site]
