"""Clock jobs (core/periodic.py): start scheduled issues, resume sends whose worker died."""

from django.conf import settings

from core.periodic import every

from . import services


@every(seconds=settings.MASTHEAD_MAILING["RESUME_EVERY_SECONDS"])
def issues_start_due():
    services.issues_start_due()


@every(seconds=settings.MASTHEAD_MAILING["RESUME_EVERY_SECONDS"])
def issues_resume():
    services.issues_resume()
