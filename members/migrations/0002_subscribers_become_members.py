"""Every newsletter subscriber who has confirmed an address becomes a free member, linked to
it: their lists and consent records stay where they are, the subscriber's. Addresses never
confirmed (a pending sign-up anyone may have typed) do not: they become members when they
confirm (``members.signals``)."""

from django.db import migrations


def subscribers_become_members(apps, schema_editor):
    Subscriber = apps.get_model("newsletters", "Subscriber")
    Member = apps.get_model("members", "Member")
    taken = {email.lower() for email in Member.objects.values_list("email", flat=True)}
    confirmed = Subscriber.objects.filter(subscriptions__confirmed_at__isnull=False).distinct()
    for subscriber in confirmed.iterator():
        if subscriber.email.lower() in taken:
            continue
        taken.add(subscriber.email.lower())
        member = Member.objects.create(
            email=subscriber.email,
            name=subscriber.first_name,
            subscriber=subscriber,
            signup_source="newsletter",
        )
        # When they first signed up, not today.
        Member.objects.filter(pk=member.pk).update(created_at=subscriber.created_at)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial"), ("newsletters", "0004_consent_outlives_erasure")]

    operations = [migrations.RunPython(subscribers_become_members, migrations.RunPython.noop)]
