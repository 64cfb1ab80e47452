"""The Django side of bench/fault_run.py: ``python bench/fault_site.py COMMAND …`` on the
database DATABASE_URL names (production settings from the environment). Prints JSON.

- ``prepare SUBSCRIBERS``: a newsletter with that many confirmed readers and a draft issue;
  one reader whose confirmation task a dead worker left RUNNING an hour ago (what the worker
  did before heartbeats, on every crash); the live articles.
- ``start ISSUE ARTICLE…``: start sending the issue and ask for each article's narration.
- ``signup PREFIX COUNT``: COUNT readers sign up (one confirmation each is queued).
- ``report``: task rows, the issue's deliveries, narrations, worker heartbeats.
"""

import json
import os
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare(subscribers):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from articles.models import ArticlePage
    from mailing.models import Issue
    from newsletters.models import Newsletter, Subscriber, Subscription
    from newsletters.tasks import confirmation_send

    newsletter = Newsletter.objects.create(name="The Fault Run", slug="fault-run")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org") for n in range(subscribers)
    )
    Subscription.objects.bulk_create(
        Subscription(
            subscriber=subscriber,
            newsletter=newsletter,
            status=Subscription.Status.SUBSCRIBED,
            confirmed_at=timezone.now(),
        )
        for subscriber in Subscriber.objects.filter(email__startswith="reader")
    )
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject="The fault run: what happened overnight",
        intro="<p>Good morning.</p>",
    )
    stranded = Subscriber.objects.create(email="stranded@example.org")
    Subscription.objects.create(subscriber=stranded, newsletter=newsletter)
    result = confirmation_send.enqueue(subscriber_id=stranded.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=["a-worker-that-died-before-heartbeats"],
        started_at=timezone.now() - timedelta(hours=1),
    )
    articles = list(
        ArticlePage.objects.live().order_by("-first_published_at").values_list("pk", flat=True)
    )
    return {"issue": issue.pk, "articles": articles}


def start(issue_id, *article_ids):
    from mailing import services as mailing
    from narration import services as narration

    mailing.issue_start(issue_id=int(issue_id))
    for article_id in article_ids:
        narration.narration_request(article_id=int(article_id))
    return {"started": True}


def signup(prefix, count):
    from newsletters import services
    from newsletters.models import Newsletter

    newsletters = list(Newsletter.objects.filter(slug="fault-run"))
    outcomes = Counter(
        str(
            services.subscription_request(
                email=f"{prefix}{n}@example.org", newsletters=newsletters, ip=f"192.0.2.{n % 250}"
            )
        )
        for n in range(int(count))
    )
    return dict(outcomes)


def report():
    from django_tasks_db.models import DBTaskResult

    from core.models import TaskWorker
    from mailing.models import Delivery, Issue
    from narration.models import Narration

    tasks = Counter(
        f"{path.rsplit('.', 1)[1]} {status}"
        for path, status in DBTaskResult.objects.values_list("task_path", "status")
    )
    stranded = DBTaskResult.objects.filter(task_path__endswith="confirmation_send").order_by(
        "enqueued_at"
    )[0]
    issue = Issue.objects.order_by("-pk")[0]
    return {
        "tasks": dict(sorted(tasks.items())),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
        "ready": DBTaskResult.objects.filter(status="READY").count(),
        "failed": DBTaskResult.objects.filter(status="FAILED").count(),
        "stranded": {"status": stranded.status, "workers": stranded.worker_ids},
        "issue": issue.status,
        "deliveries": dict(
            Counter(Delivery.objects.filter(issue=issue).values_list("status", flat=True))
        ),
        "narrations": dict(Counter(Narration.objects.values_list("status", flat=True))),
        "workers": list(TaskWorker.objects.values_list("pk", flat=True)),
    }


def main(command, *args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")
    import django

    django.setup()
    commands = {
        "prepare": lambda n: prepare(int(n)),
        "start": start,
        "signup": signup,
        "report": report,
    }
    print(json.dumps(commands[command](*args)))


if __name__ == "__main__":
    main(*sys.argv[1:])
