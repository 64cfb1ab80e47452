from wagtail import hooks

from .image_operations import PadOperation


@hooks.register("register_image_operations")
def register_pad_operation():
    """``pad-<w>x<h>``: share cards and the publisher logo, uncropped (core/seo.py)."""
    return [("pad", PadOperation)]
