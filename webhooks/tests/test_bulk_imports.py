"""Imports announce nothing row by row: a members CSV of thousands, or a whole Ghost site,
sends no webhook per member or post (as Ghost's own importers don't), while the same change
made one by one is sent."""

import json

import pytest
from django.core.management import call_command

from core import bulk
from members import services as member_services
from members.models import Member
from webhooks.models import WebhookDelivery

from .test_events import send_now  # noqa: F401 (a fixture)

CSV = (
    "email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,labels\n"
)


@pytest.mark.django_db
def test_a_members_csv_import_sends_no_member_added(receiver, make_webhook, send_now):  # noqa: F811
    make_webhook("member.added")
    rows = "".join(f"reader{n}@example.org,Reader {n},,false,false,,,\n" for n in range(3))
    with send_now():
        member_import = member_services.members_import_queue(text=CSV + rows)
    member_import.refresh_from_db()

    assert Member.objects.count() == 3
    assert not WebhookDelivery.objects.exists()
    assert receiver.events() == []


@pytest.mark.django_db
def test_one_member_made_by_hand_is_sent(receiver, make_webhook, send_now):  # noqa: F811
    make_webhook("member.added")
    with send_now():
        Member.objects.create(email="one@example.org")

    assert receiver.events() == ["member.added"]


@pytest.mark.django_db
def test_inside_a_bulk_operation_nothing_is_sent(receiver, make_webhook, send_now):  # noqa: F811
    make_webhook("member.added")
    with send_now(), bulk.bulk_operation("test import"):
        Member.objects.create(email="quiet@example.org")

    assert bulk.running() is None
    assert receiver.events() == []


@pytest.mark.django_db
def test_a_ghost_import_sends_no_post_published(
    tmp_path,
    home,
    receiver,
    make_webhook,
    send_now,  # noqa: F811
):
    make_webhook("post.published")
    export = {
        "db": [
            {
                "meta": {"exported_on": 1700000000000, "version": "6.65.0"},
                "data": {
                    "posts": [
                        {
                            "id": "65a000000000000000000001",
                            "uuid": "0b5e3a62-0000-4000-8000-000000000001",
                            "title": "Imported quietly",
                            "slug": "imported-quietly",
                            "lexical": json.dumps(
                                {
                                    "root": {
                                        "type": "root",
                                        "children": [
                                            {
                                                "type": "paragraph",
                                                "children": [
                                                    {"type": "text", "text": "Hello", "format": 0}
                                                ],
                                            }
                                        ],
                                    }
                                }
                            ),
                            "type": "post",
                            "status": "published",
                            "visibility": "public",
                            "created_at": "2024-01-02T10:00:00.000Z",
                            "updated_at": "2024-01-02T10:00:00.000Z",
                            "published_at": "2024-01-02T10:00:00.000Z",
                        }
                    ],
                    "users": [],
                    "tags": [],
                    "posts_tags": [],
                    "posts_authors": [],
                },
            }
        ]
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))

    with send_now():
        call_command("import_ghost", str(path), verbosity=0)

    from articles.models import ArticlePage

    assert ArticlePage.objects.live().filter(slug="imported-quietly").exists()
    assert receiver.events() == []
