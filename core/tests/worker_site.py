"""What test_worker.py does to a database of its own: ``python -m core.tests.worker_site CMD``.

- ``setup``: migrate, then the small newsroom of ``database_down_site`` (prints its JSON);
- ``narrate ARTICLE_ID``: ask for the article's narration (queued in the task table);
- ``signup EMAIL``: a reader signs up for the newsletter (its confirmation is queued);
- ``report``: the task rows and narrations, as JSON.

DATABASE_URL names the database; the task backend is the database one.
"""

import json
import os
import sys

import django


def main(command, *args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")
    os.environ["MASTHEAD_TEST_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
    if command == "setup":
        from . import database_down_site

        return database_down_site.main()
    django.setup()
    from django_tasks_db.models import DBTaskResult

    from narration import services as narration
    from narration.models import Narration
    from newsletters import services as newsletters
    from newsletters.models import Newsletter

    if command == "narrate":
        narration.narration_request(article_id=int(args[0]))
    elif command == "signup":
        outcome = newsletters.subscription_request(
            email=args[0], newsletters=list(Newsletter.objects.all())
        )
        print(json.dumps(str(outcome)))
    elif command == "report":
        tasks = DBTaskResult.objects.order_by("enqueued_at")
        report = {
            "tasks": [
                {"task": t.task_path, "status": t.status, "workers": t.worker_ids} for t in tasks
            ],
            "narrations": [
                {"status": n.status, "playable": n.is_playable} for n in Narration.objects.all()
            ],
        }
        print(json.dumps(report))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
