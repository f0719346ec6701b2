import datetime as dt
from pathlib import Path

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


# --- the README's demo table and `make run`'s list say what the demo holds -------------------

ROOT = Path(__file__).resolve().parents[2]
ROLE_WORDS = {
    "care_staff": "omsorgspersonal",
    "assessor": "biståndshandläggare",
    "licensed_professional": "licensed professional",
    "manager": "enhetschef",
    "administrator": "systemförvaltare",
}


def readme_demo_rows() -> list[tuple[str, str, str]]:
    section = (ROOT / "README.md").read_text().split("### Demo logins", 1)[1].split("\n## ")[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            user, role, units = (cell.strip() for cell in line.strip().strip("|").split("|"))
            rows.append((user.strip("`"), role, units))
    return rows


def test_the_readme_names_every_demo_login_with_its_roles_and_units(db):
    call_command("loaddata", "life_areas", "technologies", "demo", verbosity=0)
    rows = readme_demo_rows()
    demo_users = set(
        User.objects.filter(memberships__isnull=False).values_list("username", flat=True)
    )
    assert {user for user, _role, _units in rows} == demo_users
    for username, role_text, units_text in rows:
        user = User.objects.get(username=username)
        memberships = Membership.objects.filter(user=user).select_related("unit")
        roles = {m.role for m in memberships}
        said = {role for role, word in ROLE_WORDS.items() if word in role_text}
        assert said == roles, (username, role_text, roles)
        units = {m.unit.name for m in memberships}
        if units_text == "all three units":
            assert len(units) == 3, username
        else:
            named = [name.strip() for name in units_text.split(",")]
            assert len(named) == len(units), (username, units_text, units)
            assert all(any(unit.startswith(name) for unit in units) for name in named), username
        if user.is_integration:
            assert "integration" in role_text and "no password" in role_text
            assert not user.has_usable_password()
        else:
            assert user.check_password("demo-Omsorg-2026"), username


def test_make_run_lists_the_same_logins_as_the_readme():
    run_target = (ROOT / "Makefile").read_text().split("\nrun: install", 1)[1].split("\n\n")[0]
    for username, _role, _units in readme_demo_rows():
        assert f'"  {username} ' in run_target, username
