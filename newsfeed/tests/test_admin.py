"""Editors post, edit and unpublish items in the Wagtail admin (Snippets → News Feed)."""

from django.contrib.auth.models import Group

from newsfeed.models import NewsFeedItem

ADD_URL = "/admin/snippets/live/newsfeeditem/add/"


def form(**fields):
    return {"headline": "", "summary": "", "article": "", **fields}


def test_add_form_renders(admin_client):
    response = admin_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "One to three sentences." in html and "Breaking" in html and "Pinned" in html
    # Publish is the main button; "Save draft" is in the menu beside it.
    footer = html[html.index('<nav class="actions actions--primary') :]
    assert footer.index('name="action-publish"') < footer.index("Save draft")


def test_publish_from_the_admin(admin_client, client, section, author):
    response = admin_client.post(
        ADD_URL,
        form(
            headline="Power cut in Old Town",
            summary="Crews expect to restore supply by 6 PM.",
            is_breaking="on",
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsFeedItem.objects.get()
    assert item.live and item.is_breaking and item.first_published_at is not None
    client.logout()
    assert "Power cut in Old Town" in client.get("/news-feed/updates.json").content.decode()


def test_saving_a_draft_publishes_nothing(admin_client, client):
    response = admin_client.post(ADD_URL, form(headline="Draft only", summary="Not yet."))
    assert response.status_code == 302
    assert not NewsFeedItem.objects.get().live
    client.logout()
    assert "Draft only" not in client.get("/news-feed/").content.decode()


def test_editors_may_publish(client, django_user_model, db):
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        form(headline="By an editor", summary="Posted.", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    assert NewsFeedItem.objects.get().live


def test_listing_shows_the_columns_and_filters(admin_client, publish):
    publish("Listed item", is_breaking=True)
    response = admin_client.get("/admin/snippets/live/newsfeeditem/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Listed item" in html
    for label in ("Time", "Status", "Breaking", "Pinned"):
        assert label in html
    filtered = admin_client.get("/admin/snippets/live/newsfeeditem/", {"is_breaking": "false"})
    assert filtered.status_code == 200 and "Listed item" not in filtered.content.decode()


def test_news_feed_is_in_the_admin_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "News Feed" in html
