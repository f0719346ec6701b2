"""The printable plan as a PDF, made by WeasyPrint from the same template as the print page.

WeasyPrint is imported when a PDF is made, not when the pages load, so that the rest of the
site works even where its system libraries (Pango) are missing. The document fetches
nothing: every URL in it is refused, and the stylesheet is handed over as a string.
"""

import functools
import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)


@functools.cache
def pdf_available() -> bool:
    """Whether WeasyPrint and its system libraries load here (checked once per process)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        logger.warning("PDF of care plans unavailable: WeasyPrint or Pango cannot be loaded")
        return False
    return True


def _no_fetching():
    """A fetcher that allows no protocol at all: every URL in the document (an image, a
    stylesheet, file:// or http://) is refused, so that text in the plan can never make the
    server read a file or call an address."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=(), allow_redirects=False)


def _print_css() -> str:
    path = finders.find("css/print.css")
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def render_plan_pdf(request, context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("plans/print_pdf.html", context, request=request)
    fetcher = _no_fetching()
    document = HTML(string=html, url_fetcher=fetcher, media_type="print")
    stylesheet = CSS(string=_print_css(), url_fetcher=fetcher)
    # PDF/UA: a tagged PDF that screen readers can read in order, with the page's language.
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")


def pdf_filename(version) -> str:
    """Neither the person's name nor their number: a download folder is not a record."""
    if version.reviewed_at is None:
        return "genomforandeplan.pdf"
    return f"genomforandeplan-{timezone.localdate(version.reviewed_at):%Y-%m-%d}.pdf"
