"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE themselves.

Stored pages are answered in front of Django (pagecache/wsgi.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")

from pagecache.wsgi import PageCacheFront

application = PageCacheFront(get_wsgi_application())
