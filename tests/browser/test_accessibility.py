"""axe-core on every page a staff member, a licensed professional, a manager, the administrator
and a signed-out visitor can reach: no serious or critical violations.

Each test visits one persona's pages and reports every violation of all of them at once (page,
rule, selectors), so that one broken page does not hide the others."""

import re

from playwright.sync_api import expect

from tests.browser import demo_data as d
from tests.browser.conftest import axe_violations


def visit(page, base_url, name, url, *, status=200, heading=None):
    """Open a page as a link would, check it is the page expected, and return its axe
    violations."""
    response = page.goto(base_url + url)
    assert response.status == status, f"{name}: HTTP {response.status} for {url}"
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_count(1)
    if heading:
        expect(h1).to_contain_text(heading)
    return axe_violations(page, name=name)


def audit(page, base_url, pages) -> list[str]:
    found = []
    for name, url, *expected in pages:
        options = expected[0] if expected else {}
        found += visit(page, base_url, name, url, **options)
    return found


def no_violations(found):
    assert not found, "axe: serious/critical violations\n" + "\n".join(found)


def test_signed_out_pages_are_accessible(demo, live_server, page):
    base = live_server.url
    found = visit(page, base, "login", "/konto/login/", heading="Logga in")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator(".error-summary, .form-errors, [role=alert]").first).to_be_visible()
    found += axe_violations(page, name="login with an error")
    no_violations(found)


def test_recipient_and_what_matters_pages_are_accessible(demo, live_server, page, login):
    base = live_server.url
    person = d.person_with_everything()
    fresh = d.fresh_person()
    answer = d.current_answer(person)
    goal = d.goal(person)
    login("cecilia")
    found = audit(
        page,
        base,
        [
            ("recipient list", d.path("recipients:list"), {"heading": "Omsorgstagare"}),
            ("new recipient form", d.path("recipients:create")),
            ("recipient hub", d.path("recipients:detail", person.pk)),
            ("recipient hub, nothing recorded yet", d.path("recipients:detail", fresh.pk)),
            ("edit recipient form", d.path("recipients:update", person.pk)),
            (
                "conversation form",
                d.path("whatmatters:conversation-create", person.pk),
                {"heading": "Vad är viktigt för dig?"},
            ),
        ],
    )
    page.get_by_role("button", name="Spara samtalet").click()
    expect(page.get_by_role("heading", name="Det gick inte att spara")).to_be_visible()
    found += axe_violations(page, name="conversation form with errors")
    found += audit(
        page,
        base,
        [
            ("goal form", d.path("whatmatters:goal-create", person.pk)),
            ("goal change form", d.path("whatmatters:goal-update", goal.pk)),
            ("changed answer form", d.path("whatmatters:answer-supersede", answer.pk)),
        ],
    )
    page.goto(base + d.path("recipients:list"))
    page.get_by_label("Sök namn eller personnummer").fill(d.FRESH_NAME)
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("table")).to_contain_text(d.FRESH_NUMBER)
    found += axe_violations(page, name="recipient search results")
    no_violations(found)


def test_intervention_pages_and_their_forms_are_accessible(demo, live_server, page, login):
    base = live_server.url
    proposed = d.intervention("proposed", technology__requires_consent=True)
    accepted = d.intervention("accepted")
    trial = d.intervention("trial")
    active = d.intervention("active", technology__code="night-camera")
    consent = d.consent_in_force()
    person = proposed.recipient
    login("cecilia")
    found = audit(
        page,
        base,
        [
            (
                "propose, from an answer",
                d.path("interventions:propose", person.pk)
                + f"?answer={d.current_answer(person).pk}",
            ),
            ("propose, nothing said yet", d.path("interventions:propose", d.fresh_person().pk)),
            ("intervention page, proposed", d.path("interventions:detail", proposed.pk)),
            ("intervention page, accepted", d.path("interventions:detail", accepted.pk)),
            ("intervention page, trial", d.path("interventions:detail", trial.pk)),
            ("intervention page, active", d.path("interventions:detail", active.pk)),
            ("accept form", d.path("interventions:accept", proposed.pk)),
            ("decline form", d.path("interventions:decline", proposed.pk)),
            ("start trial form", d.path("interventions:start-trial", accepted.pk)),
            ("start form", d.path("interventions:start", accepted.pk)),
            ("evaluate form", d.path("interventions:evaluate", trial.pk)),
            ("end form", d.path("interventions:end", active.pk)),
            ("consent form", d.path("interventions:consent-create", proposed.pk)),
            ("withdraw consent form", d.path("interventions:consent-withdraw", consent.pk)),
        ],
    )
    # A refusal in the status panel: accepting without the consent the camera needs.
    page.goto(base + d.path("interventions:accept", proposed.pk))
    page.get_by_role("button", name="Acceptera").click()
    expect(page.get_by_text("Samtycke krävs")).to_be_visible()
    found += axe_violations(page, name="accept refused: consent missing")
    login("david")
    found += visit(page, base, "assessment form", d.path("assessments:record", trial.pk))
    no_violations(found)


