"""Editors' own words for search engines and social networks on a page (Ghost's "Meta
data", "Facebook card" and "X card"), shared by articles and info pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core import seo
from core.absolute_urls import absolute_url


class SocialMetaMixin(models.Model):
    """What a page tells search engines and social networks when its editors want other words
    than its headline and summary (Ghost's "Meta data", "Facebook card" and "X card"). Wagtail's
    own ``seo_title`` and ``search_description`` are the meta title and description; each of
    these falls back to them, then to the headline, the summary and the lead image."""

    canonical_url = models.URLField(
        "canonical URL",
        max_length=500,
        blank=True,
        help_text="Only when the story first appeared elsewhere: its original address.",
    )
    og_title = models.CharField("Facebook title", max_length=300, blank=True)
    og_description = models.CharField("Facebook description", max_length=500, blank=True)
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Facebook image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    twitter_title = models.CharField("X title", max_length=300, blank=True)
    twitter_description = models.CharField("X description", max_length=500, blank=True)
    twitter_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="X image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    social_panels = [
        MultiFieldPanel(
            [
                FieldPanel("canonical_url"),
                FieldPanel("og_title"),
                FieldPanel("og_description"),
                FieldPanel("og_image"),
                FieldPanel("twitter_title"),
                FieldPanel("twitter_description"),
                FieldPanel("twitter_image"),
            ],
            heading="Sharing and search",
            classname="collapsed",
        )
    ]

    class Meta:
        abstract = True

    def social_images(self, request, *, default=None):
        """``(og_image_url, twitter_image_url)``: the share image's absolute URLs, each
        editor's choice first, else ``default`` (the page's own share image URL)."""
        urls = []
        for image in (self.og_image, self.twitter_image):
            if image is None:
                urls.append(None)
                continue
            rendition = image.get_rendition(seo.SHARE_IMAGE_SPEC)
            urls.append(absolute_url(request, rendition.url))
        og_url = urls[0] or default
        return og_url, urls[1] or og_url
