import operator
from functools import partial

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import seo
from core.absolute_urls import absolute_url
from core.models import NewsroomSettings
from core.pagination import page_number, paginate
from core.search_fields import plain_fields, plain_title_fields
from editorial.publication_time import ExpiryPanel, PublishedAtMixin
from pagecache import depends_on, memo, variants
from pagecache import tags as cache_tags
from pagecache.pages import SITE_WIDE, PublicPageMixin

from . import cache, selectors
from .access import Access, can_read, reader_for
from .blocks import ArticleBodyBlock, read_text, split_preview
from .forms import ArticlePageForm, SectionPageForm
from .paywall import paywall_card
from .reading_time import count_words, reading_minutes
from .related import related_articles
from .social import SocialMetaMixin
from .summary import article_summary
from .tags import TagWidget

# Functions registered under this name (``wagtail.hooks``) are asked for the editors' top
# stories, ``fn(request=request, limit=n)`` → published articles in order (picks registers
# one); the front page leads with them and fills up with the latest news.
TOP_STORIES_HOOK = "front_page_top_stories"

# An article's own level, or (blank, the default) its section's. Specific tiers
# (``Access.TIERS``) name the tiers they open to: the article's ``access_tiers``, or its
# section's ``default_tiers`` when it inherits the level.
INHERIT = ""
SECTION_ACCESS_CHOICES = Access.choices
ARTICLE_ACCESS_CHOICES = [(INHERIT, "As its section sets (the default)"), *SECTION_ACCESS_CHOICES]


def curated_top_stories(request):
    """The top stories editors chose, from every function registered under TOP_STORIES_HOOK."""
    return [
        article
        for top_stories in hooks.get_hooks(TOP_STORIES_HOOK)
        for article in top_stories(request=request, limit=selectors.FRONT_PAGE_TOP)
    ]


class HomePage(PublicPageMixin, Page):
    """The front page: the lead story and the latest news from every section."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.InfoPage"]
    max_count = 1
    template = "pages/home_page.html"

    def cache_listings(self):
        """The front page is in every page's navigation (its name, its link)."""
        return SITE_WIDE

    def route(self, request, path_components):
        """/<section>/<article>/ in one query, rather than a query and a cast per level."""
        if len(path_components) == 2:
            url_path = f"{self.url_path}{path_components[0]}/{path_components[1]}/"
            article = memo.page_at(
                request,
                url_path,
                lambda: (
                    selectors.with_access(ArticlePage.objects.live())
                    .filter(url_path=url_path)
                    .first()
                ),
            )
            if article is not None:
                return RouteResult(article)
        return super().route(request, path_components)

    def _front_context(self, request):
        """The lead, top stories, "More news" and section blocks, read only when rendered."""
        top = selectors.front_page_top(curated=curated_top_stories(request))
        more_news = paginate(
            request,
            selectors.article_list().exclude(pk__in=[article.pk for article in top]),
            per_page=settings.MASTHEAD_PAGE_SIZE,
        )
        more_news.object_list = list(more_news.object_list)
        selectors.attach_sections([*top, *more_news.object_list])
        latest = selectors.latest_by_section()
        depends_on(
            request,
            cache.ARTICLES,
            *cache_tags.pages([*top, *more_news.object_list]),
            *cache_tags.pages(article for articles in latest.values() for article in articles),
        )
        return {
            "lead": top[0] if top else None,
            "top_stories": top[1:],
            "more_news": more_news,
            "section_blocks": [
                (section, latest[section.path])
                for section in selectors.nav_sections(request=request)
                if section.path in latest
            ],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if rendered: the template's {% fragment %}s are usually stored, so a News
        # Feed post (which refreshes the front page) costs the column alone. Editors' Picks are
        # picks' own tag ({% editors_picks %}).
        context["front"] = SimpleLazyObject(lambda: self._front_context(request))
        # Checked now, not when "More news" renders: its fragment may be stored.
        context["page_number"] = page_number(request)
        context.update(
            seo.front_page_context(
                newsroom=NewsroomSettings.load(request_or_site=request), request=request
            )
        )
        return context


class InfoPage(PublicPageMixin, Page, SocialMetaMixin):
    """A page that stands alone beside the sections, such as About, Contact or Ethics: a
    headline, an optional standfirst and lead image, and the articles' body blocks. A Ghost
    site's pages come across as these (ghost_import)."""

    standfirst = models.TextField(max_length=400, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading="Lead image"
        ),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *SocialMetaMixin.social_panels]
    search_fields = [
        *Page.search_fields,
        *plain_title_fields(Page.search_fields),
        *plain_fields([index.SearchField("standfirst"), index.SearchField("body")]),
    ]
    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    template = "pages/info_page.html"

    class Meta:
        verbose_name = "page"

    @property
    def meta_description(self):
        return " ".join(self.search_description.split()) or self.standfirst

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        default = None
        if self.lead_image:
            rendition = self.lead_image.get_rendition(seo.SHARE_IMAGE_SPEC)
            default = absolute_url(request, rendition.url)
        context["share_image_url"], context["twitter_image_url"] = self.social_images(
            request, default=default
        )
        context["share_image"] = bool(context["share_image_url"])
        return context


