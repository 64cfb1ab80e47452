"""Jobs the worker's clock runs (core/periodic.py)."""

from django.conf import settings

from core.periodic import every

from .services import create_tokens_forget, scheduled_publish_due


# An article scheduled for 09:00 is live within MASTHEAD_SCHEDULE_CHECK_SECONDS (15) of it.
@every(seconds=settings.MASTHEAD_SCHEDULE_CHECK_SECONDS)
def publish_scheduled():
    scheduled_publish_due()


@every(seconds=3600)
def forget_create_tokens():
    create_tokens_forget()
