"""espeak-ng, the fallback: instant and robotic, needs the system ``espeak-ng`` program."""

import shutil
import subprocess

from .base import NarrationBackend, SynthesisError


class EspeakBackend(NarrationBackend):
    def __init__(self, *, voice=None, **options):
        super().__init__(**options)
        self.voice = voice or "en-us"
        self.program = shutil.which("espeak-ng")

    @property
    def voice_name(self):
        return f"espeak-ng {self.voice}"

    def load(self):
        if self.program is None:
            raise SynthesisError(
                "espeak-ng is not installed (apt-get install espeak-ng), "
                "or choose the Piper backend"
            )

    def synthesise(self, sentence):
        result = subprocess.run(  # noqa: S603 (a fixed program; text goes through stdin)
            [self.program, "--stdout", "-v", self.voice, "--stdin"],
            input=sentence.encode(),
            capture_output=True,
            check=False,
        )
        wav = result.stdout
        if result.returncode != 0 or wav[:4] != b"RIFF":
            raise SynthesisError(f"espeak-ng failed: {result.stderr.decode(errors='replace')}")
        self.sample_rate = int.from_bytes(wav[24:28], "little")
        # espeak-ng streams its WAV with unknown sizes: the PCM starts after the "data" header.
        yield wav[wav.index(b"data") + 8 :]
