from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def error_summary_js():
    """Every editor (pages and snippets) lists a failed save's errors where the editor looks."""
    return format_html('<script src="{}" defer></script>', static("js/admin/error-summary.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
