"""Templates render what the lifecycles say (`{% load lifecycle %}`, context booleans); they
never compare an intervention's or a care plan version's status themselves."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# `x.status == …`, `x.status != …`, `x.status in …`, `x.status not in …`, `… == x.status`.
COMPARISON = re.compile(
    r"([\w.]+)\.status\s*(?:==|!=|in\b|not\s+in\b)|(?:==|!=|\bin)\s*([\w.]+)\.status\b"
)
# Records with a status of their own that is not one of these two lifecycles.
OTHER_RECORDS = {"answer", "preselected", "goal", "follow_up", "followup", "person"}


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_the_templates_are_found():
    assert len(_templates()) > 20


def test_no_template_compares_a_lifecycle_status():
    found = []
    for path in _templates():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in COMPARISON.finditer(line):
                record = (match.group(1) or match.group(2)).split(".")[-1]
                if record not in OTHER_RECORDS:
                    found.append(f"{path.relative_to(TEMPLATES)}:{number}: {match.group(0)}")
    assert found == []
