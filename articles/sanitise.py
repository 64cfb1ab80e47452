"""HTML that editors cannot write but an import may bring (a Ghost HTML card, a card Masthead
has no block for), made safe to show on a reader's page.

An allow-list of tags and attributes (nh3, the Ammonia sanitiser): no script, style, forms,
frames, event-handler attributes or ``javascript:`` URLs survive; links get
``rel="noopener noreferrer"``. The ``html`` body block runs it when saved and again when
rendered, so markup stored by any other path is still cleaned before a reader sees it.
"""

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(markup):
    """``markup`` with only the allowed tags, attributes and URL schemes left."""
    return nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
