"""Settings → Webhooks and the delivery log: for superusers (and whoever is given the webhook
permissions) only; a target URL that cannot be posted to is refused with a clear error."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from webhooks.models import Webhook, WebhookDelivery


@pytest.fixture
def webhook(db):
    hook = Webhook.objects.create(
        name="Front end", event="post.published", target_url="https://example.org/hook"
    )
    WebhookDelivery.objects.create(
        webhook=hook, event="post.published", payload={"event": "post.published"}
    )
    return hook


@pytest.fixture
def editor_client(client, django_user_model):
    """Signed in to the admin, without the webhook permissions."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def admin_urls(webhook):
    delivery = webhook.deliveries.get()
    return [
        reverse("webhooks:index"),
        reverse("webhooks:add"),
        reverse("webhooks:edit", args=[webhook.pk]),
        reverse("webhook_deliveries:index") + f"?webhook={webhook.pk}",
        reverse("webhook_deliveries:inspect", args=[delivery.pk]),
    ]


def test_the_pages_render_for_a_superuser(admin_client, webhook):
    for url in admin_urls(webhook):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    log = admin_client.get(reverse("webhook_deliveries:index") + f"?webhook={webhook.pk}")
    assert b"post.published" in log.content


def test_the_pages_are_forbidden_to_other_staff(editor_client, webhook):
    for url in admin_urls(webhook):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home"), url


def test_nobody_adds_or_changes_a_delivery(admin_client, webhook):
    delivery = webhook.deliveries.get()
    response = admin_client.get(reverse("webhook_deliveries:edit", args=[delivery.pk]))
    assert response.status_code in (302, 403)


def add(client, **fields):
    data = {
        "name": "Front end",
        "event": "post.published",
        "target_url": "https://example.org/hook",
        "secret": "s3cret",
        "active": "on",
        **fields,
    }
    return client.post(reverse("webhooks:add"), data)


def test_a_superuser_adds_a_webhook(admin_client, db):
    response = add(admin_client)
    assert response.status_code == 302
    assert Webhook.objects.get().target_url == "https://example.org/hook"


def test_a_target_that_is_not_http_is_refused(admin_client, db):
    response = add(admin_client, target_url="ftp://example.org/hook")
    assert response.status_code == 200
    assert "Use an http:// or https:// address." in response.content.decode()
    assert not Webhook.objects.exists()


def test_a_private_target_is_refused_where_not_allowed(admin_client, db, settings):
    settings.MASTHEAD_WEBHOOKS = {**settings.MASTHEAD_WEBHOOKS, "ALLOW_PRIVATE_TARGETS": False}
    response = add(admin_client, target_url="http://127.0.0.1:8000/hook")
    assert response.status_code == 200
    assert "private or local address" in response.content.decode()
    assert not Webhook.objects.exists()


def test_a_private_target_is_accepted_where_allowed(admin_client, db):
    assert add(admin_client, target_url="http://127.0.0.1:8000/hook").status_code == 302


def test_send_a_test_posts_the_latest_article(
    admin_client, receiver, section, author, django_capture_on_commit_callbacks
):
    from testkit import builders

    builders.make_article(section, authors=[author], title="The latest story")
    hook = Webhook.objects.create(
        name="Front end", event="post.published", target_url=receiver.url("/hook")
    )
    url = reverse("webhooks:send_test", args=[hook.pk])
    assert "The latest story" in admin_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)

    assert response.status_code == 302
    assert receiver.bodies()[0]["post"]["current"]["title"] == "The latest story"
    assert hook.deliveries.get().status == WebhookDelivery.Status.DELIVERED


def test_send_a_test_is_forbidden_to_other_staff(editor_client, webhook, receiver):
    response = editor_client.post(reverse("webhooks:send_test", args=[webhook.pk]))
    assert response.status_code in (302, 403)
    assert webhook.deliveries.count() == 1
    assert receiver.requests == []


@pytest.mark.parametrize("who, shown", [("admin_client", True), ("editor_client", False)])
def test_the_settings_menu_shows_webhooks_to_a_superuser_only(request, db, who, shown):
    home = request.getfixturevalue(who).get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("webhooks:index") in home) is shown
