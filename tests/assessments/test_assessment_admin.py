"""The admin shows assessments scoped like everything else, and never edits them."""

from django.urls import reverse

from tests.factories import AssessmentFactory, InterventionFactory


def test_the_changelist_is_scoped_and_read_only(client, world, intervention):
    almas = AssessmentFactory(intervention=intervention)
    hemligs = AssessmentFactory(intervention=InterventionFactory(recipient=world.hemlig))
    others = AssessmentFactory(intervention=InterventionFactory(recipient=world.other_org_person))
    client.force_login(world.admin_user)
    response = client.get(reverse("admin:assessments_assessment_changelist"))
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list.values_list("pk", flat=True))
    assert listed == {almas.pk}
    assert hemligs.pk not in listed and others.pk not in listed
    assert client.get(reverse("admin:assessments_assessment_add")).status_code == 403
    change = client.get(reverse("admin:assessments_assessment_change", args=[almas.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()


def test_care_staff_cannot_use_the_admin(client, world):
    world.staff_a.is_staff = True
    world.staff_a.save()
    client.force_login(world.staff_a)
    response = client.get(reverse("admin:assessments_assessment_changelist"))
    assert response.status_code == 403
