"""The action area of the intervention page: each lifecycle action, consent and its
withdrawal as a small form — a plain POST + redirect without JavaScript, a swap of the
status panel with htmx — and the services' refusals shown as messages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.interventions.choices import InterventionStatus
from apps.interventions.models import Consent, InterventionEvent
from tests.factories import ContactFactory
from tests.interventions.factories import assessment, consent

S = InterventionStatus
HTMX = {"HX-Request": "true"}


def url(name, *args):
    return reverse(f"interventions:{name}", args=args)


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def is_partial(html: str) -> bool:
    return 'id="status-panel"' in html and "<html" not in html and "site-header" not in html


class TestLifecycleActions:
    def test_an_action_opens_its_form_in_the_whole_page_without_javascript(
        self, world, login, make_intervention
    ):
        intervention = make_intervention(S.ACCEPTED)
        page = login(world.assessor_a).get(url("start-trial", intervention.pk))
        html = page.content.decode()
        assert page.status_code == 200 and "<html" in html
        assert 'name="trial_start"' in html and 'name="trial_end"' in html
        assert f'action="{url("start-trial", intervention.pk)}#status-panel"' in html

    def test_with_htmx_it_answers_with_the_status_panel_only(self, world, login, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        page = login(world.assessor_a).get(url("end", intervention.pk), headers=HTMX)
        html = page.content.decode()
        assert page.status_code == 200 and is_partial(html)
        assert 'name="end_reason"' in html and 'hx-target="#status-panel"' in html
        assert "Samtycket återkallat" not in html  # that end reason comes with a withdrawal

    def test_a_plain_post_redirects_and_records_the_event(self, world, login, make_intervention):
        intervention = make_intervention()
        response = login(world.assessor_a).post(
            url("accept", intervention.pk), {"version": intervention.version, "reason": "Bra."}
        )
        assert response.status_code == 302 and response["Location"] == url(
            "detail", intervention.pk
        )
        intervention.refresh_from_db()
        assert intervention.status == S.ACCEPTED
        event = InterventionEvent.objects.get(intervention=intervention)
        assert (event.actor, event.reason) == (world.assessor_a, "Bra.")

    def test_an_htmx_post_swaps_the_panel_and_refreshes_the_log_out_of_band(
        self, world, login, make_intervention
    ):
        intervention = make_intervention()
        page = login(world.assessor_a).post(
            url("decline", intervention.pk), {"reason": "Vill inte."}, headers=HTMX
        )
        html = page.content.decode()
        assert page.status_code == 200 and is_partial(html)
        assert "Insatsen är avböjd." in html
        assert '<section id="event-log"' in html and 'hx-swap-oob="true"' in html
        assert "Vill inte." in html
        intervention.refresh_from_db()
        assert intervention.status == S.DECLINED

    def test_accepting_consent_requiring_technology_without_consent_is_refused_clearly(
        self, world, login, make_intervention, camera
    ):
        intervention = make_intervention(technology=camera)
        page = login(world.assessor_a).post(url("accept", intervention.pk), {})
        html = page.content.decode()
        assert page.status_code == 409
        assert "Samtycke krävs: registrera samtycke från personen eller företrädaren" in html
        assert "Det som saknas:" in html
        assert url("consent-create", intervention.pk) in html
        assert "Traceback" not in html
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED

    def test_the_refusal_reaches_an_htmx_request_as_a_swappable_panel(
        self, world, login, make_intervention, camera
    ):
        intervention = make_intervention(technology=camera)
        consent(intervention)  # the person's, but a cohabitant has not consented
        ContactFactory(recipient=world.alma, name="Erik", lives_with_recipient=True)
        page = login(world.assessor_a).post(url("accept", intervention.pk), {}, headers=HTMX)
        html = page.content.decode()
        assert page.status_code == 200 and is_partial(html)
        assert "samtycke krävs även från varje samboende närstående (1 saknas)" in html
        assert "Samtycke från samboende närstående (0 av 1)" in html

    def test_activation_without_an_approving_assessment_names_what_is_missing(
        self, world, login, make_intervention, lock_tech, licensed_a
    ):
        intervention = make_intervention(S.TRIAL, technology=lock_tech)
        assessment(intervention, "more_information_needed")
        page = login(licensed_a).post(url("evaluate", intervention.pk), {})
        html = page.content.decode()
        assert page.status_code == 409
        assert "Den senaste bedömningen (”Mer information behövs”)" in html
        assert "en godkännande bedömning av legitimerad personal" in html
        # the licensed professional may assess
        assert reverse("assessments:record", args=[intervention.pk]) in html

    def test_an_action_the_state_does_not_allow_is_refused_not_applied(
        self, world, login, make_intervention
    ):
        intervention = make_intervention(S.PROPOSED)
        client = login(world.assessor_a)
        page = client.get(url("evaluate", intervention.pk))
        assert page.status_code == 409
        assert "”Utvärdera och aktivera” är inte möjligt nu" in page.content.decode()
        assert client.post(url("evaluate", intervention.pk), {}).status_code == 409
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED

    def test_a_change_made_in_between_is_reported(self, world, login, make_intervention):
        intervention = make_intervention()
        page = login(world.assessor_a).post(
            url("accept", intervention.pk), {"version": intervention.version + 1}
        )
        assert page.status_code == 409
        assert "har ändrats av någon annan sedan du öppnade sidan" in page.content.decode()

    def test_decline_needs_a_reason_next_to_the_field(self, world, login, make_intervention):
        intervention = make_intervention()
        page = login(world.assessor_a).post(url("decline", intervention.pk), {"reason": " "})
        html = page.content.decode()
        assert page.status_code == 200
        assert '<div class="field field--error">' in html and "Varför?" in html
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED

    def test_a_trial_longer_than_ninety_days_is_refused_and_the_dates_kept(
        self, world, login, make_intervention
    ):
        intervention = make_intervention(S.ACCEPTED)
        page = login(world.assessor_a).post(
            url("start-trial", intervention.pk),
            {"trial_start": "2026-01-01", "trial_end": "2026-06-30"},
        )
        html = page.content.decode()
        assert "högst 90 dagar" in html
        assert 'value="2026-06-30"' in html
        intervention.refresh_from_db()
        assert intervention.status == S.ACCEPTED

    def test_end_needs_an_end_reason(self, world, login, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        page = login(world.assessor_a).post(url("end", intervention.pk), {"reason": "Klart."})
        assert 'id="id_end_reason_error"' in page.content.decode()
        intervention.refresh_from_db()
        assert intervention.status == S.ACTIVE

    def test_care_staff_may_not_decide(self, world, login, make_intervention):
        intervention = make_intervention()
        client = login(world.staff_a)
        assert client.get(url("accept", intervention.pk)).status_code == 403
        assert client.post(url("accept", intervention.pk), {}).status_code == 403
        intervention.refresh_from_db()
        assert intervention.status == S.PROPOSED

    @pytest.mark.parametrize("who", ["staff_b", "outsider"])
    def test_actions_are_404_out_of_scope(self, world, login, make_intervention, who):
        intervention = make_intervention()
        client = login(getattr(world, who))
        assert client.get(url("accept", intervention.pk)).status_code == 404
        assert client.post(url("accept", intervention.pk), {}).status_code == 404


class TestConsentForms:
    def test_care_staff_record_the_persons_consent(self, world, login, make_intervention, camera):
        intervention = make_intervention(technology=camera)
        given_at = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        response = login(world.staff_a).post(
            url("consent-create", intervention.pk),
            {"given_by": "person", "method": "verbal", "given_at": given_at},
        )
        assert response.status_code == 302
        recorded = Consent.objects.get(intervention=intervention)
        assert (recorded.given_by, recorded.contact, recorded.recorded_by) == (
            "person",
            None,
            world.staff_a,
        )

    def test_a_representative_is_chosen_among_the_legal_representatives(
        self, world, login, make_intervention
    ):
        intervention = make_intervention()
        trustee = ContactFactory(recipient=world.alma, kind="trustee", name="Greta God man")
        ContactFactory(recipient=world.alma, kind="relative", name="Dottern Dora")
        ContactFactory(recipient=world.bo, kind="trustee", name="Bos förvaltare")
        client = login(world.staff_a)
        html = client.get(url("consent-create", intervention.pk)).content.decode()
        representative_select = html.split('name="representative"')[1].split("</select>")[0]
        assert "Greta God man" in representative_select
        assert "Dottern Dora" not in representative_select
        assert "Bos förvaltare" not in html

        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        data = {"given_by": "representative", "method": "written", "given_at": now}
        page = client.post(url("consent-create", intervention.pk), data)
        assert "Välj vilken företrädare som samtycker." in page.content.decode()
        assert not Consent.objects.exists()
        client.post(url("consent-create", intervention.pk), {**data, "representative": trustee.pk})
        assert Consent.objects.get().contact == trustee

    def test_a_cohabitant_is_chosen_among_those_living_with_the_person(
        self, world, login, make_intervention
    ):
        intervention = make_intervention()
        husband = ContactFactory(recipient=world.alma, name="Erik", lives_with_recipient=True)
        away = ContactFactory(recipient=world.alma, name="Sonen Sune")
        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        client = login(world.staff_a)
        data = {"given_by": "cohabitant", "method": "verbal", "given_at": now}
        page = client.post(url("consent-create", intervention.pk), {**data, "cohabitant": away.pk})
        assert page.status_code == 200 and not Consent.objects.exists()
        client.post(url("consent-create", intervention.pk), {**data, "cohabitant": husband.pk})
        assert Consent.objects.get().contact == husband

    def test_a_consent_in_the_future_is_refused_next_to_the_field(
        self, world, login, make_intervention
    ):
        intervention = make_intervention()
        later = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        page = login(world.staff_a).post(
            url("consent-create", intervention.pk),
            {"given_by": "person", "method": "verbal", "given_at": later},
        )
        assert 'id="id_given_at_error"' in page.content.decode()
        assert not Consent.objects.exists()

    def test_withdrawing_warns_and_ends_the_intervention(self, world, login, make_intervention):
        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)
        client = login(world.staff_a)
        page = client.get(reverse("interventions:consent-withdraw", args=[given.pk]))
        assert "När samtycket återkallas avslutas insatsen" in page.content.decode()
        page = client.post(reverse("interventions:consent-withdraw", args=[given.pk]), {})
        assert 'id="id_reason_error"' in page.content.decode()
        response = client.post(
            reverse("interventions:consent-withdraw", args=[given.pk]),
            {"reason": "Alma vill inte längre bli filmad."},
        )
        assert response.status_code == 302
        intervention.refresh_from_db()
        given.refresh_from_db()
        assert given.withdrawn_at is not None and given.withdrawn_recorded_by == world.staff_a
        assert (intervention.status, intervention.end_reason) == (S.ENDED, "consent_withdrawn")

    def test_a_withdrawn_consent_cannot_be_withdrawn_again(self, world, login, make_intervention):
        intervention = make_intervention(S.ENDED)
        withdrawn = consent(intervention, withdrawn=True)
        page = login(world.staff_a).post(
            reverse("interventions:consent-withdraw", args=[withdrawn.pk]), {"reason": "x"}
        )
        assert page.status_code == 409 and "redan återkallat" in page.content.decode()

    @pytest.mark.parametrize("who", ["staff_b", "outsider"])
    def test_consent_forms_are_404_out_of_scope(self, world, login, make_intervention, who):
        intervention = make_intervention(S.ACTIVE)
        given = consent(intervention)
        client = login(getattr(world, who))
        assert client.get(url("consent-create", intervention.pk)).status_code == 404
        withdraw = reverse("interventions:consent-withdraw", args=[given.pk])
        assert client.post(withdraw, {"reason": "x"}).status_code == 404
        given.refresh_from_db()
        assert given.withdrawn_at is None

    def test_an_administrator_may_not_record_consent(self, world, login, make_intervention):
        intervention = make_intervention()
        page = login(world.admin_user).get(url("consent-create", intervention.pk))
        assert page.status_code == 403
