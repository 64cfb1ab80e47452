"""A password sign-in that needs no code is complete: forget its earlier failures.

With a device, the failures are forgotten only after the code (``views.two_step_verify``):
otherwise each right password would reset the count, and the code could be guessed forever.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

from .services import sign_in_failures_reset


@receiver(user_logged_in, dispatch_uid="staff.sign_in_complete")
def sign_in_complete(sender, request, user, **kwargs):
    if request is not None and not user_has_device(user):
        sign_in_failures_reset(request=request, username=user.get_username())
