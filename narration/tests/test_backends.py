import shutil

import pytest

from narration.backends import backend_options, load_backend
from narration.backends.base import SynthesisError
from narration.backends.espeak import EspeakBackend
from narration.backends.piper import PiperBackend


def test_piper_speaks_with_a_configured_voice(tiny_voice):
    backend = load_backend(
        "narration.backends.piper.PiperBackend",
        backend_options({"BACKEND": "x", "VOICE": str(tiny_voice), "VOICE_LICENCE": "test"}),
    )
    backend.load()
    pcm = b"".join(backend.synthesise("Hello there."))
    assert backend.sample_rate == 16000
    assert len(pcm) > 0 and len(pcm) % 2 == 0
    assert backend.voice_name == "Piper en_US-tiny-test"


def test_piper_defaults_to_the_joe_voice():
    assert PiperBackend().voice_name == "Piper en_US-joe-medium"


def test_piper_reports_a_missing_voice_file(tmp_path):
    with pytest.raises(SynthesisError, match="not found"):
        PiperBackend(voice=str(tmp_path / "missing.onnx")).load()


def test_espeak_says_when_it_is_missing_and_speaks_when_present():
    backend = EspeakBackend()
    if shutil.which("espeak-ng") is None:
        with pytest.raises(SynthesisError, match="espeak-ng is not installed"):
            backend.load()
        return
    backend.load()
    pcm = b"".join(backend.synthesise("Hello there."))
    assert len(pcm) > 1000
    assert backend.sample_rate == 22050
