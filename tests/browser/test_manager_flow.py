"""The unit manager's flow in a real browser: review plans (approve one after reading what
changed, return one with a comment) and read the overview, whose charts JavaScript draws next
to the tables that carry the same figures."""

from playwright.sync_api import expect

from tests.browser import demo_data as d

NEW_SUMMARY = "Vi provar nattkameran i en månad till och frågar dig sedan igen."


def open_review_list(page):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Planer att granska"
    ).click()
    expect(page.get_by_role("heading", name="Planer att granska", level=1)).to_be_visible()


def review_link(page, version):
    return page.locator(f"a[href='{d.path('plans:version', version.pk)}']")


def test_manager_approves_a_plan_after_reading_what_changed(demo, live_server, page, login):
    changed = d.submitted_change_to_an_approved_plan()
    person = changed.plan.recipient
    login("eva")
    open_review_list(page)
    expect(review_link(page, changed)).to_have_text(f"Granska planen för {person.full_name}")
    review_link(page, changed).click()

    expect(page.get_by_role("heading", name="Genomförandeplan, version 2", level=1)).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("Inskickad för granskning")
    diff = page.locator("section", has=page.locator("#diff-heading"))
    expect(diff.get_by_role("heading", level=2)).to_have_text("Ändringar sedan version 1 (godkänd)")
    change = diff.locator(".diff-item--changed")
    expect(change.locator(".badge")).to_have_text("Ändrat")
    expect(change).to_contain_text("Planen bygger på det du har sagt är viktigt för dig.")
    expect(change).to_contain_text(NEW_SUMMARY)

    page.get_by_label("Kommentar (frivillig)").fill("Bra, tydligt för Gösta.")
    page.get_by_role("button", name="Godkänn", exact=True).click()
    expect(page.get_by_role("heading", name="Planer att granska", level=1)).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Planen är godkänd.")
    expect(review_link(page, changed)).to_have_count(0)

    page.goto(live_server.url + d.path("plans:version", changed.pk))
    expect(page.locator(".page-head .badge")).to_have_text("Godkänd")
    expect(page.get_by_text("Godkänd av Eva Enhetschef")).to_be_visible()
    expect(page.get_by_role("button", name="Godkänn", exact=True)).to_have_count(0)


def test_manager_returns_a_plan_only_with_a_comment(demo, live_server, page, login):
    first = d.plan_version("submitted")
    login("eva")
    open_review_list(page)
    review_link(page, first).click()
    expect(page.get_by_role("heading", name="Genomförandeplan, version 1", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Första versionen", level=2)).to_be_visible()

    returned = page.get_by_role("button", name="Återsänd")
    returned.click()
    comment = page.get_by_label("Vad behöver ändras?")
    error = page.locator(".field-error", has_text="Skriv vad som behöver ändras")
    expect(error).to_be_visible()
    expect(comment).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("Inskickad för granskning")

    comment.fill("Beskriv hur ni följer upp målet om sömnen.")
    page.get_by_role("button", name="Återsänd").click()
    expect(page.locator(".messages")).to_contain_text("Planen har återsänts med din kommentar.")
    expect(review_link(page, first)).to_have_count(0)

    page.goto(live_server.url + d.path("plans:version", first.pk))
    expect(page.locator(".page-head .badge")).to_have_text("Återsänd med kommentar")
    expect(page.locator(".review-comment")).to_contain_text(
        "Beskriv hur ni följer upp målet om sömnen."
    )


def test_manager_overview_draws_charts_next_to_their_tables(demo, live_server, page, login):
    login("eva")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Översikt").click()
    expect(page.get_by_role("heading", name="Översikt för enhetschef", level=1)).to_be_visible()

    by_technology = page.get_by_role("table", name="Insatser per teknik och status")
    expect(by_technology.get_by_role("rowheader", name=d.NIGHT_CAMERA)).to_be_visible()
    expect(by_technology.get_by_role("columnheader", name="Pågående")).to_be_visible()
    staff_time = page.get_by_role("table", name="Frigjord personaltid per enhet")
    expect(staff_time.get_by_role("rowheader", name=d.NORR)).to_be_visible()
    expect(page.get_by_role("table", name="Fortfarande viktigt, per teknik")).to_be_visible()

    charts = page.locator(".chart")
    data_blocks = page.locator("script[type='application/json']")
    expect(charts).not_to_have_count(0)
    assert charts.count() == data_blocks.count()
    for chart in charts.all():
        expect(chart).to_be_visible()  # charts.js removed `hidden` once it drew the chart
        canvas = chart.locator("canvas")
        expect(canvas).to_have_attribute("role", "img")
        # Something was painted on the canvas (Chart.js animates, so wait for pixels).
        canvas.evaluate(
            """c => new Promise((resolve, reject) => {
                const until = Date.now() + 10000;
                (function look() {
                    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 3; i < px.length; i += 4) if (px[i]) return resolve(true);
                    if (Date.now() > until) return reject(new Error('blank canvas'));
                    requestAnimationFrame(look);
                })();
            })"""
        )
