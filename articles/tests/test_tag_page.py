from testkit import builders


def test_tag_page_lists_tagged_published_articles(client, section, author):
    builders.make_article(section, authors=[author], title="Tagged one", tags=["Energy"])
    builders.make_article(section, authors=[author], title="Untagged one")
    builders.make_article(
        section, authors=[author], title="Tagged draft", tags=["Energy"], publish=False
    )
    response = client.get("/tag/energy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tagged one" in html
    assert "Untagged one" not in html and "Tagged draft" not in html


def test_unknown_tag_is_404(client, home):
    assert client.get("/tag/nothing-here/").status_code == 404


def test_non_latin_tag_links_and_page_work(client, section, author):
    article = builders.make_article(section, authors=[author], title="Kyiv story", tags=["Україна"])
    html = client.get(article.url).content.decode()
    assert 'href="/tag/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0/"' in html
    response = client.get("/tag/україна/")
    assert response.status_code == 200 and "Kyiv story" in response.content.decode()
