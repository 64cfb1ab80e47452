"""The small newsroom test_database_down.py serves: `python -m core.tests.database_down_site`.

Migrates the database DATABASE_URL names and adds the newsroom's settings, a front page, a
section, an author, an article and a newsletter; prints their URLs and the article's id as
JSON. One process for both, so Django starts once.
"""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.test")
    django.setup()
    from django.core.management import call_command

    from core.models import NewsroomSettings
    from newsletters.models import Newsletter
    from testkit import builders

    call_command("migrate", verbosity=0)
    home = builders.make_home()
    # As on any running site; otherwise the first page view creates them, which refreshes
    # every stored page (the settings are on all of them) and refuses that view's own copy.
    NewsroomSettings.load()
    section = builders.make_section(home, title="World")
    author = builders.make_author(name="Olha Bondar")
    article = builders.make_article(section, authors=[author], title="Dam repairs begin")
    Newsletter.objects.create(name="Morning Brief", slug="morning-brief")
    site = {
        "article": article.url,
        "article_id": article.pk,
        "section": section.url,
        "author": f"/author/{author.slug}/",
    }
    print(json.dumps(site))


if __name__ == "__main__":
    main()
