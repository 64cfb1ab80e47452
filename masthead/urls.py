from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from articles import views as article_views
from mailing import webhooks as mailing_webhooks

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("author/", include("authors.urls")),
    path("tag/", include("articles.urls")),
    path("corrections/", article_views.corrections, name="corrections"),
    path("", include("masthead.syndication_urls")),  # RSS, sitemaps, robots.txt
    path("search/", include("search.urls")),
    path("news-feed/", include("newsfeed.urls")),
    path("", include("narration.urls")),  # /podcast.xml
    # A paying member's private podcast feed and its audio.
    path("podcast/private/", include("members.podcast_urls")),
    path("newsletters/issues/", include("mailing.urls")),  # before newsletters/
    # The configured ESP's bounce and complaint webhook, /anymail/<esp>/tracking/, if any.
    *mailing_webhooks.urlpatterns(),
    path("newsletters/", include("newsletters.urls")),
    path("account/", include("members.urls")),
    path("membership/", include("members.membership_urls")),
    path("gift/redeem/", include("members.gift_urls")),
    # /support/ (donations) and the payment provider's webhook, /members/webhooks/stripe/.
    path("", include("payments.urls")),
    # Ghost's Content API, for a Ghost front end pointed at Masthead (content_api/).
    path("ghost/api/content/", include("content_api.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from core import media

    urlpatterns += staticfiles_urlpatterns()
    # Media with byte ranges, as nginx serves it in production (core/media.py).
    urlpatterns += media.urlpatterns()

# Everything else is a Wagtail page (front page, sections, articles).
urlpatterns += [path("", include(wagtail_urls))]
