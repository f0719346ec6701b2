"""Plan fixtures (the personas, `people` among them, are in tests/conftest.py)."""

import pytest
import weasyprint


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is made from (WeasyPrint still renders it), in order."""
    made_from = []
    real_html = weasyprint.HTML

    def spy(*args, **kwargs):
        made_from.append(kwargs["string"])
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    return made_from
