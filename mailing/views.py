from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import rendering
from .models import Issue


@require_GET
def issue_web(request, pk):
    """ "View in browser": the issue as sent, with links to manage newsletters, not a reader's."""
    issue = get_object_or_404(Issue, pk=pk)
    if issue.status not in (Issue.Status.SENDING, Issue.Status.SENT):
        raise Http404
    newsletters_url = reverse("newsletters:index")
    reader = rendering.Reader("", newsletters_url, newsletters_url)
    html = rendering.personalise_html(rendering.issue_rendered(issue).html, reader)
    response = HttpResponse(html)
    response["Cache-Control"] = "public, max-age=300"
    return response
