"""The site's URLs with ``/media/`` as ``make run`` (``DEBUG``) serves it: masthead/urls.py's
DEBUG branch, which the test settings (``DEBUG = False``) leave out."""

from core import media
from masthead.urls import urlpatterns as site_urlpatterns

urlpatterns = [*media.urlpatterns(), *site_urlpatterns]
