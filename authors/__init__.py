"""Authors: the people credited on bylines, each with a public profile page.

An ``Author`` is a snippet with drafts and revisions, not a user account, so public pages show
profiles and never leak staff user names. Articles credit authors through an ordered inline
(``articles.ArticleAuthor``); the author page at ``/author/<slug>/`` lists their published
articles, newest first.
"""
