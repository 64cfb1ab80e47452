from core.periodic import every

from . import services


@every(seconds=60)
def retry_failed_narrations():
    services.narration_retry_due()
