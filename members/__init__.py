"""Readers' accounts: one ``Member`` per email address, passwordless sign-in, the account page.

Flow: a reader types their address on ``/account/sign-in/``; ``services.sign_in_request``
(rate-limited per client and per address, the same answer for known and unknown addresses)
stores a ``SignInRequest`` holding only hashes of a link token and a 6-digit code, and after
the commit emails both. Opening the link shows a button (mail scanners follow links, never
POST); pressing it, or typing the code on ``/account/sign-in/code/``, runs
``services.sign_in_verify``: single use, expiring, a few wrong codes burn it. An unknown
address becomes a free member there, linked to its newsletter subscriber if it has one.

The member's session is Django's (key ``member_id``), never ``request.user``: a member is no
staff user, so the admin never opens to them. ``wagtail_hooks.py`` answers articles'
``READER_HOOK`` with the member's ``Reader``. Every newsletter subscriber who confirms becomes
a free member (``signals.py`` receives newsletters' ``subscriber_confirmed``), so one address
is one identity, and the member's lists and consent records stay the subscriber's.
"""
