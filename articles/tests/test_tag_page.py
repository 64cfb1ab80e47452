from core import testing


def test_tag_page_lists_tagged_published_articles(client, section, author):
    testing.make_article(section, authors=[author], title="Tagged one", tags=["Energy"])
    testing.make_article(section, authors=[author], title="Untagged one")
    testing.make_article(
        section, authors=[author], title="Tagged draft", tags=["Energy"], publish=False
    )
    response = client.get("/tag/energy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tagged one" in html
    assert "Untagged one" not in html and "Tagged draft" not in html


def test_unknown_tag_is_404(client, home):
    assert client.get("/tag/nothing-here/").status_code == 404