class SectionPage(PublicPageMixin, Page):
    """A section such as Ukraine, World, Business or Opinion; its articles are its children."""

    intro = models.CharField(max_length=250, blank=True)
    default_access = models.CharField(
        "who can read its articles",
        max_length=10,
        choices=SECTION_ACCESS_CHOICES,
        default=Access.PUBLIC,
        help_text="For each article left at “As its section sets”. Members: any reader signed "
        "in with a free account. Paid members: readers with a paid membership. Specific "
        "tiers: members of the tiers ticked below. Readers without access see the article's "
        "preview and an invitation to sign in or join.",
    )
    default_tiers = ParentalManyToManyField(
        "payments.Tier",
        blank=True,
        related_name="+",
        verbose_name="tiers",
        help_text="For “Specific tiers” only: members of any tier ticked here read the articles.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [
        FieldPanel("default_access"),
        FieldPanel("default_tiers", widget=forms.CheckboxSelectMultiple),
        *Page.settings_panels,
    ]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "pages/section_page.html"
    base_form_class = SectionPageForm

    def cache_listings(self):
        """A section is in every page's navigation."""
        return SITE_WIDE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = paginate(
            request, selectors.article_list(section=self), per_page=settings.MASTHEAD_PAGE_SIZE
        )
        page.object_list = selectors.attach_sections(page.object_list)
        depends_on(request, cache.section(self.pk), *cache_tags.pages(page.object_list))
        context["articles"] = page
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="tagged")


class ArticleAuthor(Orderable):
    """One credit in an article's byline; sort_order is the byline order."""

    page = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]


