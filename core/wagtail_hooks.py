from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .image_operations import PadOperation


@hooks.register("register_image_operations")
def register_pad_operation():
    """``pad-<w>x<h>``: share cards and the publisher logo, uncropped (core/seo.py)."""
    return [("pad", PadOperation)]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))
