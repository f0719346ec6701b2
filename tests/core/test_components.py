"""The shared table frame (apps/core/templatetags/components.py): caption, header cells and rows."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def render(source, **context):
    return Template("{% load components %}" + source).render(Context(context))


def test_the_table_writes_the_frame_around_the_rows():
    html = render(
        '{% table caption=_("Omsorgstagare") _("Namn") num=_("Dagar sen") hidden=_("Åtgärd") %}'
        "<tr><td>x</td></tr>{% endtable %}"
    )
    assert html == (
        '<div class="table-wrap">\n<table class="table">\n'
        '  <caption class="visually-hidden">Omsorgstagare</caption>\n'
        "  <thead><tr>\n"
        '    <th scope="col">Namn</th>\n'
        '    <th scope="col" class="num">Dagar sen</th>\n'
        '    <th scope="col"><span class="visually-hidden">Åtgärd</span></th>\n'
        "  </tr></thead>\n"
        "  <tbody><tr><td>x</td></tr></tbody>\n</table>\n</div>"
    )


def test_a_column_with_a_condition_shows_only_when_it_holds_and_values_are_escaped():
    source = '{% table caption=caption _("När") who if show_user _("Vad") %}{% endtable %}'
    html = render(source, caption="<b>", who="Användare", show_user=False)
    assert "&lt;b&gt;" in html and "Användare" not in html and html.count('scope="col"') == 2
    assert render(source, caption="c", who="Användare", show_user=True).count('scope="col"') == 3


def test_without_a_caption_the_table_has_none_and_columns_writes_the_cells_alone():
    assert "<caption" not in render('{% table _("När") %}{% endtable %}')
    assert render('{% columns _("Period") num=_("Åtkomster") %}') == (
        '    <th scope="col">Period</th>\n    <th scope="col" class="num">Åtkomster</th>'
    )


def test_the_labels_are_translated():
    with translation.override("en"):
        assert '<th scope="col">Name</th>' in render('{% columns _("Namn") %}')


@pytest.mark.parametrize("args", ["wide=_('x')", "if show", "_('x') if"])
def test_a_malformed_table_fails_when_the_template_is_read(args):
    with pytest.raises(TemplateSyntaxError):
        render("{% table " + args + " %}{% endtable %}")
