"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium, installed
by `make test`; no browser download) against pytest-django's live server.

Screenshots land in test-artifacts/screenshots/ (named in the README)."""

import os
import sqlite3
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from playwright.sync_api import expect

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


# The demo database of this test process, copied once loaded: SQLite's whole in-memory
# database, or on PostgreSQL each table's rows (COPY, in PostgreSQL's text format).
_demo_copy: sqlite3.Connection | None = None
_demo_rows: dict[str, bytes] | None = None


def _pg_tables(cursor) -> list[str]:
    return [t for t in connection.introspection.table_names(cursor) if t != "django_migrations"]


def _pg_keep_rows() -> dict[str, bytes]:
    rows = {}
    with connection.cursor() as cursor:
        for table in _pg_tables(cursor):
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                rows[table] = b"".join(bytes(chunk) for chunk in copy)
    return rows


def _pg_restore_rows(rows: dict[str, bytes]) -> None:
    """Empty every table and copy the demo's rows back in one transaction (foreign keys are
    deferred to the commit), then move the id sequences past the copied rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        tables = ", ".join(f'"{table}"' for table in _pg_tables(cursor))
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        for table, data in rows.items():
            if data:
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        models = django_apps.get_models(include_auto_created=True)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@pytest.fixture
def demo(transactional_db):
    """The demo municipality with reference data and demo activity, in the live server's DB.

    Loading it through the services takes seconds; the first test of each process loads it
    and keeps a copy, which later tests copy back (SQLite's backup API, or PostgreSQL's COPY:
    a fraction of a second). The database is emptied after each test as usual."""
    global _demo_copy, _demo_rows
    sqlite = connection.vendor == "sqlite" and connection.is_in_memory_db()
    postgres = connection.vendor == "postgresql"
    if sqlite and _demo_copy is not None:
        connection.ensure_connection()
        _demo_copy.backup(connection.connection)
        ContentType.objects.clear_cache()
        return
    if postgres and _demo_rows is not None:
        _pg_restore_rows(_demo_rows)
        ContentType.objects.clear_cache()
        return
    call_command("load_demo", verbosity=0)
    if sqlite:
        _demo_copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_demo_copy)
    elif postgres:
        _demo_rows = _pg_keep_rows()


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
