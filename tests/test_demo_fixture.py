import datetime as dt

from django.core.management import call_command

from apps.accounts.models import User
from apps.organisations.models import Membership
from apps.recipients.identity import parse_identity_number
from apps.recipients.models import CareRecipient


def test_reference_and_demo_data_load_idempotently(db):
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    counts = (CareRecipient.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    assert (
        CareRecipient.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert 35 <= counts[0] <= 45


def test_demo_has_a_user_of_every_role_and_valid_synthetic_numbers(db):
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"care_staff", "assessor", "licensed_professional", "manager", "administrator"}
    for number in CareRecipient.objects.values_list("personal_number", flat=True):
        parsed = parse_identity_number(number)
        assert parsed.normalised == number
        assert 980 <= int(number[9:12]) <= 999  # the test-number series


def test_demo_staff_see_only_their_units(db):
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    anna = User.objects.get(username="anna")
    units = set(CareRecipient.objects.visible_to(anna).values_list("unit__name", flat=True))
    assert units == {"Hemtjänst Norr"}
    assert User.objects.get(username="anna").check_password("demo-Omsorg-2026")


def test_demo_activity_is_made_through_the_services_and_only_once(db):
    from apps.audit.models import LogReview
    from apps.followups.models import FollowUp
    from apps.interventions.models import Intervention, InterventionEvent
    from apps.plans.models import CarePlanVersion

    def counts():
        return (
            Intervention.objects.count(),
            FollowUp.objects.count(),
            CarePlanVersion.objects.count(),
            LogReview.objects.count(),
        )

    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first[3] == 1  # one documented log check: Norr checked, Solgården due
    statuses = set(Intervention.objects.values_list("status", flat=True))
    assert {"proposed", "accepted", "trial", "active"} <= statuses
    assert InterventionEvent.objects.count() >= Intervention.objects.count()
    assert CarePlanVersion.objects.filter(
        status="submitted"
    ).exists()  # something for eva to review
    assert FollowUp.objects.filter(status="scheduled", due_date__lt=dt.date.today()).exists()
