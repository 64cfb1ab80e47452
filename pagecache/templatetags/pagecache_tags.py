"""``{% fragment "name" vary1 vary2 depends="site" %}…{% endfragment %}`` (see fragments.py).

The key is the name and the values of the ``vary`` arguments; ``depends`` names tags the
fragment shows beyond those its content notes itself (comma-separated).
"""

from django import template
from django.utils.safestring import mark_safe

from pagecache import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, depends):
        self.nodelist, self.name, self.vary, self.depends = nodelist, name, vary, depends

    def render(self, context):
        name = self.name.resolve(context)
        vary = ":".join(str(value.resolve(context)) for value in self.vary)
        depends = self.depends.resolve(context) if self.depends else ""
        return mark_safe(  # noqa: S308 - the nodelist's own rendering, escaped as it rendered
            fragments.render(
                context.get("request"),
                f"{name}:{vary}",
                lambda: self.nodelist.render(context),
                tags=[tag for tag in depends.split(",") if tag],
            )
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    depends = None
    vary = []
    for bit in bits[1:]:
        if bit.startswith("depends="):
            depends = parser.compile_filter(bit.removeprefix("depends="))
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[0]), vary, depends)
