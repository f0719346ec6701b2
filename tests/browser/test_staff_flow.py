"""The staff flow, end to end through the pages in a real browser (JavaScript on, so the
intervention page's forms open in its status panel with htmx): find the person, ask what
matters, propose the night camera from the answer, record consent and acceptance (the
assessor cecilia), assess, run the trial and follow it up (the nurse david)."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import demo_data as d

SLEEP_WORDS = "Jag vill sova hela natten utan att någon tänder lampan."
SHOP_WORDS = "Att gå till affären på egen hand, som förr."


def fill_answer(page, n, *, words, area, importance, performance, manage_self=False):
    row = page.get_by_role("group", name=f"Svar {n}")
    row.get_by_label("Med personens egna ord").fill(words)
    row.get_by_label("Livsområde").select_option(label=area)
    row.get_by_label("Hur viktigt är det?").fill(str(importance))
    row.get_by_label("Hur går det i dag?").fill(str(performance))
    if manage_self:
        row.get_by_label("Vill klara det själv").check()


def status_badge(page):
    return page.locator("#status-panel .facts .badge")


def test_staff_find_ask_propose_consent_assess_trial_and_follow_up(demo, live_server, page, login):
    login("cecilia")
    expect(page.get_by_role("heading", name="Omsorgstagare", level=1)).to_be_visible()

    # Find the person: by name (a namesake in another of cecilia's units shows too), then by
    # personal identity number. The search is a POST form: nothing personal in the URL.
    search = page.get_by_label("Sök namn eller personnummer")
    results = page.locator("#results tbody tr")
    search.fill(d.FRESH_NAME)
    page.get_by_role("button", name="Sök").click()
    expect(results).to_have_count(2)
    expect(page.locator("#results")).to_contain_text("Solgårdens särskilda boende")
    search.fill(d.FRESH_NUMBER)
    page.get_by_role("button", name="Sök").click()
    expect(results).to_have_count(1)
    expect(results).to_contain_text(d.FRESH_NUMBER)
    expect(results).to_contain_text(d.NORR)
    assert d.FRESH_NUMBER not in page.url and "Exempelsson" not in page.url
    results.get_by_role("link", name="Exempelsson, Gösta").click()

    expect(page.get_by_role("heading", name=d.FRESH_NAME, level=1)).to_be_visible()
    expect(page.get_by_text("Inga svar registrerade ännu")).to_be_visible()

    # What matters to you? Two answers in the person's own words.
    page.get_by_role("link", name="Nytt samtal: Vad är viktigt för dig?").click()
    expect(page.get_by_role("heading", name="Vad är viktigt för dig?", level=1)).to_be_visible()
    page.get_by_label("Vem deltog?").fill("Gösta och hans dotter")
    fill_answer(page, 1, words=SLEEP_WORDS, area="Sömn", importance=10, performance=2)
    fill_answer(
        page,
        2,
        words=SHOP_WORDS,
        area="Förflyttning",
        importance=8,
        performance=3,
        manage_self=True,
    )
    page.get_by_role("button", name="Spara samtalet").click()

    expect(page.get_by_role("heading", name=d.FRESH_NAME, level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Samtalet är sparat med 2 svar med personens egna ord."
    )
    what_matters = page.locator("#vad-ar-viktigt")
    expect(what_matters.get_by_role("heading", name="Sömn", level=3)).to_be_visible()
    expect(what_matters.get_by_role("heading", name="Förflyttning", level=3)).to_be_visible()
    sleep_answer = what_matters.locator("li.answer", has_text=SLEEP_WORDS)
    expect(sleep_answer.locator(".quote")).to_have_text(SLEEP_WORDS)
    expect(sleep_answer).to_contain_text("10 av 10")
    shop_answer = what_matters.locator("li.answer", has_text=SHOP_WORDS)
    expect(shop_answer.get_by_text("Vill klara det själv")).to_be_visible()

    # Propose the night camera from the answer about sleep.
    sleep_answer.get_by_role("link", name=re.compile(r"^Föreslå insats")).click()
    expect(
        page.get_by_role("heading", name=f"Föreslå en insats för {d.FRESH_NAME}", level=1)
    ).to_be_visible()
    expect(page.locator("blockquote.quote")).to_have_text(SLEEP_WORDS)
    expect(page.get_by_role("checkbox", name=SLEEP_WORDS)).to_be_checked()
    expect(page.get_by_role("checkbox", name=SHOP_WORDS)).not_to_be_checked()
    page.get_by_role("radio", name=d.NIGHT_CAMERA).check()
    page.get_by_label("Kort beskrivning").fill("Nattkamera i stället för nattlig tillsyn")
    page.get_by_label("Varför insatsen passar").fill(
        "Gösta vill sova ostört; kameran ersätter tillsynsbesöken som väcker honom."
    )
    page.get_by_label("Ersatta besök per vecka").fill("7")
    page.get_by_role("button", name="Föreslå insatsen").click()

    expect(
        page.get_by_role("heading", name="Nattkamera i stället för nattlig tillsyn", level=1)
    ).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Insatsen är föreslagen.")
    serves = page.locator(
        "section", has=page.get_by_role("heading", name="Det här är viktigt för Gösta")
    )
    expect(serves.locator("blockquote.quote")).to_have_text(SLEEP_WORDS)
    expect(serves).not_to_contain_text(SHOP_WORDS)
    expect(status_badge(page)).to_have_text("Föreslagen")
    expect(page.locator(".checklist")).to_contain_text("Saknas")
    intervention_url = page.url

    # Consent, in the status panel (htmx), then the acceptance it allows.
    page.locator("#consents").get_by_role("link", name="Registrera samtycke").click()
    panel = page.locator("#status-panel")
    panel.get_by_role("radio", name="Personen själv").check()
    panel.get_by_role("radio", name="Muntligt").check()
    panel.get_by_role("button", name="Registrera samtycke").click()
    expect(panel.get_by_role("status")).to_have_text("Samtycket är registrerat.")
    expect(page.locator("#consents")).to_contain_text("Personen själv")
    expect(page.locator("#consents .badge")).to_have_text("Gäller")

    panel.get_by_role("link", name="Acceptera").click()
    panel.get_by_label("Kommentar (valfritt)").fill("Gösta vill prova.")
    panel.get_by_role("button", name="Acceptera").click()
    expect(panel.get_by_role("status")).to_have_text("Insatsen är accepterad.")
    expect(status_badge(page)).to_have_text("Accepterad")

    # The nurse assesses, starts the trial and, after it, makes the camera permanent.
    login("david")
    page.goto(intervention_url)
    page.locator("#assessments").get_by_role("link", name="Gör en bedömning").click()
    panel.get_by_role("radio", name="Lämplighet").check()
    panel.get_by_label("Din profession").select_option(label="Sjuksköterska")
    panel.get_by_role("radio", name="Lämplig efter utprovning").check()
    panel.get_by_label("Motivering").fill("Inga hinder; prova en månad.")
    panel.get_by_role("button", name="Spara bedömningen").click()
    expect(panel.get_by_role("status")).to_have_text("Bedömningen är sparad.")
    expect(page.locator("#assessments")).to_contain_text("Lämplig efter utprovning")

    panel.get_by_role("link", name="Starta utprovning").click()
    today = timezone.localdate()
    expect(panel.get_by_label("Utprovningen börjar")).to_have_value(today.isoformat())
    panel.get_by_role("button", name="Starta utprovning").click()
    expect(panel.get_by_role("status")).to_have_text("Utprovningen har startat.")
    expect(status_badge(page)).to_have_text("Utprovning")
    expect(panel).to_contain_text(today.isoformat())

    panel.get_by_role("link", name="Utvärdera och aktivera").click()
    panel.get_by_label("Kommentar (valfritt)").fill("Gösta sover bättre.")
    panel.get_by_role("button", name="Utvärdera och aktivera").click()
    expect(panel.get_by_role("status")).to_have_text(
        "Utprovningen är utvärderad och insatsen pågår."
    )
    expect(status_badge(page)).to_have_text("Pågående")
    events = page.locator("#event-log tbody")
    expect(events).to_contain_text("Utvärdera och aktivera")
    expect(events).to_contain_text("Gösta sover bättre.")

    # Follow-up: schedule it from the intervention, then record it with the person's words.
    page.get_by_role("link", name="Planera uppföljning").click()
    expect(page.get_by_role("heading", name="Planera uppföljning", level=1)).to_be_visible()
    expect(page.get_by_label("Insats")).to_have_value(re.compile(".+"))
    due = today + dt.timedelta(days=7)
    page.get_by_label("Ska göras senast").fill(due.isoformat())
    page.get_by_role("button", name="Planera").click()
    expect(page.locator(".messages")).to_contain_text("Uppföljningen är planerad.")
    planned = page.locator("#uppfoljningar tbody tr", has_text=due.isoformat())
    expect(planned).to_contain_text("Nattkamera i stället för nattlig tillsyn")

    planned.get_by_role("link", name=re.compile(r"^Genomför")).click()
    expect(
        page.get_by_role("heading", name=f"Uppföljning med {d.FRESH_NAME}", level=1)
    ).to_be_visible()
    expect(page.locator(".answer .quote")).to_have_text(SLEEP_WORDS)
    page.get_by_label("Hur fungerar det nu?").fill("Jag sover hela natten nu.")
    page.get_by_label("Hur går det nu?").fill("8")
    page.get_by_role("radio", name="Ja, fortfarande viktigt").check()
    page.get_by_role("radio", name="Fortsätt").check()
    next_due = today + dt.timedelta(days=30)
    page.get_by_label("Nästa uppföljning senast").fill(next_due.isoformat())
    page.get_by_role("button", name="Spara uppföljningen").click()

    expect(page.locator(".messages")).to_contain_text(
        f"Uppföljningen är sparad. Nästa uppföljning senast {next_due.isoformat()}."
    )
    followups = page.locator("#uppfoljningar")
    expect(followups.locator(".quote")).to_have_text("Jag sover hela natten nu.")
    expect(followups).to_contain_text("går nu 8 av 10")
    expect(followups.locator("tbody")).to_contain_text(next_due.isoformat())
