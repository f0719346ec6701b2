"""The main pages at phone width (360 px, staff on home visits): no horizontal scroll. Each is
also photographed at phone and desktop width into test-artifacts/screenshots/."""

from playwright.sync_api import expect

from tests.browser import demo_data as d
from tests.browser.conftest import PHONE, screenshot

# The elements that stick out past the right edge, to say what breaks the layout.
TOO_WIDE = """(limit) => Array.from(document.querySelectorAll('body *'))
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 5)
    .map(el => {
        const classes = typeof el.className === 'string' ? el.className.trim() : '';
        return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (classes ? '.' + classes.split(/\\s+/).join('.') : '');
    })"""


def on_phone(page, url):
    page.set_viewport_size(PHONE)
    response = page.goto(url)
    assert response.status == 200, f"HTTP {response.status} for {url}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()


# Content cut off inside a scrolling box (a table turned into cards must not need to scroll).
CLIPPED = """() => Array.from(document.querySelectorAll('.table-wrap'))
    .filter(el => el.scrollWidth > el.clientWidth + 0.5)
    .map(el => (el.querySelector('caption') || el).textContent.trim().slice(0, 60))"""


def overflow(page, name) -> list[str]:
    found = [f"{name}: a table scrolls sideways: {caption}" for caption in page.evaluate(CLIPPED)]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return found
    too_wide = page.evaluate(TOO_WIDE, PHONE["width"])
    return [*found, f"{name}: scrollWidth {width} px; too wide: {too_wide}"]


def check(page, url, name, shot: str | None = None) -> list[str]:
    on_phone(page, url)
    found = overflow(page, name)
    if shot:
        screenshot(page, shot)
    return found


def test_staff_pages_fit_a_phone(demo, live_server, page, login):
    base = live_server.url
    person = d.person_with_everything()
    active = d.intervention("active", technology__code="night-camera")
    found = check(page, base + d.path("accounts:login"), "login")
    login("cecilia")
    for name, url, shot in (
        ("recipients", d.path("recipients:list"), None),  # photographed with the login test
        ("recipient hub", d.path("recipients:detail", person.pk), "recipient-hub"),
        (
            "conversation form",
            d.path("whatmatters:conversation-create", person.pk),
            "conversation-form",
        ),
        (
            "propose",
            d.path("interventions:propose", person.pk) + f"?answer={d.current_answer(person).pk}",
            "propose",
        ),
        ("intervention page", d.path("interventions:detail", active.pk), "intervention"),
        ("plan page", d.path("plans:recipient", person.pk), "plan"),
        ("print page", d.path("plans:print", person.pk), "print"),
    ):
        found += check(page, base + url, name, shot)
    login("anna")
    found += check(page, base + d.path("followups:mine"), "my follow-ups", "my-followups")
    followup = d.followup("scheduled")
    found += check(
        page, base + d.path("followups:complete", followup.pk), "follow-up form", "followup-form"
    )
    assert not found, "horizontal scroll at 360 px:\n" + "\n".join(found)


def test_manager_pages_fit_a_phone(demo, live_server, page, login):
    base = live_server.url
    changed = d.submitted_change_to_an_approved_plan()
    login("eva")
    found = check(page, base + d.path("plans:review-list"), "plans to review", "review-list")
    on_phone(page, base + d.path("plans:version", changed.pk))
    expect(page.locator(".diff-item--changed")).to_be_visible()
    found += overflow(page, "review page with diff")
    screenshot(page, "review-diff")
    on_phone(page, base + d.path("insights:overview"))
    expect(page.locator(".chart").first).to_be_visible()
    found += overflow(page, "overview")
    screenshot(page, "overview")
    person = d.person_with_everything()
    page.goto(base + d.path("recipients:detail", person.pk))  # a read for the log to show
    for name, url, shot in (
        ("log review", d.path("audit:review"), "log-review"),
        ("log of one person", d.path("audit:by-recipient", person.pk), None),
        ("log sample", d.path("audit:sample"), "log-sample"),
        ("log checks", d.path("audit:checks"), "log-checks"),
        ("log check form", d.path("audit:check-create"), None),
        ("change history", d.path("privacy:recipient-history", person.pk), None),
    ):
        found += check(page, base + url, name, shot)
    assert not found, "horizontal scroll at 360 px:\n" + "\n".join(found)
