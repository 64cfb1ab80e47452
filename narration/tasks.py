from django_tasks import task

from . import services


@task(queue_name="narration", takes_context=True)
def narrate_article(context, article_id, text_hash):
    """Narrate an article's live text if it still has this hash; safe to run twice or late.

    The claim on the narration is this task's id, so a run of the same task after its worker
    died or the database went away takes its own interrupted work back at once."""
    claim = context.task_result.id.replace("-", "")
    return services.narration_run(article_id=article_id, wanted=text_hash, claim=claim)
