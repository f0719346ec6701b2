"""The conversation page with the keyboard only, and the main actions with JavaScript off."""

import re

from playwright.sync_api import expect

from tests.browser import demo_data as d
from tests.browser.conftest import sign_in

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        id: el.id,
        name: el.getAttribute('name') || '',
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || '').trim().slice(0, 40),
        // False when the focus is inside the browser's own controls of the element (the
        // calendar button of a date input), which draw the browser's focus ring themselves.
        own: el.matches(':focus'),
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
}"""


def tab_to(page, is_target, unfocused: list, limit: int = 80):
    """Press Tab until `is_target(focused)`, noting every focused element without a visible
    outline on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["own"] and not focused["outlined"]:
            unfocused.append(focused)
        if is_target(focused):
            return focused
    raise AssertionError(f"Tab never reached the target ({limit} presses)")


def test_a_conversation_is_recorded_with_the_keyboard_only(demo, live_server, page, login):
    person = d.fresh_person()
    login("cecilia")
    page.goto(live_server.url + d.path("whatmatters:conversation-create", person.pk))
    expect(page.get_by_role("heading", name="Vad är viktigt för dig?", level=1)).to_be_visible()
    unfocused = []

    first = tab_to(page, lambda f: f["tag"] == "a", unfocused)
    assert first["text"] == "Hoppa till innehållet"  # the skip link comes first
    tab_to(page, lambda f: f["id"] == "id_participants", unfocused)
    page.keyboard.type("Gösta själv")
    tab_to(page, lambda f: f["id"] == "id_answers-0-own_words", unfocused)
    page.keyboard.type("Att få läsa tidningen i lugn och ro på morgonen.")
    tab_to(page, lambda f: f["id"] == "id_answers-0-life_area", unfocused)
    life_area = page.locator("#id_answers-0-life_area")
    for _ in range(20):  # arrow keys move through the closed select's options
        if life_area.input_value() == "sleep":
            break
        page.keyboard.press("ArrowDown")
    expect(life_area).to_have_value("sleep")
    tab_to(page, lambda f: f["id"] == "id_answers-0-importance", unfocused)
    page.keyboard.type("9")
    tab_to(page, lambda f: f["id"] == "id_answers-0-performance", unfocused)
    page.keyboard.type("4")
    tab_to(page, lambda f: f["id"] == "id_answers-0-wants_to_manage_self", unfocused)
    page.keyboard.press("Space")
    expect(page.locator("#id_answers-0-wants_to_manage_self")).to_be_checked()
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Spara samtalet", unfocused)

    assert not unfocused, f"focused without a visible outline: {unfocused}"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=d.FRESH_NAME, level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Samtalet är sparat med 1 svar")
    answer = page.locator("#vad-ar-viktigt li.answer")
    expect(answer.locator(".quote")).to_have_text(
        "Att få läsa tidningen i lugn och ro på morgonen."
    )
    expect(answer).to_contain_text("9 av 10")
    expect(answer).to_contain_text("Vill klara det själv")


def test_the_main_actions_work_without_javascript(demo, live_server, browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "cecilia")

        # The search is a plain form POST and answers with the whole page.
        page.get_by_label("Sök namn eller personnummer").fill(d.FRESH_NUMBER)
        page.get_by_role("button", name="Sök").click()
        results = page.locator("#results tbody tr")
        expect(results).to_have_count(1)
        results.get_by_role("link", name="Exempelsson, Gösta").click()

        page.get_by_role("link", name="Nytt samtal: Vad är viktigt för dig?").click()
        page.get_by_label("Med personens egna ord").first.fill("Att känna mig trygg på natten.")
        # "One more answer" posts the form and shows it again, with what was typed.
        page.get_by_role("button", name="Lägg till ett svar till").click()
        expect(page.get_by_role("group", name="Svar 4")).to_be_visible()
        row = page.get_by_role("group", name="Svar 1")
        expect(row.get_by_label("Med personens egna ord")).to_have_value(
            "Att känna mig trygg på natten."
        )
        row.get_by_label("Livsområde").select_option(label="Känsla av trygghet")
        row.get_by_label("Hur viktigt är det?").fill("9")
        page.get_by_role("button", name="Spara samtalet").click()
        expect(page.get_by_role("status")).to_contain_text("Samtalet är sparat med 1 svar")

        page.get_by_role("link", name=re.compile(r"^Föreslå insats")).click()
        expect(page.get_by_role("checkbox", name="Att känna mig trygg på natten.")).to_be_checked()
        page.get_by_role("radio", name=d.NIGHT_CAMERA).check()
        page.get_by_label("Kort beskrivning").fill("Nattkamera för trygga nätter")
        page.get_by_label("Varför insatsen passar").fill("Gösta vill känna sig trygg på natten.")
        page.get_by_role("button", name="Föreslå insatsen").click()
        expect(
            page.get_by_role("heading", name="Nattkamera för trygga nätter", level=1)
        ).to_be_visible()
        expect(page.locator(".messages")).to_contain_text("Insatsen är föreslagen.")
        expect(page.locator("blockquote.quote")).to_have_text("Att känna mig trygg på natten.")

        # The status panel's forms are ordinary pages too: consent, then acceptance.
        page.locator("#consents").get_by_role("link", name="Registrera samtycke").click()
        expect(page).to_have_url(re.compile(r"/samtycke/nytt/#status-panel$"))
        page.get_by_role("radio", name="Personen själv").check()
        page.get_by_role("radio", name="Skriftligt").check()
        page.get_by_role("button", name="Registrera samtycke").click()
        expect(page.locator(".messages")).to_contain_text("Samtycket är registrerat.")
        page.locator("#status-panel").get_by_role("link", name="Acceptera").click()
        page.get_by_role("button", name="Acceptera").click()
        expect(page.locator(".messages")).to_contain_text("Insatsen är accepterad.")
        expect(page.locator("#status-panel .facts .badge")).to_have_text("Accepterad")
    finally:
        context.close()
