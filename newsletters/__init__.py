"""Newsletters: the lists readers subscribe to, and the consent behind every subscription.

Sign-up creates a pending ``Subscription`` and sends one confirmation email; the reader confirms
by POST from the signed link, and only then receives issues. Unsubscribing (one click, RFC 8058)
and preference changes need no account. A ``Suppression`` (bounce, complaint or manual) wins over
everything: nothing is ever sent to a suppressed address. Sending issues lives in ``mailing``.
"""
