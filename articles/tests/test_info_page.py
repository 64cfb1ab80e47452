"""A page that stands alone beside the sections (About, Contact): published under the front
page at its own address, with its body blocks, and in the site's sitemap."""

import pytest

from articles.models import InfoPage


@pytest.fixture
def about(home):
    page = home.add_child(
        instance=InfoPage(
            title="About the Ledger",
            slug="about",
            standfirst="Who we are and who pays for us.",
            body=[("paragraph", "<p>We are owned by our readers.</p>")],
        )
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_info_page_is_served_at_its_own_address(client, about):
    response = client.get("/about/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__headline">About the Ledger</h1>' in html
    assert "Who we are and who pays for us." in html
    assert "We are owned by our readers." in html
    assert '<meta name="description" content="Who we are and who pays for us.">' in html


@pytest.mark.django_db
def test_info_page_is_in_the_sitemap(client, about):
    response = client.get("/sitemap-pages.xml")

    assert response.status_code == 200
    assert "/about/</loc>" in response.content.decode()


@pytest.mark.django_db
def test_an_unpublished_info_page_is_not_found(client, home):
    home.add_child(instance=InfoPage(title="Draft", slug="draft", live=False))

    assert client.get("/draft/").status_code == 404
