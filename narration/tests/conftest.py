import json

import onnx
import pytest
from onnx import TensorProto, helper

SAMPLES_PER_PHONEME_ID = 256
TINY_SAMPLE_RATE = 16000


def build_tiny_voice(folder):
    """A Piper voice of a few hundred bytes: the real loading and synthesis code runs on it.

    The graph takes Piper's inputs (``input`` phoneme ids [1, N], ``input_lengths`` [1],
    ``scales`` [3]) and returns a tone of N x 256 samples as ``output`` [1, 1, T].
    """
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids", "axes"], ["ids3"]),
        helper.make_node("Tile", ["ids3", "repeats"], ["tiled"]),
        helper.make_node("Mul", ["tiled", "step"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-piper-voice",
        inputs=[
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, "N"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        outputs=[helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "T"])],
        initializer=[
            helper.make_tensor("axes", TensorProto.INT64, [1], [1]),
            helper.make_tensor("repeats", TensorProto.INT64, [3], [1, 1, SAMPLES_PER_PHONEME_ID]),
            helper.make_tensor("step", TensorProto.FLOAT, [], [0.05]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / "en_US-tiny-test.onnx"
    onnx.save(model, path)

    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    config = {
        "audio": {"sample_rate": TINY_SAMPLE_RATE, "quality": "x_low"},
        "espeak": {"voice": "en-us"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "num_symbols": 256,
        "num_speakers": 1,
    }
    path.with_suffix(".onnx.json").write_text(json.dumps(config))
    return path


@pytest.fixture(scope="session")
def tiny_voice(tmp_path_factory):
    return build_tiny_voice(tmp_path_factory.mktemp("voice"))


@pytest.fixture
def narration_on(settings, tiny_voice, tmp_path):
    """Narrate on publish with the tiny Piper voice; audio files go to temporary folders
    (public media, and private storage for the audio of articles that are not public)."""
    settings.MASTHEAD_NARRATION_ON_PUBLISH = True
    settings.MASTHEAD_NARRATION = {
        "BACKEND": "narration.backends.piper.PiperBackend",
        "VOICE": str(tiny_voice),
        "VOICE_LICENCE": "A voice built by the test suite.",
        "TIME_LIMIT": 60,
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}
    return settings


@pytest.fixture
def syntheses(monkeypatch):
    """Every call of the synthesis child process, with its result."""
    calls = []
    from narration import services

    real = services.run_synthesis

    def spy(**kwargs):
        result = real(**kwargs)
        calls.append({"paragraphs": kwargs["paragraphs"], "result": result})
        return result

    monkeypatch.setattr(services, "run_synthesis", spy)
    return calls
