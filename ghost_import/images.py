"""Ghost's images, found in its content folder and kept as Wagtail images, never downloaded.

A Ghost export names images by URL: ``__GHOST_URL__/content/images/2024/01/a.jpg``, the old
site's absolute URL, or a path. Each is looked up under the ``--content`` folder (Ghost's
``content/``, holding ``images/``, ``media/`` and ``files/``); Ghost's resized copies
(``/content/images/size/w600/...``, ``.../format/webp/...``) stand for their original. A path
that would leave the folder is refused. A file goes through the same checks as an editor's
upload (core/uploads.py), and one already stored (Wagtail's ``file_hash``, SHA-1 of its bytes)
is used again rather than stored twice.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from core.uploads import UploadImageField

GHOST_URL = "__GHOST_URL__"
CONTENT_PREFIX = "/content/"
# Ghost's responsive copies of an image: /content/images/size/w600/..., .../format/webp/...
RESIZED = re.compile(r"^/content/images/(?:size/[^/]+/)?(?:format/[^/]+/)?")


def content_path(url, *, site_hosts=()):
    """The path under content/ that ``url`` names ("images/2024/01/a.jpg"), or None when it is
    not the old site's (another host's URL, a data: URL)."""
    url = (url or "").strip()
    if url.startswith(GHOST_URL):
        url = url[len(GHOST_URL) :]
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.lower() not in site_hosts:
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = "/" + path.removeprefix("./")
    if not path.startswith(CONTENT_PREFIX):
        path = CONTENT_PREFIX + path.lstrip("/") if not parts.netloc else path
    if not path.startswith(CONTENT_PREFIX):
        return None
    path = RESIZED.sub("/content/images/", path, count=1)
    return path[len(CONTENT_PREFIX) :]


@dataclass
class ImageStore:
    """Loads images for one import run; ``missing`` and ``refused`` say what was not loaded."""

    content_dir: Path | None
    dry_run: bool = False
    site_hosts: tuple[str, ...] = ()
    collection_id: int | None = None
    created: int = 0
    reused: int = 0
    missing: dict[str, str] = field(default_factory=dict)
    _by_path: dict[str, int | None] = field(default_factory=dict)

    def __post_init__(self):
        self.root = Path(self.content_dir).resolve() if self.content_dir else None

    def image_id(self, url, *, title=""):
        """The Wagtail image id for ``url``, loading it on first sight; None if not loaded
        (the reason is in ``missing``). In a dry run nothing is stored and the id is None."""
        relative = content_path(url, site_hosts=self.site_hosts)
        key = relative or url
        if key in self._by_path:
            return self._by_path[key]
        image_id = None
        if relative is None:
            self.missing[url] = "not the old site's: never downloaded"
        elif self.root is None:
            self.missing[url] = "not in --content (no --content folder given)"
        else:
            image_id = self._load(url, relative, title=title)
        self._by_path[key] = image_id
        return image_id

    def _file(self, url, relative):
        """The file ``relative`` names inside the content folder, or None (reason noted)."""
        if any(part in ("..", "") for part in PurePosixPath(relative).parts) or "\\" in relative:
            self.missing[url] = "refused: the path leaves the content folder"
            return None
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
            self.missing[url] = "refused: the path leaves the content folder"
            return None
        if not path.is_file():
            self.missing[url] = "not in --content"
            return None
        return path

    def _load(self, url, relative, *, title):
        path = self._file(url, relative)
        if path is None:
            return None
        data = path.read_bytes()
        file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 (Wagtail's own file_hash)
        Image = get_image_model()
        existing = Image.objects.filter(file_hash=file_hash).values_list("pk", flat=True).first()
        if existing is not None:
            self.reused += 1
            return existing
        upload = SimpleUploadedFile(path.name, data)
        try:
            UploadImageField().clean(upload)
        except ValidationError as error:
            self.missing[url] = "refused: " + " ".join(error.messages)
            return None
        self.created += 1
        if self.dry_run:
            return None
        fields = {"collection_id": self.collection_id} if self.collection_id else {}
        image = Image(title=(title or path.stem)[:255], **fields)
        image.file = ImageFile(upload, name=upload.name)
        image.file_size = len(data)
        image.file_hash = file_hash
        image.save()
        return image.pk
