from django_tasks import task

from . import services


@task()
def narrate_article(article_id, text_hash):
    """Narrate an article's live text if it still has this hash; safe to run twice or late."""
    return services.narration_run(article_id=article_id, wanted=text_hash)
