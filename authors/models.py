from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, TitleFieldPanel
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from articles.selectors import article_list_for_author


class AuthorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class Author(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in /author/<slug>/.")
    role = models.CharField(max_length=80, blank=True, help_text='For example "Reporter".')
    bio = models.TextField(max_length=600, blank=True, help_text="Two or three sentences.")
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AuthorQuerySet.as_manager()

    panels = [
        # Typing the name fills the slug, as a page title does.
        TitleFieldPanel("name", classname="", placeholder=False),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        InlinePanel("links", heading="Links", label="Link"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "pages/author.html"

    def get_preview_context(self, request, mode_name):
        return {"author": self, "articles": article_list_for_author(author=self)[:10]}


class AuthorLink(Orderable):
    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text='For example "Email" or "Mastodon".')
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label
