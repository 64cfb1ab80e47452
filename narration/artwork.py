"""The podcast's artwork as Apple Podcasts requires it: square, 1400 to 3000 px, RGB, JPEG or PNG.

- **Show art**: the newsroom's logo centred on its chosen background colour
  (``NewsroomSettings.artwork_background``), 3000 px square, PNG. A logo is seldom artwork as
  it is (the demo's is a 512 px PNG with transparent corners; many are wide wordmarks), so it is
  scaled to fit well inside the square, its transparency laid on the colour. It is a Wagtail
  rendition of the logo (``podcastart-<size>-<colour>``), so it is drawn once, kept in media
  and made again only for a new logo or colour, under a new URL (apps keep artwork by URL).
  Without a logo there is no artwork: Apple then refuses the podcast, so the logo's help text
  says that the podcast uses it.
- **Episode art**: the article's lead image cropped square around its focal point, 1400 px,
  JPEG in RGB (``rgb`` converts CMYK and greyscale photographs). Only when the original is at
  least 1400 px both ways: Apple refuses smaller art, and without it the show's art is shown.

Both operations are registered with Wagtail in ``wagtail_hooks.py``.
"""

import re

from PIL import Image as PILImage
from wagtail.images.image_operations import FilterOperation
from wagtail.images.models import SourceImageIOError
from willow.plugins.pillow import PillowImage

from core.absolute_urls import absolute_url

SHOW_ART_SIZE = 3000
# Apple's bounds for show and episode art.
MIN_ART_SIZE, MAX_ART_SIZE = 1400, 3000
# The share of the square's width and height the logo may take.
LOGO_SHARE = 0.64
EPISODE_ART_SPEC = f"fill-{MIN_ART_SIZE}x{MIN_ART_SIZE}|rgb|format-jpeg"
COLOUR = re.compile(r"#?([0-9a-fA-F]{6})")
DEFAULT_BACKGROUND = "ffffff"


def show_art_spec(background):
    """The rendition spec of the show art on ``background`` (``#rrggbb``; white if invalid)."""
    found = COLOUR.fullmatch(background or "")
    colour = found[1].lower() if found else DEFAULT_BACKGROUND
    return f"podcastart-{SHOW_ART_SIZE}-{colour}|format-png"


def show_art_url(request, newsroom):
    """The absolute URL of the show art, or "" without a logo whose file can be read."""
    if newsroom.logo is None:
        return ""
    try:
        rendition = newsroom.logo.get_rendition(show_art_spec(newsroom.artwork_background))
    except (SourceImageIOError, OSError):
        return ""
    return absolute_url(request, rendition.url)


def episode_art_url(request, image):
    """The absolute URL of an episode's art made from ``image``, or "" if it is too small (or
    missing, or its file cannot be read)."""
    if image is None or min(image.width, image.height) < MIN_ART_SIZE:
        return ""
    try:
        rendition = image.get_rendition(EPISODE_ART_SPEC)
    except (SourceImageIOError, OSError):
        return ""
    return absolute_url(request, rendition.url)


class ShowArtOperation(FilterOperation):
    """``podcastart-<size>-<rrggbb>``: the image scaled to fit ``LOGO_SHARE`` of a square of
    ``size`` px (up or down), centred on an opaque background of that colour; RGB."""

    def construct(self, size, colour):
        self.size = int(size)
        if not MIN_ART_SIZE <= self.size <= MAX_ART_SIZE:
            raise ValueError(f"Podcast art must be {MIN_ART_SIZE} to {MAX_ART_SIZE} px square")
        found = COLOUR.fullmatch(colour)
        if found is None:
            raise ValueError(f"Not a colour: {colour!r} (rrggbb)")
        self.colour = tuple(int(found[1][i : i + 2], 16) for i in (0, 2, 4))

    def run(self, willow, image, env):
        logo = willow.image.convert("RGBA")
        box = self.size * LOGO_SHARE
        scale = min(box / logo.width, box / logo.height)
        fitted = logo.resize(
            (max(1, round(logo.width * scale)), max(1, round(logo.height * scale))),
            PILImage.Resampling.LANCZOS,
        )
        canvas = PILImage.new("RGB", (self.size, self.size), self.colour)
        position = ((self.size - fitted.width) // 2, (self.size - fitted.height) // 2)
        canvas.paste(fitted, position, fitted)  # the logo's own alpha as the mask
        return PillowImage(canvas)


class RGBOperation(FilterOperation):
    """``rgb``: the pixels in RGB, as Apple requires of artwork. CMYK and other images with an
    ICC profile go through it to sRGB; greyscale and palette images are widened; transparency
    is kept for the output format to deal with (JPEG lays it on white)."""

    def construct(self):
        pass

    def run(self, willow, image, env):
        willow = willow.transform_colorspace_to_srgb()
        mode = "RGBA" if willow.has_alpha() else "RGB"
        if willow.image.mode != mode:
            return PillowImage(willow.image.convert(mode))
        return willow
