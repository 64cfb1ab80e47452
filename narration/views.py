"""Admin views: every article's narration (status, error, voice), "regenerate", and the guide.

Listing needs ``narration.view_narration``; regenerating, ``narration.regenerate_narration``
and permission to edit the article (Editors and Administrators: editorial/roles.py).
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from articles.models import ArticlePage

from . import services
from .models import Narration
from .voices import voice_note

VIEW = "narration.view_narration"
REGENERATE = "narration.regenerate_narration"


def index(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    narrations = Narration.objects.select_related("article").order_by("-updated_at")
    status = request.GET.get("status")
    if status in Narration.Status.values:
        narrations = narrations.filter(status=status)
    article_id = request.GET.get("article", "")
    if article_id.isdigit():
        narrations = narrations.filter(article_id=article_id)
    page = Paginator(narrations, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "narration/admin/index.html",
        {
            "page_obj": page,
            "statuses": Narration.Status.choices,
            "status": status,
            "voice": voice_note(settings.MASTHEAD_NARRATION),
            "header_title": "Narration",
            "can_regenerate": request.user.has_perm(REGENERATE),
        },
    )


@require_POST
def regenerate(request, article_id):
    if not request.user.has_perm(REGENERATE):
        raise PermissionDenied
    article = get_object_or_404(ArticlePage, pk=article_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not article.live:
        messages.error(request, f"“{article.title}” is not published: nothing to narrate.")
    else:
        transaction.on_commit(lambda: services.narration_request(article_id=article.pk, force=True))
        messages.success(request, f"Narration of “{article.title}” queued.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = reverse("narration_admin:index")
    return redirect(next_url)


GUIDE = settings.BASE_DIR / "docs" / "narration.md"


def guide(request):
    """docs/narration.md as it is on this server, its headings linkable (``#licences…``).

    Markdown reads well as it is; it is shown as text, escaped, with no Markdown library.
    """
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    try:
        text = GUIDE.read_text(encoding="utf-8")
    except OSError as error:
        raise Http404("The narration guide (docs/narration.md) is not on this server.") from error
    sections = _guide_sections(text)
    return TemplateResponse(
        request,
        "narration/admin/guide.html",
        {
            "sections": sections,
            "header_title": "Narration guide",
        },
    )


def _guide_sections(text):
    """Markdown text cut at its headings (not at "#" lines inside ``` code blocks)."""
    sections, in_code = [], False
    current = {"heading": "", "id": "", "level": 1, "lines": []}
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        heading = None if in_code else re.match(r"(#{1,3}) (.+)", line)
        if heading:
            sections.append(current)
            title = heading.group(2).strip()
            current = {"heading": title, "id": slugify(title), "level": len(heading.group(1))}
            current["lines"] = []
        else:
            current["lines"].append(line)
    sections.append(current)
    for section in sections:
        section["text"] = "\n".join(section.pop("lines")).strip("\n")
    return [section for section in sections if section["heading"] or section["text"]]
