import pytest
from wagtail.images.models import Image

from ghost_import.images import ImageStore, content_path

from .ghost_site import png

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "images" / "2024" / "01").mkdir(parents=True)
    (folder / "images" / "2024" / "01" / "a.png").write_bytes(png())
    (folder / "images" / "2024" / "01" / "copy.png").write_bytes(png())
    (folder / "images" / "2024" / "01" / "fake.png").write_bytes(b"<svg onload=alert(1)>")
    (tmp_path / "secret.png").write_bytes(png(color=(1, 2, 3)))
    return folder


def test_resized_copies_and_every_url_form_name_the_original():
    original = "images/2024/01/a.png"
    assert content_path("__GHOST_URL__/content/images/2024/01/a.png") == original
    assert content_path("/content/images/size/w600/2024/01/a.png") == original
    assert content_path("/content/images/size/w600/format/webp/2024/01/a.png") == original
    assert (
        content_path(
            "https://old.example.org/content/images/2024/01/a.png", site_hosts=("old.example.org",)
        )
        == original
    )
    assert content_path("images/2024/01/a.png") == original
    assert content_path("https://cdn.elsewhere.org/content/images/2024/01/a.png") is None


def test_an_image_is_stored_once_whatever_its_url(content):
    store = ImageStore(content)
    first = store.image_id("__GHOST_URL__/content/images/2024/01/a.png")
    assert store.image_id("/content/images/size/w300/2024/01/a.png") == first
    # Another file with the same bytes is the same image.
    assert store.image_id("/content/images/2024/01/copy.png") == first
    assert Image.objects.count() == 1
    # A later run finds it by its hash.
    assert ImageStore(content).image_id("/content/images/2024/01/a.png") == first
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/content/images/../../secret.png",
        "/content/images/%2e%2e/%2e%2e/secret.png",
        "__GHOST_URL__/content/../secret.png",
    ],
)
def test_paths_out_of_the_content_folder_are_refused(content, url):
    store = ImageStore(content)
    assert store.image_id(url) is None
    assert "leaves the content folder" in store.missing[url]
    assert not Image.objects.exists()


def test_a_symlink_out_of_the_folder_is_refused(content):
    (content / "images" / "link.png").symlink_to(content.parent / "secret.png")
    store = ImageStore(content)
    assert store.image_id("/content/images/link.png") is None
    assert "leaves the content folder" in store.missing["/content/images/link.png"]


def test_nothing_is_downloaded_and_missing_files_are_reported(content):
    store = ImageStore(content)
    assert store.image_id("https://images.unsplash.com/photo-1") is None
    assert store.image_id("/content/images/2024/01/gone.png") is None
    assert store.missing == {
        "https://images.unsplash.com/photo-1": "not the old site's: never downloaded",
        "/content/images/2024/01/gone.png": "not in --content",
    }


def test_files_get_the_upload_checks(content):
    store = ImageStore(content)
    assert store.image_id("/content/images/2024/01/fake.png") is None
    assert store.missing["/content/images/2024/01/fake.png"].startswith("refused:")


def test_a_dry_run_stores_no_file(content):
    store = ImageStore(content, dry_run=True)
    assert store.image_id("/content/images/2024/01/a.png") is None
    assert store.created == 1 and not Image.objects.exists()
