"""Editors' image uploads, refused before anything decodes them.

Wagtail's image field (wagtail/images/fields.py) already refuses a file over
WAGTAILIMAGES_MAX_UPLOAD_SIZE bytes, an extension outside WAGTAILIMAGES_EXTENSIONS, an
extension that does not match the sniffed format, and more than WAGTAILIMAGES_MAX_IMAGE_PIXELS.
Three gaps remain, which UploadImageField closes by checking first:

- It reads the dimensions through Willow's Pillow plugin, which decodes the whole image
  (`PillowImage.open` calls `load()`), so a bomb under Pillow's own limit is decoded in the web
  process before it is refused.
- That plugin counts one frame for any animation, so a 2,000-frame GIF passes the pixel limit.
- It sniffs the file before the byte and extension checks: anything that starts with `<` is
  parsed as SVG, however big.

So the byte size and the name are checked first, then Pillow opens the file lazily (the header
only), limited to the allowed formats, for its real format, dimensions and frame count. A file
whose extension names another allowed format is kept under the extension of its real format
(editors get WebP files named .jpg from the web). Then Wagtail's own checks run unchanged.

Pillow's own limit is set to the same number of pixels (CoreConfig.ready), so renditions and
anything else in the process refuse to decode more than twice it.
"""

import os

from django.core.exceptions import ValidationError
from django.forms.fields import FileField
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class UploadImageField(WagtailImageField):
    """Wagtail's image field, with the checks that must come before any decoding run first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supported = {"supported_formats": self.supported_formats_text}
        self.error_messages["svg"] = (
            _(
                "SVG files are not accepted: they can carry scripts. "
                "Supported formats: %(supported_formats)s."
            )
            % supported
        )
        self.error_messages["not_an_allowed_image"] = (
            _(
                "This file is not an image in a supported format, whatever its name says. "
                "Supported formats: %(supported_formats)s."
            )
            % supported
        )
        self.error_messages["too_many_pixels"] = _(
            "This image is too large: %(size)s pixels (%(megapixels)s megapixels). "
            "The limit is %(limit)s megapixels: make it smaller and upload it again."
        )
        self.error_messages["too_many_frame_pixels"] = _(
            "This animation is too large: %(frames)s frames of %(size)s pixels "
            "(%(megapixels)s megapixels in all). The limit is %(limit)s megapixels counting "
            "every frame: make it shorter or smaller and upload it again."
        )
        self.error_messages["bomb"] = _(
            "This image is too large: over %(megapixels)s megapixels. "
            "The limit is %(limit)s megapixels: make it smaller and upload it again."
        )

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        self.check_before_decoding(upload)
        return super().to_python(data)

    def check_before_decoding(self, upload):
        self.check_image_file_size(upload)  # the size the upload handler counted; nothing read
        stem, extension = os.path.splitext(upload.name)
        extension = extension.lower()[1:]
        if extension == "svg":
            raise ValidationError(self.error_messages["svg"], code="invalid_image_extension")
        if extension not in self.allowed_image_extensions:
            raise ValidationError(
                self.error_messages["invalid_image_extension"], code="invalid_image_extension"
            )

        pillow_formats = self.pillow_formats()
        image_format, (width, height), frames = self.read_header(upload, pillow_formats)
        self.check_pixels(width, height, frames)
        if pillow_formats.get(extension) != image_format:
            real_extension = next(ext for ext, f in pillow_formats.items() if f == image_format)
            upload.name = f"{stem}.{real_extension}"

    def pillow_formats(self):
        """Pillow's format for each allowed extension, e.g. {"jpg": "JPEG", "png": "PNG"}."""
        registered = PILImage.registered_extensions()
        return {
            ext: registered[f".{ext}"]
            for ext in self.allowed_image_extensions
            if f".{ext}" in registered
        }

    def read_header(self, upload, pillow_formats):
        """(format, size, frames) from the header; no pixel data is decoded."""
        upload.seek(0)
        try:
            # Only the allowed formats' parsers see the file (never EPS, PSD and the like).
            with PILImage.open(upload, formats=tuple(set(pillow_formats.values()))) as image:
                return image.format, image.size, getattr(image, "n_frames", 1)
        except PILImage.DecompressionBombError:
            # Over twice Pillow's MAX_IMAGE_PIXELS: Pillow refuses it before saying its size.
            pillow_limit = 2 * PILImage.MAX_IMAGE_PIXELS
            raise ValidationError(
                self.error_messages["bomb"]
                % {
                    "megapixels": megapixels(pillow_limit),
                    "limit": megapixels(self.max_image_pixels or pillow_limit),
                },
                code="file_too_many_pixels",
            ) from None
        except Exception as exc:  # Pillow's parsers raise many kinds of error on bad input
            raise ValidationError(
                self.error_messages["not_an_allowed_image"], code="invalid_image"
            ) from exc
        finally:
            upload.seek(0)

    def check_pixels(self, width, height, frames):
        if self.max_image_pixels is None or width * height * frames <= self.max_image_pixels:
            return
        params = {
            "size": f"{width:,}\N{MULTIPLICATION SIGN}{height:,}",
            "frames": f"{frames:,}",
            "megapixels": megapixels(width * height * frames),
            "limit": megapixels(self.max_image_pixels),
        }
        message = "too_many_pixels" if frames == 1 else "too_many_frame_pixels"
        raise ValidationError(self.error_messages[message] % params, code="file_too_many_pixels")


def megapixels(pixels):
    return f"{pixels / 1_000_000:,.1f}".removesuffix(".0")


class ImageForm(BaseImageForm):
    """Wagtail's image form with UploadImageField for the file (WAGTAILIMAGES_IMAGE_FORM_BASE).

    Wagtail builds its file field in get_image_form's callback, which a base form cannot
    override, so it is replaced here, keeping its label, widget and requiredness. Every image
    upload goes through this form: the add view, the multiple uploader and the chooser.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtail_field = self.fields["file"]
            self.fields["file"] = UploadImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
