"""URL converters for the slugs that Wagtail and taggit make.

``uslug``: a Unicode slug (letters of any script, digits, ``_`` and ``-``), as Wagtail page
slugs (``WAGTAIL_ALLOW_UNICODE_SLUGS``) and taggit's tag slugs are; Django's ``slug`` is ASCII
only, and ``str`` lets anything but ``/`` through to the query. Anything else is a 404 before
the view runs. Registered when this module is imported (the URLconfs that use it import it).
"""

from django.urls import register_converter


class UnicodeSlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")
