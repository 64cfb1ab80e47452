"""Abstract demo artwork drawn with Pillow: article illustrations, author avatars and the logo.

Nothing here is a photograph and nothing is copied: every picture is a gradient with shapes on
it, drawn from a seed, so the same seed always gives the same PNG. Each function returns PNG
bytes; saving them as Wagtail images is the loader's job.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

# Background from, background to, then accent colours. Muted, print-like tones.
PALETTES = [
    ("#1d3557", "#457b9d", "#a8dadc", "#f1faee", "#e63946"),
    ("#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"),
    ("#2b2d42", "#8d99ae", "#edf2f4", "#ef233c", "#d90429"),
    ("#3d405b", "#81b29a", "#f2cc8f", "#e07a5f", "#f4f1de"),
    ("#0b3954", "#087e8b", "#bfd7ea", "#ff5a5f", "#c81d25"),
    ("#283618", "#606c38", "#fefae0", "#dda15e", "#bc6c25"),
    ("#22223b", "#4a4e69", "#9a8c98", "#c9ada7", "#f2e9e4"),
    ("#003049", "#d62828", "#f77f00", "#fcbf49", "#eae2b7"),
    ("#5f0f40", "#9a031e", "#fb8b24", "#e36414", "#0f4c5c"),
    ("#073b4c", "#118ab2", "#06d6a0", "#ffd166", "#ef476f"),
    ("#2f3e46", "#52796f", "#84a98c", "#cad2c5", "#354f52"),
    ("#3c1642", "#086375", "#1dd3b0", "#affc41", "#b2ff9e"),
    ("#463f3a", "#8a817c", "#bcb8b1", "#f4f3ee", "#e0afa0"),
    ("#10002b", "#3c096c", "#7b2cbf", "#c77dff", "#e0aaff"),
    ("#1b263b", "#415a77", "#778da9", "#e0e1dd", "#f28f3b"),
    ("#582f0e", "#7f4f24", "#b6ad90", "#c2c5aa", "#a4ac86"),
]

LEAD_SIZE = (1600, 900)
INK, PAPER = "#16213a", "#f3ede2"


def _rgb(value):
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))


def _alpha(colour, alpha):
    return (*_rgb(colour), alpha)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


def gradient(size, start, end, tilt):
    """A smooth two-colour gradient; tilt 0 runs top to bottom, 1 left to right."""
    vertical = Image.linear_gradient("L")
    mask = Image.blend(vertical, vertical.rotate(90), tilt).resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _ridges(draw, rng, size, colours):
    """Layered hills, like a river valley seen from a bridge."""
    width, height = size
    for layer in range(5):
        base = height * (0.35 + layer * 0.13)
        step = width // 8
        points = [(0, height)]
        for x in range(0, width + step, step):
            points.append((x, base + rng.uniform(-60, 60)))
        points.append((width, height))
        draw.polygon(points, fill=_alpha(colours[layer % len(colours)], 150 + layer * 20))
    sun = rng.uniform(0.15, 0.85) * width, rng.uniform(0.12, 0.3) * height
    radius = rng.uniform(50, 110)
    draw.ellipse(
        [sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius],
        fill=_alpha(colours[-1], 200),
    )


def _blocks(draw, rng, size, colours):
    """Overlapping panels, like columns of a ballot or a chamber seen from above."""
    width, height = size
    for _ in range(rng.randint(9, 14)):
        x, y = rng.uniform(-100, width), rng.uniform(-100, height)
        w, h = rng.uniform(120, 420), rng.uniform(120, 520)
        draw.rectangle([x, y, x + w, y + h], fill=_alpha(rng.choice(colours), rng.randint(90, 190)))
    for i in range(rng.randint(6, 10)):
        x = width * (0.1 + i * 0.09)
        draw.line([(x, height * 0.1), (x, height * 0.9)], fill=_alpha(colours[-1], 120), width=6)


def _bars(draw, rng, size, colours):
    """A bar chart that measures nothing, with a trend line across it."""
    width, height = size
    count = rng.randint(9, 14)
    slot = width / (count + 1)
    tops = []
    for i in range(count):
        top = height * rng.uniform(0.25, 0.8)
        x = slot * (i + 0.6)
        draw.rectangle([x, top, x + slot * 0.7, height], fill=_alpha(colours[i % 3], 170))
        tops.append((x + slot * 0.35, top - 30))
    draw.line(tops, fill=_alpha(colours[-1], 230), width=8, joint="curve")


def _orbits(draw, rng, size, colours):
    """Rings and meridians, like a globe drawn by someone in a hurry."""
    width, height = size
    cx, cy = width * rng.uniform(0.35, 0.65), height * rng.uniform(0.4, 0.6)
    for i in range(7):
        rx, ry = 90 + i * 70, (90 + i * 70) * rng.uniform(0.35, 1.0)
        draw.ellipse(
            [cx - rx, cy - ry, cx + rx, cy + ry],
            outline=_alpha(colours[i % len(colours)], 200),
            width=rng.randint(4, 14),
        )
    for _ in range(rng.randint(5, 9)):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(10, 40)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_alpha(colours[-1], 220))


def _circles(draw, rng, size, colours):
    """Bold overlapping discs, like stage lights on a curtain."""
    width, height = size
    for _ in range(rng.randint(7, 12)):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(80, 330)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=_alpha(rng.choice(colours), rng.randint(80, 170))
        )


def _split(draw, rng, size, colours):
    """A diagonal split and one large disc: the shape of an argument."""
    width, height = size
    cut = rng.uniform(0.3, 0.7) * width
    draw.polygon(
        [(cut, 0), (width, 0), (width, height), (cut - 300, height)], fill=_alpha(colours[0], 200)
    )
    r = rng.uniform(170, 260)
    cx, cy = cut + rng.uniform(-120, 120), height * rng.uniform(0.35, 0.65)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_alpha(colours[-1], 230))
    for i in range(4):
        y = height * (0.2 + i * 0.18)
        draw.rectangle([80, y, 80 + rng.uniform(200, 520), y + 18], fill=_alpha(colours[1], 210))


STYLES = {
    "ridges": _ridges,
    "blocks": _blocks,
    "bars": _bars,
    "orbits": _orbits,
    "circles": _circles,
    "split": _split,
}


def _palette(rng, palette):
    return PALETTES[palette % len(PALETTES)] if palette is not None else rng.choice(PALETTES)


def illustration(seed, style, *, palette=None, size=LEAD_SIZE):
    """An abstract illustration in one of STYLES; the palette is PALETTES[palette] or seeded."""
    rng = random.Random(seed)  # noqa: S311 - demo art, not cryptography
    start, end, *accents = _palette(rng, palette)
    image = gradient(size, start, end, rng.random())
    STYLES[style](ImageDraw.Draw(image, "RGBA"), rng, size, accents)
    return _png(image)


def avatar(seed, initials, *, palette=None, size=480):
    """A square portrait stand-in: gradient, two discs and the person's initials."""
    rng = random.Random(seed)  # noqa: S311 - demo art, not cryptography
    start, end, *accents = _palette(rng, palette)
    image = gradient((size, size), start, end, rng.random())
    draw = ImageDraw.Draw(image, "RGBA")
    for colour in rng.sample(accents, 2):
        x, y, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(size * 0.3, size * 0.55)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_alpha(colour, 120))
    font = ImageFont.load_default(size=size // 3)
    draw.text(
        (size / 2, size / 2),
        initials,
        font=font,
        fill=PAPER,
        anchor="mm",
        stroke_width=size // 120,
        stroke_fill=PAPER,
    )
    return _png(image)


def logo(monogram, size=512):
    """The newsroom's mark: a monogram on an ink tile, underlined like a ledger page."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 8, fill=INK)
    font = ImageFont.load_default(size=int(size * 0.42))
    draw.text(
        (size / 2, size * 0.44),
        monogram,
        font=font,
        fill=PAPER,
        anchor="mm",
        stroke_width=size // 50,
        stroke_fill=PAPER,
    )
    for i, colour in enumerate((PAPER, "#c8553d")):
        y = size * (0.72 + i * 0.07)
        draw.rectangle([size * 0.18, y, size * 0.82, y + size * 0.025], fill=colour)
    return _png(image)
