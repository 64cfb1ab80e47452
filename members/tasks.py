"""Background work for members: a Ghost members CSV import, too long for a request."""

from django_tasks import task

from . import services  # services queues these tasks; each calls back into it
from .models import MemberImport


@task()
def members_import(import_id):
    """Run the queued import ``import_id`` (``services.members_import_run``; safe twice)."""
    member_import = MemberImport.objects.filter(pk=import_id).first()
    if member_import is not None:
        services.members_import_run(member_import=member_import)
