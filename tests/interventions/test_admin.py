"""The admin shows interventions and consents through the scoping chokepoint, read-only:
every change goes through the services and their rules."""

import pytest
from django.urls import reverse

from apps.interventions.choices import InterventionStatus as S
from apps.interventions.services import intervention_transition
from tests.interventions.factories import consent


@pytest.fixture
def admin_client_for(client, world):
    client.force_login(world.admin_user)
    return client


def test_the_changelist_holds_only_the_administrators_organisation_without_protected(
    admin_client_for, world, make_intervention
):
    make_intervention(title="Almas kamera")
    make_intervention(recipient=world.bo, title="Bos lås")
    make_intervention(recipient=world.hemlig, title="Hemligs larm")
    make_intervention(recipient=world.other_org_person, title="Ullas app")
    html = admin_client_for.get(reverse("admin:interventions_intervention_changelist")).content
    html = html.decode()
    assert "Almas kamera" in html and "Bos lås" in html
    assert "Hemligs larm" not in html and "Ullas app" not in html


@pytest.mark.parametrize("name", ["hemlig", "other_org_person"])
def test_an_out_of_scope_change_page_is_not_found(admin_client_for, world, make_intervention, name):
    intervention = make_intervention(recipient=getattr(world, name), title="Dold insats")
    url = reverse("admin:interventions_intervention_change", args=[intervention.pk])
    response = admin_client_for.get(url, follow=True)
    assert "Dold insats" not in response.content.decode()
    assert response.status_code == 404 and not response.redirect_chain


def test_the_change_page_is_read_only_with_the_event_log(
    admin_client_for, world, make_intervention
):
    intervention = make_intervention(S.PROPOSED, title="Almas kamera")
    intervention_transition(
        actor=world.assessor_a,
        intervention=intervention,
        action="accept",
        reason="Alma sa ja vid hembesöket.",
    )
    url = reverse("admin:interventions_intervention_change", args=[intervention.pk])
    response = admin_client_for.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alma sa ja vid hembesöket." in html
    assert 'name="title"' not in html  # no editable field
    posted = admin_client_for.post(url, {"title": "Ändrad"})
    assert posted.status_code == 403
    intervention.refresh_from_db()
    assert intervention.title == "Almas kamera"


def test_interventions_cannot_be_added_in_the_admin(admin_client_for):
    response = admin_client_for.get(reverse("admin:interventions_intervention_add"))
    assert response.status_code == 403


def test_the_consent_changelist_is_scoped(admin_client_for, world, make_intervention):
    consent(make_intervention(title="Synlig insats"))
    consent(make_intervention(recipient=world.hemlig, title="Dold insats"))
    html = admin_client_for.get(reverse("admin:interventions_consent_changelist")).content
    assert b"Synlig insats" in html
    assert b"Dold insats" not in html


def test_care_staff_do_not_reach_the_admin(client, world):
    world.staff_a.is_staff = True
    world.staff_a.save()
    client.force_login(world.staff_a)
    response = client.get(reverse("admin:interventions_intervention_changelist"))
    assert response.status_code == 403
