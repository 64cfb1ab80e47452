from core.periodic import every

from . import services


@every(seconds=60)
def retry_failed_narrations():
    services.narration_retry_due()


@every(seconds=60)
def keep_audio_public_only_while_articles_are():
    # The signals do it at once; this repeats what a failure there (or a change made without
    # signals) left undone, and deletes replaced audio no cached page can still link.
    services.narration_visibility_sync()
    services.narration_retired_delete()
