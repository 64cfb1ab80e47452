"""``/ghost/api/content/``: Ghost's Content API routes, with and without the trailing slash
(Ghost's clients add it), and Masthead's News Feed under ``masthead/``."""

from django.urls import path, re_path

from . import openapi, views

app_name = "content_api"

RESOURCES = {
    "posts": (views.posts_browse, views.posts_read),
    "pages": (views.pages_browse, views.pages_read),
    "authors": (views.authors_browse, views.authors_read),
    "tags": (views.tags_browse, views.tags_read),
}

urlpatterns = []
for name, (browse, read) in RESOURCES.items():
    urlpatterns += [
        re_path(rf"^{name}/?$", views.endpoint(browse), name=f"{name}"),
        re_path(rf"^{name}/slug/(?P<slug>[^/]+)/?$", views.endpoint(read), name=f"{name}_slug"),
        re_path(rf"^{name}/(?P<pk>[^/]+)/?$", views.endpoint(read), name=f"{name}_id"),
    ]
urlpatterns += [
    re_path(r"^tiers/?$", views.endpoint(views.tiers_browse), name="tiers"),
    re_path(r"^settings/?$", views.endpoint(views.settings_browse), name="settings"),
    re_path(r"^masthead/news-feed/?$", views.endpoint(views.news_feed_browse), name="news_feed"),
    path("openapi.json", openapi.openapi_json, name="openapi"),
    path("<path:rest>", views.endpoint(views.unknown)),
    path("", views.endpoint(views.unknown)),
]
