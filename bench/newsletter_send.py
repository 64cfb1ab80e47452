"""Benchmark: one newsletter issue to 50,000 subscribers through a local SMTP sink.

    make bench-newsletter                                  # SQLite (a fresh file under var/)
    scripts/with-postgres.sh .venv/bin/python bench/newsletter_send.py   # PostgreSQL

The real delivery path runs in this process: ``services.issue_start`` (recipient rows) and then
``services.issue_deliver_batch`` + ``issue_continue`` in a loop — exactly what the
``mailing.tasks.issue_deliver`` task runs per batch, minus the task queue's bookkeeping — with
the two-phase SMTP backend (one commit per message). The sink is a minimal asyncio SMTP server
in a child process that counts accepted messages. Prints total time, messages/s and peak RSS.
"""

import argparse
import asyncio
import multiprocessing
import os
import resource
import socket
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


async def _session(reader, writer, counter):
    writer.write(b"220 sink ESMTP\r\n")
    while line := await reader.readline():
        verb = line[:4].upper()
        if verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            await reader.readuntil(b"\r\n.\r\n")
            with counter.get_lock():
                counter.value += 1
            writer.write(b"250 OK queued\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            break
        elif verb == b"EHLO":
            writer.write(b"250-sink\r\n250 8BITMIME\r\n")
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()


def _sink(port, counter, ready):
    async def main():
        server = await asyncio.start_server(
            lambda r, w: _session(r, w, counter), "127.0.0.1", port, limit=2**22
        )
        ready.set()
        await server.serve_forever()

    asyncio.run(main())


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    port = _free_port()
    counter, ready = multiprocessing.Value("q", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=_sink, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)

    database = BASE_DIR / "var" / "bench-newsletter.sqlite3"
    if "DATABASE_URL" not in os.environ:
        (BASE_DIR / "var").mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.base",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        MASTHEAD_MAILING_BACKEND="mailing.backends.smtp.SMTPBackend",
        MASTHEAD_MAILING_BATCH_SIZE=str(args.batch),
        MASTHEAD_NEWSLETTER_BASE_URL="https://news.example.org",
        DJANGO_LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from mailing import services
    from mailing.models import Delivery, Issue
    from newsletters.models import Newsletter, Subscriber, Subscription

    call_command("migrate", verbosity=0)
    engine = connection.vendor
    newsletter = Newsletter.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
    prefix = newsletter.slug
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"r{n}.{prefix}@example.org", first_name=f"R{n}")
            for n in range(args.subscribers)
        ),
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        (
            Subscription(
                subscriber_id=pk,
                newsletter=newsletter,
                status=Subscription.Status.SUBSCRIBED,
                confirmed_at=timezone.now(),
            )
            for pk in Subscriber.objects.filter(email__endswith=f".{prefix}@example.org")
            .values_list("pk", flat=True)
            .iterator()
        ),
        batch_size=2000,
    )
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject="Benchmark issue",
        intro="<p>" + "A paragraph of the editor's introduction. " * 40 + "</p>",
        sign_off="<p>Until tomorrow.</p>",
        news_feed_items=8,
    )
    print(f"{engine}: {args.subscribers} subscribers ready; sending…", flush=True)

    started = time.perf_counter()
    services.issue_start(issue_id=issue.pk)
    prepared = time.perf_counter()
    while services.issue_deliver_batch(issue_id=issue.pk):
        pass
    services.issue_continue(issue_id=issue.pk)
    finished = time.perf_counter()

    time.sleep(0.5)
    sent = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    status = Issue.objects.get(pk=issue.pk).status
    seconds = finished - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database           {engine}")
    print(f"recipient rows     {prepared - started:.1f} s")
    print(f"total              {seconds:.1f} s for {sent} messages (issue {status})")
    print(f"throughput         {sent / seconds:.0f} messages/s")
    print(f"sink accepted      {counter.value}")
    print(f"peak RSS (sender)  {peak_mb:.0f} MB")
    sink.terminate()
    if counter.value != sent or sent != args.subscribers:
        sys.exit("mismatch between the database and the sink")


if __name__ == "__main__":
    main()
