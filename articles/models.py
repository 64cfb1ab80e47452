from django.conf import settings
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import seo
from core.models import NewsroomSettings
from core.pagination import paginate

from . import selectors
from .blocks import ArticleBodyBlock, read_text
from .reading_time import count_words, reading_minutes
from .related import related_articles


class HomePage(Page):
    """The front page: the lead story and the latest news from every section."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage"]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from picks.models import EDITORS_PICKS, TOP_STORIES
        from picks.selectors import curated_articles

        context = super().get_context(request, *args, **kwargs)
        top = selectors.front_page_top(
            curated=curated_articles(slug=TOP_STORIES, limit=selectors.FRONT_PAGE_TOP)
        )
        more_news = paginate(
            request,
            selectors.article_list().exclude(pk__in=[article.pk for article in top]),
            per_page=settings.MASTHEAD_PAGE_SIZE,
        )
        more_news.object_list = list(more_news.object_list)
        editors_picks = curated_articles(slug=EDITORS_PICKS, limit=6)
        selectors.attach_sections([*top, *more_news.object_list, *editors_picks])
        latest = selectors.latest_by_section()
        context.update(
            lead=top[0] if top else None,
            top_stories=top[1:],
            more_news=more_news,
            editors_picks=editors_picks,
            section_blocks=[
                (section, latest[section.path])
                for section in selectors.nav_sections(request=request)
                if section.path in latest
            ],
        )
        return context


class SectionPage(Page):
    """A section such as Ukraine, World, Business or Opinion; its articles are its children."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "pages/section_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = paginate(
            request, selectors.article_list(section=self), per_page=settings.MASTHEAD_PAGE_SIZE
        )
        page.object_list = selectors.attach_sections(page.object_list)
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


class ArticlePage(Page):
    standfirst = models.TextField(
        max_length=400, help_text="One or two sentences under the headline; also the summary."
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
    word_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        FieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "related_choices",
            heading="Related articles",
            label="Related article",
            help_text="Optional. Your choices come first; the rest are chosen automatically.",
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("mark_as_update")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "article_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        self.word_count = count_words(self.title, self.standfirst, *read_text(self.body))
        return super().save(*args, **kwargs)

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from picks.models import EDITORS_PICKS
        from picks.selectors import curated_articles

        context.update(selectors.article_detail_context(article=self))
        context["related_articles"] = selectors.attach_sections(
            related_articles(self, tags=context["tags"])
        )
        context["editors_picks"] = [
            pick for pick in curated_articles(slug=EDITORS_PICKS, limit=6) if pick.pk != self.pk
        ][:5]
        canonical_url = self.get_full_url(request)
        share_image = (
            self.lead_image.get_rendition(seo.SHARE_IMAGE_SPEC) if self.lead_image else None
        )
        share_image_url = request.build_absolute_uri(share_image.url) if share_image else None
        context.update(
            canonical_url=canonical_url,
            share_image=share_image,
            share_image_url=share_image_url,
            share_image_alt=self.lead_image_caption,
            can_edit=request.user.is_authenticated
            and self.permissions_for_user(request.user).can_edit(),
            structured_data=seo.news_article(
                article=self,
                canonical_url=canonical_url,
                authors=[credit.author for credit in context["credits"]],
                section=context["section"],
                tags=context["tags"],
                image_url=share_image_url,
                publisher=seo.organization(
                    newsroom=NewsroomSettings.load(request_or_site=request), request=request
                ),
                request=request,
            ),
        )
        return context
