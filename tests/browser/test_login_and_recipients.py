import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot


def test_a_staff_member_logs_in_and_sees_only_their_units(demo, live_server, page, login):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    assert_accessible(page, name="login")
    screenshot(page, "login")

    login("anna")
    expect(page.get_by_role("heading", name="Omsorgstagare", level=1)).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Hemtjänst Norr")
    expect(table).not_to_contain_text("Solgårdens")
    assert_accessible(page, name="recipient list")
    screenshot(page, "recipients")
