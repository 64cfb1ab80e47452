"""Backends for tests of failure handling (built inside the synthesis child process)."""

import time

from narration.backends.base import NarrationBackend, SynthesisError


class FailingBackend(NarrationBackend):
    voice_name = "failing"

    def load(self):
        raise SynthesisError("The voice exploded")


class StuckBackend(NarrationBackend):
    voice_name = "stuck"

    def load(self):
        time.sleep(3600)
