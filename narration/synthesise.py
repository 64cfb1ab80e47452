"""The synthesis child process: ``python -m narration.synthesise OUTPUT.mp3`` reads a job as
JSON on stdin (backend path, its options, the spoken paragraphs), speaks it sentence by
sentence, streams the PCM into an MP3 encoder (mono, 64 kbps) and prints a JSON result.

It runs apart from the worker so that the parent can kill it when it exceeds its time limit
(or when a newer revision supersedes it) and so that the voice's memory (about 500 MB for a
medium Piper voice) is returned when it exits. It needs no Django settings or database.
"""

import json
import resource
import sys
import time

import lameenc

from narration.backends import load_backend
from narration.text import sentences

BIT_RATE_KBPS = 64
PARAGRAPH_PAUSE_SECONDS = 0.4


def synthesise(*, backend, paragraphs, output):
    """Write the MP3 to the open binary file ``output``; return what was made."""
    encoder, sample_rate, samples = None, None, 0
    started = time.monotonic()
    backend.load()
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            for pcm in backend.synthesise(sentence):
                if encoder is None:
                    sample_rate = backend.sample_rate
                    encoder = _encoder(sample_rate)
                samples += len(pcm) // 2
                output.write(encoder.encode(pcm))
        if encoder is not None:
            pause = int(sample_rate * PARAGRAPH_PAUSE_SECONDS)
            samples += pause
            output.write(encoder.encode(bytes(2 * pause)))
    if encoder is None:
        raise ValueError("Nothing to say: the text produced no audio")
    output.write(encoder.flush())
    return {
        "voice": backend.voice_name,
        "sample_rate": sample_rate,
        "samples": samples,
        "seconds": samples / sample_rate,
        "synthesis_seconds": time.monotonic() - started,
        # Linux reports kilobytes.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _encoder(sample_rate):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return encoder


def main(argv):
    job = json.load(sys.stdin)
    try:
        backend = load_backend(job["backend"], job["options"])
        with open(argv[1], "wb") as output:
            result = synthesise(backend=backend, paragraphs=job["paragraphs"], output=output)
    except Exception as error:  # reported to the parent, which records it on the narration
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
