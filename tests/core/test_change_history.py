"""Every record keeps its change history (django-simple-history), stamped with who and which
request; a bulk QuerySet.update(), which would skip the history, is refused."""

import pytest
from django.apps import apps
from django.urls import reverse

from apps.core.history import UntrackedWriteError, allow_untracked_writes

TRACKED = sorted(
    (
        m
        for m in apps.get_models()
        if hasattr(m, "history") and not m.__name__.startswith("Historical")
    ),
    key=lambda m: m._meta.label,
)


def test_every_domain_record_is_tracked():
    labels = {m._meta.label for m in TRACKED}
    expected = {
        "organisations.Organisation",
        "organisations.Unit",
        "organisations.Membership",
        "recipients.CareRecipient",
        "recipients.Contact",
        "recipients.ProtectedIdentityGrant",
        "catalogue.Technology",
        "whatmatters.Conversation",
        "whatmatters.Answer",
        "whatmatters.Goal",
        "interventions.Intervention",
        "interventions.Consent",
        "assessments.Assessment",
        "followups.FollowUp",
        "plans.CarePlan",
        "plans.CarePlanVersion",
    }
    assert expected <= labels


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m._meta.label)
def test_a_bare_bulk_update_is_refused(db, model):
    with pytest.raises(UntrackedWriteError):
        model.objects.filter(pk__in=[]).update(updated_at=None)


def test_tests_may_set_up_states_explicitly(world):
    from apps.recipients.models import CareRecipient

    with allow_untracked_writes():
        assert (
            CareRecipient.objects.filter(pk=world.alma.pk).update(preferred_language="finska") == 1
        )


def test_a_change_through_the_api_records_who_and_which_request(world, token_for):
    client = token_for(world.assessor_a)
    response = client.patch(
        f"/api/v1/recipients/{world.alma.pk}/",
        {"given_name": "Almira"},
        format="json",
        HTTP_IF_MATCH='"v1"',
        HTTP_X_REQUEST_ID="7b7c1c83-33a5-4a0f-8f0b-5d3fe1b7a001",
    )
    assert response.status_code == 200
    latest = world.alma.history.first()
    assert latest.given_name == "Almira"
    assert latest.history_user == world.assessor_a
    assert latest.request_id == "7b7c1c83-33a5-4a0f-8f0b-5d3fe1b7a001"
    assert latest.prev_record.given_name == "Alma"


def test_a_change_through_a_page_records_who(client, world):
    client.force_login(world.assessor_a)
    data = {
        "unit": str(world.unit_a.pk),
        "given_name": "Alma",
        "family_name": "Nytt-Namn",
        "personal_number": world.alma.personal_number,
        "preferred_language": "svenska",
        "status": "active",
        "start_date": "2025-01-01",
    }
    assert client.post(reverse("recipients:update", args=[world.alma.pk]), data).status_code == 302
    latest = world.alma.history.first()
    assert latest.family_name == "Nytt-Namn" and latest.history_user == world.assessor_a
    assert latest.request_id
