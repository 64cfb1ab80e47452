from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, RevisionMixin

from .panels import CuratedItemsPanel

TOP_STORIES = "top-stories"
EDITORS_PICKS = "editors-picks"


class CuratedList(RevisionMixin, ClusterableModel):
    name = models.CharField(max_length=80)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="How templates find this list; don't change it."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        CuratedItemsPanel("items", heading="Articles, in order", label="Article"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CuratedItem(Orderable):
    curated_list = ParentalKey(CuratedList, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="curated_items"
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: the article leaves the list at this time."
    )

    panels = [FieldPanel("article"), FieldPanel("expires_at")]

    def __str__(self):
        return str(self.article)
