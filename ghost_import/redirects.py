"""The old site's URLs, kept: each imported post, page, tag and author path answers 301 to its
new address, and so does each rule of Ghost's redirects file.

Plain paths become Wagtail redirects (``wagtail.contrib.redirects``: tried on a 404, before
anything else). Ghost's redirects file (``[{"from": "^/old/$", "to": "/new/", "permanent":
true}]``) holds regular expressions: one that only anchors a literal path is a plain redirect;
a real one is kept as a ``GhostRedirectRule``, tried by ``middleware`` on a 404 only, unless it
is refused for its shape (see ``regex_refusal``). A redirect from a path that a page of the new
site answers itself, or one that would come back to where it starts, is skipped and reported.
"""

import json
import re
from pathlib import Path

from wagtail.contrib.redirects.models import Redirect

from authors.models import Author

from .export import ExportError, parse_time
from .models import GhostRedirectRule
from .patterns import MAX_RULES, regex_refusal

LITERAL = re.compile(r"^\^?((?:[\w\-~%!@&=;:',/]|\\[./\-])+?)(/\?)?\$?$")


def permalink(setting, post, importer):
    """A post's old path under Ghost's permalink setting ("/:slug/" by default; the dated and
    tag forms too). An unknown placeholder falls back to the default."""
    setting = setting if isinstance(setting, str) and setting.startswith("/") else "/:slug/"
    published = parse_time(post.get("published_at"))
    tag_id = importer.primary_tag_id(post)
    values = {
        "slug": post["slug"],
        "id": post["id"],
        "year": f"{published:%Y}" if published else "",
        "month": f"{published:%m}" if published else "",
        "day": f"{published:%d}" if published else "",
        "primary_tag": importer.export.tags[tag_id]["slug"] if tag_id else "all",
        "primary_author": "",
    }
    authors = importer.export.post_authors.get(post["id"]) or []
    if authors and authors[0] in importer.export.users:
        values["primary_author"] = importer.export.users[authors[0]].get("slug", "")
    names = re.findall(r":(\w+)", setting)
    if any(name not in values or not values[name] for name in names):
        return f"/{post['slug']}/"
    return re.sub(r":(\w+)", lambda match: values[match.group(1)], setting)


def literal_path(pattern):
    """The path a Ghost ``from`` names when it is a literal (anchored or not), else None."""
    match = LITERAL.match(pattern or "")
    if not match:
        return None
    path = re.sub(r"\\([./\-])", r"\1", match.group(1))
    if match.group(2):  # "/old/?": the path with its slash
        path += "/"
    return path if path.startswith("/") else None


def read_redirects_file(path):
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"Cannot read the redirects file {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise ExportError(f"The redirects file {path} is not JSON ({error.msg}).") from None
    if not isinstance(document, list) or not all(isinstance(rule, dict) for rule in document):
        raise ExportError(
            f'The redirects file {path} is not Ghost\'s: a list of {{"from": …, "to": …}}.'
        )
    return document


def import_redirects(importer):
    """Every redirect the import keeps (see the module), written in bulk."""
    report = importer.report
    wanted = {}  # old path -> (page, link, permanent)
    posts = {post["id"]: post for post in importer.export.posts}
    for post_id, page in importer.pages.items():
        wanted[importer.old_path(posts[post_id])] = (page, "", True)
    for tag_id, section in importer.tag_sections.items():
        wanted[f"/tag/{importer.export.tags[tag_id]['slug']}/"] = (section, "", True)
    for tag_id, tag in importer.taggit.items():
        old_slug = importer.export.tags[tag_id]["slug"]
        if tag.slug != old_slug:
            wanted[f"/tag/{old_slug}/"] = (None, f"/tag/{tag.slug}/", True)
    author_slugs = dict(
        Author.objects.filter(pk__in=importer.author_ids.values()).values_list("pk", "slug")
    )
    for user_id, author_id in importer.author_ids.items():
        old_slug = importer.export.users[user_id].get("slug")
        if old_slug and author_slugs.get(author_id) not in (None, old_slug):
            wanted[f"/author/{old_slug}/"] = (None, f"/author/{author_slugs[author_id]}/", True)

    if importer.options.redirects_file:
        rules = read_redirects_file(importer.options.redirects_file)
        regex_rules = []
        for number, rule in enumerate(rules, start=1):
            source, target = str(rule.get("from") or ""), str(rule.get("to") or "")
            permanent = bool(rule.get("permanent", False))
            if not source or not target:
                report.skip("redirect", f"rule {number}", 'it has no "from" or no "to"')
                continue
            path = literal_path(source)
            if path is not None:
                wanted[path] = (None, importer.resolve_url(target), permanent)
                continue
            if reason := regex_refusal(source):
                report.skip("redirect", source, reason)
            elif len(regex_rules) >= MAX_RULES:
                report.skip("redirect", source, f"over {MAX_RULES} regular-expression rules")
            else:
                regex_rules.append((source, target, permanent))
        GhostRedirectRule.objects.all().delete()
        GhostRedirectRule.objects.bulk_create(
            GhostRedirectRule(pattern=source, replacement=target, permanent=permanent, sort_order=i)
            for i, (source, target, permanent) in enumerate(regex_rules)
        )
        report.count("redirect rule", "imported", len(regex_rules))

    _write(importer, wanted)


def _write(importer, wanted):
    report = importer.report
    own_paths = set(importer.new_urls.values()) | {
        importer.url_of(page) for page in importer.home.get_children().only("url_path")
    }
    links = {}
    for old, (page, link, permanent) in wanted.items():
        normalised = Redirect.normalise_path(old)
        target = importer.url_of(page) if page is not None else link
        if len(normalised) > 255:
            report.skip("redirect", old, "the old path is longer than 255 characters")
        elif Redirect.normalise_path(target) == normalised:
            pass  # the page kept its address: nothing to redirect
        elif normalised in own_paths or normalised + "/" in own_paths:
            report.skip("redirect", old, "a page of the new site has this address")
        else:
            links[normalised] = (page, link, permanent, target)
    for old, (_, _, _, target) in list(links.items()):
        # Follow the chain: one that comes back to its start is a loop.
        seen, step = {old}, Redirect.normalise_path(target)
        while step in links and step not in seen:
            seen.add(step)
            step = Redirect.normalise_path(links[step][3])
        if step in seen:
            report.skip("redirect", old, "it would loop back to itself")
            links.pop(old)

    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(site=None, old_path__in=list(links))
    }
    new, changed = [], []
    for old, (page, link, permanent, _) in links.items():
        redirect = existing.get(old)
        if redirect is None:
            new.append(
                Redirect(
                    old_path=old, redirect_page=page, redirect_link=link, is_permanent=permanent
                )
            )
            continue
        if (redirect.redirect_page_id, redirect.redirect_link, redirect.is_permanent) == (
            page.pk if page else None,
            link,
            permanent,
        ):
            report.count("redirect", "unchanged")
            continue
        redirect.redirect_page, redirect.redirect_link = page, link
        redirect.is_permanent = permanent
        changed.append(redirect)
    Redirect.objects.bulk_create(new, batch_size=500)
    Redirect.objects.bulk_update(
        changed, ["redirect_page", "redirect_link", "is_permanent"], batch_size=500
    )
    report.count("redirect", "imported", len(new))
    report.count("redirect", "updated", len(changed))
