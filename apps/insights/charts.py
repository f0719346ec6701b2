"""The overview's figures as chart data for static/js/charts.js (read from json_script blocks).

Each chart is described, not configured: labels, datasets and a few display hints. The
numbers are rounded exactly as in the table next to the chart.
"""

from django.utils.translation import gettext as _

from apps.insights.formatting import one_decimal, percent


def _chart(
    *, labels, datasets, axis, stacked=False, suffix="", signed=False, maximum=None, decimals=0
):
    return {
        "kind": "bar",
        "horizontal": True,
        "stacked": stacked,
        "labels": labels,
        "datasets": datasets,
        "axis": axis,
        "suffix": suffix,
        "signed": signed,
        "max": maximum,
        "decimals": decimals,
    }


def interventions_chart(interventions: dict) -> dict | None:
    rows = interventions["rows"]
    if not rows:
        return None
    datasets = [
        # `style` keeps a status's colour and pattern the same whichever statuses are shown.
        {"label": str(label), "data": [row["counts"][i] for row in rows], "style": i}
        for i, (_value, label) in enumerate(interventions["statuses"])
        if interventions["totals"][i]
    ]
    return _chart(
        labels=[row["label"] for row in rows],
        datasets=datasets,
        axis=_("Antal insatser"),
        stacked=True,
    )


def still_matters_chart(outcomes: list[dict]) -> dict | None:
    rows = [row for row in outcomes if row["yes_share"] is not None]
    if not rows:
        return None
    parts = (
        ("yes_share", _("Ja, fortfarande viktigt"), 0),
        ("partly_share", _("Delvis"), 1),
        ("no_share", _("Nej, inte längre"), 5),
    )
    return _chart(
        labels=[row["label"] for row in rows],
        datasets=[
            {"label": label, "data": [percent(row[key]) for row in rows], "style": style}
            for key, label, style in parts
        ],
        axis=_("Andel av uppföljningarna (%)"),
        stacked=True,
        suffix="\u00a0%",
        maximum=100,
    )


def rating_change_chart(outcomes: list[dict]) -> dict | None:
    rows = [row for row in outcomes if row["change"] is not None]
    if not rows:
        return None
    return _chart(
        labels=[row["label"] for row in rows],
        datasets=[
            {
                "label": _("Genomsnittlig förändring"),
                "data": [one_decimal(row["change"]) for row in rows],
                "style": 0,
            }
        ],
        axis=_("Förändring på skalan 0–10"),
        signed=True,
        decimals=1,
    )


def staff_time_chart(visits: dict) -> dict | None:
    if not visits["total"]["visits"]:
        return None
    rows = visits["units"]
    return _chart(
        labels=[row["unit"].name for row in rows],
        datasets=[
            {
                "label": _("Frigjorda timmar per vecka"),
                "data": [one_decimal(row["hours"]) for row in rows],
                "style": 0,
            }
        ],
        axis=_("Timmar per vecka"),
        decimals=1,
    )


def overview_charts(overview: dict) -> dict:
    return {
        "interventions": interventions_chart(overview["interventions"]),
        "still_matters": still_matters_chart(overview["outcomes"]),
        "rating_change": rating_change_chart(overview["outcomes"]),
        "staff_time": staff_time_chart(overview["visits"]),
    }
