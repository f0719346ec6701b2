"""The assessment form on the intervention page: licensed professionals of the person's unit
record a professional judgement; everyone else gets no button and a 403."""

import pytest
from django.urls import reverse

from apps.assessments.models import Assessment
from tests.factories import InterventionFactory

FORM = {
    "kind": "suitability",
    "profession": "nurse",
    "decision": "suitable",
    "rationale": "Alma hanterar tekniken själv.",
}


def assess_url(intervention):
    return reverse("assessments:record", args=[intervention.pk])


def test_a_nurse_records_an_assessment_and_sees_it_on_the_page(client, licensed_a, intervention):
    client.force_login(licensed_a)
    page = client.get(assess_url(intervention))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="decision"' in html and "Lämplig efter utprovning" in html
    response = client.post(assess_url(intervention), FORM)
    assert response.status_code == 302
    recorded = Assessment.objects.get()
    assert (recorded.assessor, recorded.decision, recorded.recipient) == (
        licensed_a,
        "suitable",
        intervention.recipient,
    )
    html = client.get(response["Location"]).content.decode()
    assert "Bedömningen är sparad." in html and "Alma hanterar tekniken själv." in html


def test_with_htmx_the_assessment_list_is_refreshed_out_of_band(client, licensed_a, intervention):
    client.force_login(licensed_a)
    page = client.post(assess_url(intervention), FORM, headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "<html" not in html and 'id="status-panel"' in html
    assert '<section id="assessments"' in html and "Alma hanterar tekniken själv." in html


def test_a_missing_rationale_is_shown_next_to_the_field_and_choices_kept(
    client, licensed_a, intervention
):
    client.force_login(licensed_a)
    page = client.post(assess_url(intervention), {**FORM, "rationale": " "})
    html = page.content.decode()
    assert 'id="id_rationale_error"' in html
    assert 'value="suitable" id="id_decision_0" required checked' in html
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who", ["staff_a", "assessor_a", "manager"])
def test_others_may_not_assess(client, world, intervention, who):
    client.force_login(getattr(world, who))
    assert client.get(assess_url(intervention)).status_code == 403
    assert client.post(assess_url(intervention), FORM).status_code == 403
    assert not Assessment.objects.exists()


def test_a_nurse_of_another_unit_gets_404(client, nurse_b, intervention):
    client.force_login(nurse_b)
    assert client.get(assess_url(intervention)).status_code == 404
    assert client.post(assess_url(intervention), FORM).status_code == 404


def test_an_ended_intervention_cannot_be_assessed(client, world, licensed_a):
    ended = InterventionFactory(recipient=world.alma, status="ended", end_reason="completed")
    client.force_login(licensed_a)
    page = client.post(assess_url(ended), FORM)
    assert page.status_code == 409
    assert "den kan inte bedömas" in page.content.decode()
    assert not Assessment.objects.exists()
