from django_tasks import task

from . import services


@task(queue_name="mailing")
def issue_deliver(issue_id):
    """Send one batch of an issue, then queue the next (or finish). Safe to run twice."""
    services.issue_deliver_batch(issue_id=issue_id)
    services.issue_continue(issue_id=issue_id)