def test_follow_up_plan_and_account_pages_are_accessible(demo, live_server, page, login):
    base = live_server.url
    person = d.person_with_everything()
    scheduled = d.followup("scheduled")
    done = d.followup("done")
    draft = d.plan_version("draft")
    login("anna")
    found = audit(
        page,
        base,
        [
            ("my follow-ups", d.path("followups:mine"), {"heading": "Mina uppföljningar"}),
            ("schedule follow-up form", d.path("followups:schedule", person.pk)),
            ("follow-up form", d.path("followups:complete", scheduled.pk)),
            ("follow-up done", d.path("followups:complete", done.pk)),
            ("plan page, approved", d.path("plans:recipient", person.pk)),
            ("plan page, draft", d.path("plans:recipient", draft.plan.recipient.pk)),
            ("plan version page", d.path("plans:version", draft.pk)),
            ("print page", d.path("plans:print", person.pk)),
            ("account page", d.path("accounts:account")),
            ("MFA setup page", d.path("accounts:mfa-setup")),
            ("404 page", "/finns-inte/", {"status": 404, "heading": "Sidan finns inte"}),
            (
                "403 page (care staff may not propose)",
                d.path("interventions:propose", person.pk),
                {"status": 403},
            ),
        ],
    )
    page.goto(base + d.path("followups:complete", scheduled.pk))
    page.get_by_role("button", name="Spara uppföljningen").click()
    expect(page.get_by_role("heading", name="Det gick inte att spara")).to_be_visible()
    found += axe_violations(page, name="follow-up form with errors")
    no_violations(found)


def test_manager_pages_are_accessible(demo, live_server, page, login):
    base = live_server.url
    changed = d.submitted_change_to_an_approved_plan()
    first = d.plan_version("submitted")
    returned = d.plan_version("returned")
    login("eva")
    found = audit(
        page,
        base,
        [
            ("plans to review", d.path("plans:review-list"), {"heading": "Planer att granska"}),
            ("review page, first version", d.path("plans:version", first.pk)),
            ("review page, changes since approval", d.path("plans:version", changed.pk)),
            ("returned plan version", d.path("plans:version", returned.pk)),
        ],
    )
    page.goto(base + d.path("plans:version", first.pk))
    page.get_by_role("button", name="Återsänd").click()
    expect(
        page.get_by_text("Skriv vad som behöver ändras innan planen återsänds.").first
    ).to_be_visible()
    found += axe_violations(page, name="return form with an error")
    page.goto(base + d.path("insights:overview"))
    expect(page.locator(".chart").first).to_be_visible()  # drawn by charts.js
    found += axe_violations(page, name="overview")
    no_violations(found)


def test_log_review_history_and_extract_pages_are_accessible(demo, live_server, page, login):
    base = live_server.url
    person = d.person_with_everything()
    login("eva")
    page.goto(base + d.path("recipients:detail", person.pk))  # a read, so the log has a row
    found = audit(
        page,
        base,
        [
            ("log review", d.path("audit:review"), {"heading": "Loggranskning"}),
            ("log review, per user", d.path("audit:review") + "?view=anvandare"),
            ("log of one person", d.path("audit:by-recipient", person.pk)),
            ("log of one user", d.path("audit:by-user", d.user("anna").pk)),
            ("log sample", d.path("audit:sample"), {"heading": "Stickprov"}),
            ("log checks", d.path("audit:checks"), {"heading": "Logguppföljningar"}),
            ("log check form", d.path("audit:check-create")),
            ("change history", d.path("privacy:recipient-history", person.pk)),
        ],
    )
    page.goto(base + d.path("audit:check-create"))
    page.get_by_role("button", name="Spara kontrollen").click()
    expect(page.get_by_role("heading", name="Det gick inte att spara")).to_be_visible()
    found += axe_violations(page, name="log check form with errors")
    login("frida")
    found += audit(
        page,
        base,
        [
            ("register extract", d.path("privacy:extract", person.pk)),
            ("register extract, printable", d.path("privacy:extract-print", person.pk)),
        ],
    )
    no_violations(found)


def test_admin_pages_pass_axe(demo, live_server, page, login):
    """The admin's markup is Django's; what it lacks (underlined breadcrumb links) is added in
    static/css/admin.css, so its index and a change list have no axe violation either."""
    base = live_server.url
    login("frida")
    found = []
    for name, url in (
        ("admin index", "/admin/"),
        ("admin change list", "/admin/catalogue/technology/"),
    ):
        response = page.goto(base + url)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(page).to_have_title(re.compile("carecenter"))
        found += axe_violations(page, name=name)
    expect(page.get_by_role("link", name=d.NIGHT_CAMERA)).to_be_visible()
    assert not found, found
