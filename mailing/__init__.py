"""Mailing: newsletter issues, composed in the admin and delivered exactly once to each reader.

Data flow: an editor composes an ``Issue`` (a snippet with revisions and an HTML preview) and
sends a test, sends it now or schedules it (``periodic.issues_start_due`` starts it when due).
Starting (``services.issue_start``) renders the email once per variant (CSS inlined once: the
free one, and for an issue with a paid-only section the paying readers' one), stores them on the
issue and fixes the recipient list: one ``Delivery`` row per deliverable subscriber (for a paid
newsletter, those who pay), in the same transaction. After the commit a task
(``tasks.issue_deliver``) claims a batch of pending rows, sends each reader the variant of their
access now (``Subscriber.access``, which ``members`` keeps) through the configured backend
(``backends/``) and queues the next batch. Each sent message is committed as sent before the
SMTP server may accept it (two-phase, see ``backends/smtp.py``), so a crash at any point resumes
without doubles or gaps; a periodic job (``periodic.issues_resume``) re-queues issues whose
heartbeat went quiet. The bounce and complaint webhook of the configured ESP (``webhooks.py``,
anymail's view behind stricter checks) suppresses the address and skips its pending deliveries
(``signals.py``).
"""
