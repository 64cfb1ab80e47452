"""``pad-<width>x<height>``: a Wagtail image operation that shows the whole image, uncropped.

The image is scaled down to fit inside width x height (never up, as Wagtail's own operations)
and centred on a canvas of exactly that size: transparent where the format keeps transparency,
white once saved as JPEG (Wagtail's JPEG output fills transparency with white). So a wide
wordmark or a square avatar becomes a 1200x630 share card, or a 512x512 publisher logo,
without losing its edges to a crop. Registered in ``core/wagtail_hooks.py``.
"""

from wagtail.images.image_operations import FilterOperation

# Larger canvases than this are a mistake in a spec, not something a page needs.
MAX_SIDE = 4000


class PadOperation(FilterOperation):
    def construct(self, size):
        width, _, height = size.partition("x")
        self.width, self.height = int(width), int(height)
        if not (0 < self.width <= MAX_SIDE and 0 < self.height <= MAX_SIDE):
            raise ValueError(f"pad-{size}: each side must be between 1 and {MAX_SIDE} pixels")

    def run(self, willow, image, env):
        from PIL import Image
        from willow.plugins.pillow import PillowImage

        picture = willow.get_pillow_image()
        transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        picture = picture.convert("RGBA" if transparent else "RGB")
        scale = min(self.width / picture.width, self.height / picture.height, 1)
        if scale < 1:
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            picture = picture.resize(size, Image.Resampling.LANCZOS)
        background = (255, 255, 255, 0) if transparent else (255, 255, 255)
        canvas = Image.new(picture.mode, (self.width, self.height), background)
        offset = ((self.width - picture.width) // 2, (self.height - picture.height) // 2)
        canvas.paste(picture, offset)
        return PillowImage(canvas)
