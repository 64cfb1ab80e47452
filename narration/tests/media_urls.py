"""The site's URLs plus ``/media/`` served straight from ``MEDIA_ROOT``, as the production web
server serves it (deploy/nginx.conf: ``location /media/ { alias …; }``, every file as it is):
a file answers 200 exactly while it is under ``MEDIA_ROOT``."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from masthead.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
