"""Backends for tests of failure handling (built inside the synthesis child process)."""

import os
import struct
import time
from pathlib import Path

from narration.backends.base import NarrationBackend, SynthesisError


class FailingBackend(NarrationBackend):
    voice_name = "failing"

    def load(self):
        raise SynthesisError("The voice exploded")


class StuckBackend(NarrationBackend):
    voice_name = "stuck"

    def load(self):
        time.sleep(3600)


class GatedBackend(NarrationBackend):
    """Speaks only when the test says so. ``voice`` is a folder: the backend writes
    ``started-<pid>`` there when its synthesis begins, waits for a file named ``release``, then
    speaks a short tone; so a test holds a narration running as long as it needs."""

    voice_name = "gated"
    sample_rate = 16000

    def __init__(self, *, voice, **options):
        super().__init__(**options)
        self.folder = Path(voice)

    def load(self):
        (self.folder / f"started-{os.getpid()}").touch()
        while not (self.folder / "release").exists():
            time.sleep(0.05)

    def synthesise(self, sentence):
        yield struct.pack(
            f"<{self.sample_rate // 10}h", *([1000, -1000] * (self.sample_rate // 20))
        )
