"""Newsletters: the lists readers subscribe to, and the consent behind every subscription.

Sign-up creates a pending ``Subscription`` and sends one confirmation email; the reader confirms
by POST from the signed link, and only then receives issues. Unsubscribing (one click, RFC 8058)
and preference changes need no account. A ``Suppression`` (bounce, complaint or manual) wins over
everything: nothing is ever sent to a suppressed address. Sending issues lives in ``mailing``.

A newsletter's ``audience`` is everyone, members (every subscriber is a free member) or paying
members (optionally of some tiers). Each subscriber carries its member's ``access`` (free or paid,
and the paid tiers), which ``members`` pushes through ``services.subscriber_access_update``
whenever it changes: newsletters never import members. A paid list is offered only to a paying
subscriber; one who stops paying stays subscribed and is simply not sent it until they pay again.
"""
