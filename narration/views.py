"""Admin views: every article's narration (status, error, voice) and "regenerate".

Listing needs ``narration.view_narration``; regenerating, ``narration.regenerate_narration``
and permission to edit the article (Editors and Administrators: editorial/roles.py).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.models import ArticlePage

from . import services
from .models import Narration

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
            "voice_licence": settings.MASTHEAD_NARRATION.get("VOICE_LICENCE", ""),
            "backend": settings.MASTHEAD_NARRATION["BACKEND"],
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
