"""Tags for the markup every page shares (templates/components/ holds the rest).

`{% table %}` writes a data table's frame once: the scrolling wrapper, the visually hidden
caption and a header cell per column (`scope="col"`), around the rows the page writes::

    {% table caption=_("Omsorgstagare") _("Namn") num=_("Dagar sen") hidden=_("Åtgärd") %}
      {% for r in rows %}<tr>…</tr>{% endfor %}
    {% endtable %}

A column is a value (translatable with `_("…")`); `num=` right-aligns it (`class="num"`),
`hidden=` keeps its header for screen readers only; `… if condition` after a column shows it
only when the condition holds. Without `caption=` the table has none. `{% columns … %}` writes
the header cells alone, for `components/list_page.html`'s `columns` block.
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

_KINDS = ("num", "hidden")
_CELLS = {
    "": '<th scope="col">{}</th>',
    "num": '<th scope="col" class="num">{}</th>',
    "hidden": '<th scope="col"><span class="visually-hidden">{}</span></th>',
}


class _Column:
    def __init__(self, kind, label, condition=None):
        self.kind, self.label, self.condition = kind, label, condition

    def shown(self, context):
        return self.condition is None or self.condition.resolve(context)


def _parse(parser, bits, tag_name, allow_caption):
    caption, columns = None, []
    bits = list(bits)
    while bits:
        bit = bits.pop(0)
        if bit == "if":
            if not columns or not bits or columns[-1].condition is not None:
                raise template.TemplateSyntaxError(
                    f"{tag_name}: 'if' needs a column and a condition"
                )
            columns[-1].condition = parser.compile_filter(bits.pop(0))
            continue
        key, eq, value = bit.partition("=")
        if eq and key.isidentifier():
            if key == "caption" and allow_caption and caption is None:
                caption = parser.compile_filter(value)
            elif key in _KINDS:
                columns.append(_Column(key, parser.compile_filter(value)))
            else:
                raise template.TemplateSyntaxError(f"{tag_name}: unknown argument {key!r}")
        else:
            columns.append(_Column("", parser.compile_filter(bit)))
    return caption, columns


def _header_cells(columns, context):
    """One `<th scope="col">` a shown column, each on its own line; every label escaped."""
    cells = (
        format_html(_CELLS[c.kind], c.label.resolve(context)) for c in columns if c.shown(context)
    )
    return format_html_join("\n", "    {}", ((cell,) for cell in cells))


class ColumnsNode(template.Node):
    def __init__(self, columns):
        self.columns = columns

    def render(self, context):
        return _header_cells(self.columns, context)


class TableNode(template.Node):
    def __init__(self, caption, columns, nodelist):
        self.caption, self.columns, self.nodelist = caption, columns, nodelist

    def render(self, context):
        caption = ""
        if self.caption is not None:
            caption = format_html(
                '\n  <caption class="visually-hidden">{}</caption>', self.caption.resolve(context)
            )
        return format_html(
            '<div class="table-wrap">\n<table class="table">{}\n'
            "  <thead><tr>\n{}\n  </tr></thead>\n  <tbody>{}</tbody>\n</table>\n</div>",
            caption,
            _header_cells(self.columns, context),
            self.nodelist.render(context),
        )


@register.tag("table")
def do_table(parser, token):
    bits = token.split_contents()
    caption, columns = _parse(parser, bits[1:], bits[0], allow_caption=True)
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(caption, columns, nodelist)


@register.tag("columns")
def do_columns(parser, token):
    bits = token.split_contents()
    return ColumnsNode(_parse(parser, bits[1:], bits[0], allow_caption=False)[1])
