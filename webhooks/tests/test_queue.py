from django.conf import settings

from webhooks import tasks


def test_deliveries_run_in_a_worker_slot_of_their_own():
    assert tasks.delivery_send.queue_name == "webhooks"
    assert "webhooks" in settings.MASTHEAD_TASK_QUEUES
