"""The overview's chart-plus-table sections in one shape, for templates/insights/_section.html:
a heading, an optional help text and chart, and a table whose first column names the row.
The figures are formatted exactly as next to them in the chart."""

from django.utils.translation import gettext as _

from apps.insights.templatetags.insights_format import decimal1, percent, signed1


def _section(name, title, *, chart, chart_label, caption, columns, rows, **rest):
    """`name` gives the heading's id and the chart's (`chart_id`, else `chart-<name>`);
    `columns`: the row header's label, then each figure's; `rows`: (header, figures);
    `shown`: False shows `empty` instead of the table."""
    figures = columns[1:]
    return {
        "heading_id": f"{name}-heading",
        "title": title,
        "help": rest.get("help", ""),
        "chart": chart,
        "chart_id": rest.get("chart_id", f"chart-{name}"),
        "chart_label": chart_label,
        "caption": caption,
        "columns": columns,
        "rows": [_row(header, figures, values) for header, values in rows],
        "foot": _row(*rest["foot"], figures) if rest.get("foot") else None,
        "shown": rest.get("shown", True),
        "empty": rest.get("empty", ""),
    }


def _row(header, labels, values):
    cells = [{"label": label, "value": value} for label, value in zip(labels, values, strict=True)]
    return {"header": header, "cells": cells}


def interventions_section(table: dict, chart) -> dict:
    statuses = [label for _value, label in table["statuses"]]
    total = _("Totalt")
    return _section(
        "interventions",
        _("Insatser per teknik och status"),
        chart=chart,
        chart_label=_(
            "Stapeldiagram: antal insatser per teknik, uppdelat på status. Samma siffror finns "
            "i tabellen under diagrammet."
        ),
        caption=_("Insatser per teknik och status"),
        columns=[_("Teknik"), *statuses, total],
        rows=[(row["label"], [*row["counts"], row["total"]]) for row in table["rows"]],
        foot=(_("Alla"), [*table["totals"], table["total"]]),
        shown=bool(table["rows"]),
        empty=_("Inga insatser att visa."),
    )


def still_matters_section(outcomes: list[dict], chart, min_answers: int) -> dict:
    return _section(
        "still-matters",
        _("Svarar insatsen fortfarande mot det som är viktigt?"),
        help=_(
            "Vid genomförda uppföljningar: har personen sagt att det insatsen svarar mot "
            "fortfarande är viktigt? Andelar visas som – när det finns färre än "
            "%(min_answers)s svar."
        )
        % {"min_answers": min_answers},
        chart=chart,
        chart_label=_(
            "Stapeldiagram: andel uppföljningar per teknik där det fortfarande är viktigt, "
            "delvis viktigt eller inte längre viktigt. Samma siffror finns i tabellen under "
            "diagrammet."
        ),
        caption=_("Fortfarande viktigt, per teknik"),
        columns=[
            _("Teknik"),
            _("Antal svar"),
            _("Ja, fortfarande viktigt"),
            _("Delvis"),
            _("Nej, inte längre"),
        ],
        rows=[
            (
                row["label"],
                [
                    row["answers"],
                    percent(row["yes_share"]),
                    percent(row["partly_share"]),
                    percent(row["no_share"]),
                ],
            )
            for row in outcomes
        ],
        shown=bool(outcomes),
        empty=_("Inga genomförda uppföljningar av insatser ännu."),
    )


def rating_change_section(outcomes: list[dict], chart, min_answers: int) -> dict:
    return _section(
        "rating",
        _("Hur det går enligt personen själv"),
        chart_id="chart-rating-change",
        help=_(
            "Genomsnittlig förändring i personens egen skattning (0–10) av hur det går: "
            "skattningen vid uppföljningen minus skattningen i svaret som insatsen utgick "
            "från. Visas som – när färre än %(min_answers)s uppföljningar har båda "
            "skattningarna."
        )
        % {"min_answers": min_answers},
        chart=chart,
        chart_label=_(
            "Stapeldiagram: genomsnittlig förändring i personens egen skattning per teknik. "
            "Samma siffror finns i tabellen under diagrammet."
        ),
        caption=_("Förändring i egen skattning, per teknik"),
        columns=[_("Teknik"), _("Uppföljningar med skattning"), _("Genomsnittlig förändring")],
        rows=[(row["label"], [row["rated"], signed1(row["change"])]) for row in outcomes],
        shown=bool(outcomes),
        empty=_("Inga genomförda uppföljningar av insatser ännu."),
    )


def staff_time_section(visits: dict, chart) -> dict:
    def figures(row):
        return [
            decimal1(row["visits"]),
            decimal1(row["hours"]),
            decimal1(row["visits_without_length"]),
        ]

    return _section(
        "staff-time",
        _("Frigjord personaltid"),
        help=_(
            "Besök på plats som pågående insatser ersätter varje vecka, och den tid det "
            "frigör enligt besökets längd i teknikkatalogen."
        ),
        chart=chart,
        chart_label=_(
            "Stapeldiagram: frigjorda timmar per vecka per enhet. Samma siffror finns i "
            "tabellen under diagrammet."
        ),
        caption=_("Frigjord personaltid per enhet"),
        columns=[
            _("Enhet"),
            _("Ersatta besök per vecka"),
            _("Frigjorda timmar per vecka"),
            _("Besök utan känd längd"),
        ],
        rows=[(row["unit"].name, figures(row)) for row in visits["units"]],
        foot=(_("Totalt"), figures(visits["total"])) if len(visits["units"]) > 1 else None,
    )


def overview_sections(overview: dict, charts: dict, min_answers: int) -> list[dict]:
    return [
        interventions_section(overview["interventions"], charts["interventions"]),
        still_matters_section(overview["outcomes"], charts["still_matters"], min_answers),
        rating_change_section(overview["outcomes"], charts["rating_change"], min_answers),
        staff_time_section(overview["visits"], charts["staff_time"]),
    ]
