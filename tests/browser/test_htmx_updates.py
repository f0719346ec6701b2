"""The parts of pages that htmx replaces in place (the plan's text, the log review's results)
work in a real browser, keep the address right, and leave nothing in the console: no CSP
violation (no inline style or script arrives with an update) and no failed request. The
console is watched by the autouse fixture in conftest.py."""

import re

from playwright.sync_api import expect

from tests.browser import demo_data as d


def test_the_plan_text_is_saved_in_place(demo, live_server, page, login):
    version = d.plan_version("draft")
    login("anna")
    page.goto(live_server.url + d.path("plans:recipient", version.plan.recipient.pk))
    words = "Vi börjar med kvällspromenaden, som du vill."
    page.get_by_role("textbox", name="Planen i klartext").fill(words)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Texten har sparats.")
    page.reload()
    expect(page.get_by_role("textbox", name="Planen i klartext")).to_have_value(words)


def test_the_log_review_filters_replace_the_results_and_the_address(demo, live_server, page, login):
    login("eva")
    page.goto(live_server.url + d.path("audit:review"))
    page.get_by_label("Kanal").select_option("api_token")
    page.get_by_role("button", name="Visa").click()
    expect(page).to_have_url(re.compile(r"channel=api_token"))
    expect(page.locator("#results")).to_be_visible()
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"channel=api_token"))
