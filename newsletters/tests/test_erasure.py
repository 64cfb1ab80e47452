"""A member's erasure and change of address, as newsletters carry them out."""

import pytest

from newsletters.models import ConsentRecord, Subscriber
from newsletters.services import (
    EmailTaken,
    erased_email_hash,
    subscriber_email_change,
    subscriber_erase,
)

pytestmark = pytest.mark.django_db


def test_erasure_keeps_consent_records_without_the_address(admin_client, sign_up, newsletter):
    sign_up("one@example.org", newsletter)
    subscriber_erase(subscriber=Subscriber.objects.get())
    assert not Subscriber.objects.exists()
    (record,) = ConsentRecord.objects.all()
    assert record.subscription is None
    assert record.erased_email_hash == erased_email_hash("ONE@example.org")
    assert record.email == "(erased)"
    listing = admin_client.get("/admin/snippets/newsletters/consentrecord/")
    assert "(erased)" in listing.content.decode()
    assert "one@example.org" not in listing.content.decode()


def test_a_changed_address_keeps_lists_and_consent(sign_up, newsletter):
    sign_up("one@example.org", newsletter)
    subscriber = Subscriber.objects.get()
    subscriber_email_change(subscriber=subscriber, email=" new@EXAMPLE.org ")
    subscriber.refresh_from_db()
    assert subscriber.email == "new@example.org"
    assert subscriber.subscriptions.get().consent_records.count() == 1


def test_an_address_taken_by_another_subscriber_is_refused(sign_up, newsletter):
    sign_up("one@example.org", newsletter)
    sign_up("two@example.org", newsletter)
    with pytest.raises(EmailTaken):
        subscriber_email_change(
            subscriber=Subscriber.objects.get(email="one@example.org"), email="Two@example.org"
        )
