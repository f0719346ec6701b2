"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium, installed
by `make test`; no browser download) against pytest-django's live server.

Screenshots land in test-artifacts/screenshots/ (named in the README)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.demo_copy import load_demo

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a running loop unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
DEMO_PASSWORD = "demo-Omsorg-2026"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "sv-SE"}


@pytest.fixture
def demo(transactional_db):
    """The demo municipality with reference data and demo activity, in the live server's DB
    (loaded once per process and copied back: tests/demo_copy.py)."""
    load_demo()


def sign_in(page, base_url: str, username: str):
    """Sign in through the login form (works with JavaScript on or off). Whoever is signed in
    already (the login page then sends them on) signs out first."""
    page.goto(f"{base_url}/konto/login/")
    if page.get_by_role("button", name="Logga ut").count():
        page.get_by_role("button", name="Logga ut").click()
        expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    return page


class ConsoleWatch:
    """What a user would find in the browser's console: console errors (a resource that failed
    to load, a Content-Security-Policy violation, …) and uncaught script errors, on every page
    watched. A page a test opens on purpose with an error status (a 403 or 404 page) logs
    "Failed to load resource" for the document itself: that one is not a defect."""

    def __init__(self):
        self.errors: list[str] = []
        self._error_documents: set[str] = set()

    def watch(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: script error {error}"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.is_navigation_request():
            self._error_documents.add(response.url)

    def _console(self, page, message) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and source in self._error_documents:
            return
        self.errors.append(f"{page.url}: {message.text} [{source}]")


@pytest.fixture(autouse=True)
def no_console_errors(request):
    """Every browser test fails if a page it used logged a console error or a CSP violation:
    its `page`, and the pages of browser contexts it opens itself (the no-JavaScript test)."""
    uses = set(request.fixturenames)
    if not uses & {"page", "browser"}:
        yield None
        return
    console = ConsoleWatch()
    if "page" in uses:
        console.watch(request.getfixturevalue("page"))
    browser = request.getfixturevalue("browser") if "browser" in uses else None
    if browser is not None:
        new_context = browser.new_context

        def watched_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.on("page", console.watch)
            return context

        browser.new_context = watched_context
    yield console
    if browser is not None:
        del browser.new_context  # the bound method again
    assert not console.errors, "the browser console reported errors:\n" + "\n".join(console.errors)


@pytest.fixture
def login(live_server, page):
    """Sign in as a demo user on the test's page (signing out whoever was signed in)."""

    def sign_in_as(username: str):
        return sign_in(page, live_server.url, username)

    return sign_in_as


_axe = Axe()


def axe_violations(page, *, name: str = "") -> list[str]:
    """axe-core on the current page: its serious and critical violations, one line each
    (page, rule, impact, selectors)."""
    results = _axe.run(page)
    return [
        f"{name or page.url}: {v['id']} ({v['impact']}) {v['help']} – "
        f"{[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def assert_accessible(page, *, name: str = "") -> None:
    """axe-core on the current page: no serious or critical violations."""
    bad = axe_violations(page, name=name)
    assert not bad, f"axe violations on {name or page.url}:\n" + "\n".join(bad)


def screenshot(page, name: str) -> None:
    """Save the page at phone and desktop width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
