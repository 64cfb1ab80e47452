from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Newsroom"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import signals  # noqa: F401

        # Whatever opens an image (renditions, dimensions, a management command), Pillow warns
        # past the upload pixel limit and refuses past twice it, before decoding anything.
        if settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