class RelatedArticleChoice(Orderable):
    """An editor's choice of related article, shown before the automatic ones."""

    page = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="related_choices")
    article = models.ForeignKey("ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class ArticleCorrection(Orderable):
    """An editor's note of what was wrong and is now corrected, shown with its date."""

    page = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(
        default=timezone.now, help_text="When the article was corrected; readers see this date."
    )
    note = models.TextField(
        max_length=1000,
        help_text="Plain words: what the article said, and what is right. "
        'E.g. "An earlier version misstated the year the bridge opened. It was 1962."',
    )

    panels = [FieldPanel("corrected_at"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "correction"


# "More news" under an article: the newest stories but the article itself.
MORE_NEWS_SIZE = 6

# The article page's context read lazily from ArticlePage._detail_context.
DETAIL = (
    "credits",
    "tags",
    "section",
    "teasers",
    "share_image",
    "share_image_url",
    "twitter_image_url",
    "structured_data",
    "corrections",
)


class ArticlePage(PublishedAtMixin, PublicPageMixin, Page, SocialMetaMixin):
    standfirst = models.TextField(
        max_length=400,
        blank=True,
        help_text="Optional: one or two sentences under the headline. Without one, listings, "
        "feeds and search engines show the search description, else the start of the first "
        "paragraph.",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(
        max_length=150, blank=True, help_text='Shown in brackets, e.g. "Contributor/Agency".'
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    mark_as_update = models.BooleanField(
        default=False,
        verbose_name="Mark this publish as an update",
        help_text='Readers see "Updated" with the time of this publish.',
    )
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    featured = models.BooleanField(
        default=False,
        help_text="Highlighted by front ends that read the Content API (Ghost's “featured”).",
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    access = models.CharField(
        "who can read it",
        max_length=10,
        choices=ARTICLE_ACCESS_CHOICES,
        default=INHERIT,
        blank=True,
        help_text="Members: any reader signed in with a free account. Paid members: readers "
        "with a paid membership. Specific tiers: members of the tiers ticked below. Readers "
        "without access see the standfirst and the body up to "
        "a “Preview ends here” block (else its first two paragraphs), then an invitation to "
        "sign in or join; feeds, search, newsletters and the podcast show only that preview.",
    )
    access_tiers = ParentalManyToManyField(
        "payments.Tier",
        blank=True,
        related_name="+",
        verbose_name="tiers",
        help_text="For “Specific tiers” only: members of any tier ticked here read the article.",
    )

    content_panels = [
        # Typing the headline fills the slug (Promote tab) until the article is published.
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        FieldPanel("first_published_at", heading="Published"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("tags", widget=TagWidget),
        InlinePanel(
            "related_choices",
            heading="Related articles",
            label="Related article",
            help_text="Optional. Your choices come first; the rest are chosen automatically.",
        ),
        InlinePanel(
            "corrections",
            heading="Corrections",
            label="Correction",
            help_text="When a published fact was wrong, fix it and add a note here. Readers see "
            "the note with its date on the article, and it is listed on /corrections/.",
        ),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("mark_as_update"),
        FieldPanel("featured"),
        *SocialMetaMixin.social_panels,
    ]
    # "Published" schedules an article, so its schedule dialog keeps "Expire at" only.
    settings_panels = [
        FieldPanel("access"),
        FieldPanel("access_tiers", widget=forms.CheckboxSelectMultiple),
        ExpiryPanel(),
        *(panel for panel in Page.settings_panels if not panel.path.endswith(".PublishingPanel")),
    ]
    search_fields = [
        *Page.search_fields,
        # Typographic quotes and dashes are indexed as plain ones too (core/search_fields.py).
        *plain_title_fields(Page.search_fields),
        *plain_fields(
            [
                index.SearchField("standfirst"),
                index.SearchField("body"),
                index.RelatedFields("tags", [index.SearchField("name")]),
                index.RelatedFields(
                    "article_authors",
                    [index.RelatedFields("author", [index.SearchField("name")])],
                ),
            ]
        ),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    template = "pages/article_page.html"
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = "article"

    def cache_listings(self):
        """The front page, its section, its tags, the site's feed and sitemaps; its authors'
        pages and the podcast are their apps' (articles/cache.py, pagecache/dependents.py)."""
        return cache.article_listings(self)

    def cache_listings_under(self, parent):
        """What listed the article under ``parent`` (after a move, its old section)."""
        return cache.section_listings(parent)

    def save(self, *args, **kwargs):
        self.word_count = count_words(self.title, self.standfirst, *read_text(self.body))
        return super().save(*args, **kwargs)

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    @cached_property
    def summary(self):
        """What cards, feeds, JSON-LD and emails show under the headline (articles/summary.py)."""
        return article_summary(self)

    @property
    def meta_description(self):
        return " ".join(self.search_description.split()) or self.summary

    def effective_access(self):
        """Who may read the article (``access.Access``): its own level, else its section's.

        The section's comes with the article when it was routed to (``HomePage.route`` reads
        it in the same query: ``selectors.with_access``), else it is read once. An article
        outside any section is closed but to paying members."""
        if self.access != INHERIT:
            return self.access
        if getattr(self, "section_access", None) is None:
            self.section_access = selectors.section_default_access(self)
        return self.section_access or Access.PAID

    def tier_ids(self):
        """The tiers an ``Access.TIERS`` article opens to: its own (through the relation, so
        previews and revisions show theirs), else its section's when it inherits the level."""
        if self.access == Access.TIERS:
            return frozenset(tier.pk for tier in self.access_tiers.all())
        if self.access == INHERIT:
            return selectors.section_tier_ids(self)
        return frozenset()

    def readable_by(self, reader):
        access = self.effective_access()
        # Only a level of tiers reads them (a query): the others need none.
        tier_ids = self.tier_ids() if access == Access.TIERS else frozenset()
        return can_read(access, reader, tier_ids=tier_ids)

    @property
    def published_at(self):
        return self.first_published_at

    @property
    def shows_update(self):
        return bool(
            self.updated_at
            and self.first_published_at
            and self.updated_at > self.first_published_at
        )

    def _related_articles(self, request, *, tags):
        related = selectors.attach_sections(related_articles(self, tags=tags))
        depends_on(request, *cache_tags.pages(related))
        return related

    def _more_news(self, request):
        latest = selectors.latest_articles(limit=MORE_NEWS_SIZE, exclude=self)
        # Any newly published article joins the list: its publication refreshes the page.
        depends_on(request, cache.ARTICLES, *cache_tags.pages(latest))
        return latest

    def _detail_context(self, request):
        """What the article's header, body and meta tags show beyond its fields (read once)."""
        detail = selectors.article_detail_context(article=self)
        canonical_url = self.canonical_url or self.get_full_url(request)
        # The share image and the JSON-LD's other shapes, in one query.
        images = self.lead_image.get_renditions(*seo.ARTICLE_IMAGE_SPECS) if self.lead_image else {}
        share_image = images.get(seo.SHARE_IMAGE_SPEC)
        share_image_url = absolute_url(request, share_image.url) if share_image else None
        og_image_url, twitter_image_url = self.social_images(request, default=share_image_url)
        return {
            **detail,
            # An editor's own Facebook image replaces the lead image's size in the tags.
            "share_image": share_image if og_image_url == share_image_url else bool(og_image_url),
            "share_image_url": og_image_url,
            "twitter_image_url": twitter_image_url,
            "structured_data": seo.news_article(
                article=self,
                canonical_url=canonical_url,
                authors=[credit.author for credit in detail["credits"]],
                section=detail["section"],
                tags=detail["tags"],
                images=[images[spec] for spec in seo.ARTICLE_IMAGE_SPECS if spec in images],
                publisher=seo.organization(
                    newsroom=NewsroomSettings.load(request_or_site=request), request=request
                ),
                request=request,
                accessible_for_free=self.effective_access() == Access.PUBLIC,
            ),
        }

    def reads_whole(self, request):
        """Whether the request's reader reads the whole article (editors' previews do). The
        reader is asked only of a gated article: a public one reads no session."""
        return (
            self.effective_access() == Access.PUBLIC
            or getattr(request, "is_preview", False)
            or self.readable_by(reader_for(request))
        )

    def public_for(self, request):
        """A gated article's page differs by reader kind: it is public (and stored by the page
        cache) for the anonymous reader and for a reader whose kind an app noted as the page's
        variant (pagecache/variants.py); any other reader's is theirs alone."""
        if self.effective_access() == Access.PUBLIC:
            return True
        if getattr(request, "is_preview", False):
            return False
        return not reader_for(request).signed_in or variants.noted(request) is not None

    def body_parts(self, *, reads_whole):
        """The body's blocks the page shows: ``preview`` (every block, for a public article)
        and ``rest``, the gated part, only for a reader who reads it whole."""
        preview, rest = split_preview(self.body)
        if self.effective_access() == Access.PUBLIC:
            return {"preview": [*preview, *rest], "rest": []}
        return {"preview": preview, "rest": rest if reads_whole else []}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything below is read only if the page renders it: the template's {% fragment %}s
        # are usually stored, and then this article costs its route and little more.
        detail = SimpleLazyObject(lambda: self._detail_context(request))
        context.update(
            {name: SimpleLazyObject(partial(operator.getitem, detail, name)) for name in DETAIL}
        )
        context["related_articles"] = SimpleLazyObject(
            lambda: self._related_articles(request, tags=context["tags"])
        )
        context["more_news"] = SimpleLazyObject(lambda: self._more_news(request))
        # Whether the reader reads the gated part: the body's fragment is kept apart for each
        # answer, and without access the gated blocks are never rendered at all.
        reads_whole = self.reads_whole(request)
        context["reads_whole"] = reads_whole
        context["body_parts"] = SimpleLazyObject(lambda: self.body_parts(reads_whole=reads_whole))
        if not reads_whole:
            access = self.effective_access()
            context["paywall"] = paywall_card(
                access=access,
                next_path=self.get_url(request) or "/",
                tiers=selectors.offered_tiers(self.tier_ids()) if access == Access.TIERS else (),
            )
        # What the article's own fragments show, known without a query: the site (section
        # names), the article (its bylines, tags and narration refresh it) and its teasers.
        # They share the lazy context above, so each names these tags itself.
        shown = [
            cache_tags.SITE,
            cache_tags.page(self.pk),
            *map(cache_tags.page, selectors.teased_article_ids(self)),
        ]
        depends_on(request, *shown)
        context.update(
            article_tags=",".join(shown),
            canonical_url=self.get_full_url(request),
            share_image_alt=self.lead_image_caption,
            can_edit=request.user.is_authenticated
            and self.permissions_for_user(request.user).can_edit(),
        )
        return context
