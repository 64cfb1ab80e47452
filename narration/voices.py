"""What the Narration admin tells the newsroom about its voice, in plain words.

Which voice reads the articles, and what the newsroom must check before it uses that voice
commercially (docs/narration.md, "Licences"), worked out from ``MASTHEAD_NARRATION`` without
loading the voice. ``VOICE_LICENCE`` is the operator's own note, shown as well when set.
"""

from dataclasses import dataclass, field
from pathlib import Path

PIPER = "narration.backends.piper.PiperBackend"
ESPEAK = "narration.backends.espeak.EspeakBackend"

PIPER_GPL = (
    "The program that speaks, piper-tts, is free software under the GPL-3.0. Running it on "
    "your own server for your own site is fine; if you give others copies of Masthead "
    "together with piper-tts, those copies come under the GPL's terms."
)
COMMERCIAL_VOICE = (
    "Before the newsroom earns money from its site or its audio (advertising, "
    "subscriptions, sponsorship), switch to a voice whose training recordings allow "
    "commercial use, for example a Piper voice trained on LibriTTS (CC BY 4.0: credit it "
    "where the audio is published). Your technical team sets it with "
    "MASTHEAD_NARRATION_VOICE, and can describe its licence here with "
    "MASTHEAD_NARRATION_VOICE_LICENCE."
)


@dataclass(frozen=True)
class VoiceNote:
    voice: str  # which voice reads the articles
    cleared: bool  # known to allow commercial use as it is
    checks: list[str] = field(default_factory=list)  # what to check before commercial use
    operator_note: str = ""


def voice_note(config):
    backend, voice = config.get("BACKEND", PIPER), config.get("VOICE")
    note = (config.get("VOICE_LICENCE") or "").strip()
    if backend == PIPER and not voice:
        return VoiceNote(
            voice="“joe”, an American English voice (Piper, medium quality), made on this "
            "server by piper-tts.",
            cleared=False,
            checks=[
                "Not cleared for commercial use. joe is a fine-tune of the “lessac” voice, "
                "and the recordings lessac was trained on may not be used for commercial "
                "voice synthesis.",
                COMMERCIAL_VOICE,
                PIPER_GPL,
            ],
            operator_note=note,
        )
    if backend == PIPER:
        return VoiceNote(
            voice=f"The Piper voice “{Path(voice).name.removesuffix('.onnx')}”, made on this "
            "server by piper-tts.",
            cleared=False,
            checks=[
                "Check the licence of this voice and of the recordings it was trained on "
                "(its model card says): they must allow commercial use, and may ask you to "
                "credit them where the audio is published.",
                PIPER_GPL,
            ],
            operator_note=note,
        )
    if backend == ESPEAK:
        return VoiceNote(
            voice=f"espeak-ng (“{voice or 'en-us'}”), the system's rule-based speech "
            "synthesiser: clear but robotic.",
            cleared=True,
            checks=[
                "espeak-ng makes speech from rules, not from anyone's recordings, so no "
                "voice data licence applies. The program is GPL-3.0: using it on your own "
                "server is fine."
            ],
            operator_note=note,
        )
    return VoiceNote(
        voice="A speech engine your technical team added (MASTHEAD_NARRATION_BACKEND).",
        cleared=False,
        checks=[
            "Check that the engine's licence and its voice's (and the recordings it was "
            "trained on) allow commercial use."
        ],
        operator_note=note,
    )
