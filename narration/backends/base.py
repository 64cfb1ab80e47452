"""What a speech engine provides: a name, a licence note and 16-bit mono PCM per sentence.

Backends are built and used inside the synthesis child process (``narration.synthesise``),
so they must not need Django: they receive the ``MASTHEAD_NARRATION`` options as arguments.
"""


class SynthesisError(Exception):
    """The engine cannot speak (missing voice, missing program, bad output)."""


class NarrationBackend:
    sample_rate = 22050

    def __init__(self, *, voice_licence="", **options):
        self.voice_licence = voice_licence

    @property
    def voice_name(self):
        raise NotImplementedError

    def load(self):
        """Load the voice (slow, done once per narration); raises SynthesisError if unusable."""

    def synthesise(self, sentence):
        """Yield 16-bit little-endian mono PCM bytes at ``self.sample_rate`` for one sentence."""
        raise NotImplementedError
