from testkit import builders


def test_renamed_author_is_found_once_published(
    client, section, author, django_capture_on_commit_callbacks
):
    builders.make_article(section, authors=[author], title="Grain exports")
    builders.make_article(section, authors=[author], title="Draft story", publish=False)

    author.name = "Olha Kovalenko"
    with django_capture_on_commit_callbacks(execute=True):
        author.save_revision().publish()

    html = client.get("/search/", {"q": "Kovalenko"}).content.decode()
    assert "Grain exports" in html and "Draft story" not in html
    assert "Grain exports" not in client.get("/search/", {"q": "Bondar"}).content.decode()


def test_saving_an_author_draft_does_not_reindex(
    client, section, author, django_capture_on_commit_callbacks
):
    builders.make_article(section, authors=[author], title="Grain exports")
    author.name = "Olha Kovalenko"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        author.save_revision()
    assert callbacks == []
