"""Issue 9: a long unbroken word in the person's words wraps at phone width (both languages);
one radio style, the radio beside its label; focus goes where the user's attention must go
(the confirmation, the error summary, an opened form)."""

import pytest
from playwright.sync_api import expect

from apps.whatmatters.services import answer_supersede
from tests.browser import demo_data as d
from tests.browser.conftest import PHONE
from tests.browser.test_phone_and_screenshots import overflow

LONG_WORD = "https://example.invalid/" + "a" * 276  # 300 characters, no break opportunity
assert len(LONG_WORD) == 300


def switch_language(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    expect(page.locator("html")).to_have_attribute("lang", "en" if name == "English" else "sv")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_300_character_word_wraps_on_a_phone(demo, live_server, page, login, language):
    person = d.person_with_everything()
    old = d.current_answer(person)
    answer = answer_supersede(actor=d.user("cecilia"), answer=old, own_words=LONG_WORD)
    goal = d.goal(person)
    login("cecilia")
    if language == "en":
        switch_language(page, "English")
    page.set_viewport_size(PHONE)
    found = []
    for name, url in (
        ("recipient page", d.path("recipients:detail", person.pk)),
        ("change-answer page", d.path("whatmatters:answer-supersede", answer.pk)),
        ("goal form", d.path("whatmatters:goal-create", person.pk)),
        ("goal change form", d.path("whatmatters:goal-update", goal.pk)),
        ("propose form", d.path("interventions:propose", person.pk) + f"?answer={answer.pk}"),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(page.get_by_text(LONG_WORD[:60]).first).to_be_attached()
        found += overflow(page, f"{name} ({language})")
    assert not found, "horizontal scroll at 360 px:\n" + "\n".join(found)


def test_english_recipient_list_fits_a_phone_and_the_header_takes_two_rows(
    demo, live_server, page, login
):
    login("cecilia")
    switch_language(page, "English")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + d.path("recipients:list"))
    assert not overflow(page, "recipient list (en)")
    number = page.locator("td[data-label] .nowrap").first
    box, cell = number.bounding_box(), number.locator("xpath=..").bounding_box()
    assert box["x"] + box["width"] <= cell["x"] + cell["width"] + 0.5, "the number is clipped"
    header = page.locator(".site-header").bounding_box()
    row = page.locator(".brand").bounding_box()["height"]
    assert header["height"] < 3 * row + 24, f"header {header['height']} px high"


def beside(page, option) -> None:
    """The radio and its label on one line: the label to the right of the box, their
    vertical extents overlapping."""
    radio = page.locator(f"input[id='{option}']").bounding_box()
    label = page.locator(f"label[for='{option}']").bounding_box()
    assert label["x"] >= radio["x"] + radio["width"], f"{option}: label not beside its radio"
    assert label["y"] < radio["y"] + radio["height"] and radio["y"] < label["y"] + label["height"]


def test_radios_sit_beside_their_labels_and_badges_do_not_stretch(demo, live_server, page, login):
    person = d.person_with_everything()
    proposed = d.intervention("proposed", technology__requires_consent=True)
    login("cecilia")
    page.goto(live_server.url + d.path("interventions:propose", person.pk))
    for radio in page.locator("input[name='delivery'], input[name='technology']").all()[:4]:
        beside(page, radio.get_attribute("id"))
    card = page.locator(".choice--card").filter(has=page.locator(".badge")).first
    badge = card.locator(".badge").first
    assert badge.bounding_box()["width"] < card.bounding_box()["width"] / 2
    page.goto(live_server.url + d.path("interventions:consent-create", proposed.pk))
    for radio in page.locator("#status-panel input[type='radio']").all()[:3]:
        beside(page, radio.get_attribute("id"))


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.closest('.error-summary') ? 'error-summary ' : '')"
        " + (e.closest('.panel-form') ? 'panel-form ' : '') + e.tagName.toLowerCase(); }"
    )


def test_focus_follows_what_the_user_must_see(demo, live_server, page, login):
    proposed = d.intervention("proposed", technology__requires_consent=True)
    login("cecilia")
    page.goto(live_server.url + d.path("interventions:detail", proposed.pk))
    page.get_by_role("link", name="Registrera samtycke").click()
    expect(page.locator("#status-panel form")).to_be_visible()
    page.wait_for_function("document.activeElement.closest('.panel-form') !== null")
    assert focused(page).startswith("panel-form")

    version = d.plan_version("submitted")
    login("eva")
    page.goto(live_server.url + d.path("plans:version", version.pk))
    page.get_by_role("button", name="Återsänd").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert focused(page).startswith("error-summary")
    top = page.evaluate("document.querySelector('.error-summary').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"the error summary is at {top} px"

    person = d.fresh_person()
    login("anna")
    page.goto(live_server.url + d.path("whatmatters:conversation-create", person.pk))
    row = page.get_by_role("group", name="Svar 1")
    row.get_by_label("Med personens egna ord").fill("Att få sova ostört.")
    row.get_by_label("Livsområde").select_option(label="Känsla av trygghet")
    page.get_by_role("button", name="Spara samtalet").click()
    message = page.locator(".messages")
    expect(message).to_contain_text("Samtalet är sparat")
    top = page.evaluate("document.querySelector('.messages').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"the confirmation is at {top} px"
