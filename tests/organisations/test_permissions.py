"""Every named check × every role: the table of who may do what, in one place."""

import pytest

from apps.core.exceptions import PermissionDeniedError
from apps.organisations import permissions
from apps.organisations.choices import Role
from apps.organisations.permissions import abilities, navigation_abilities, require
from tests.factories import MembershipFactory, UserFactory

CHECKS = (
    "can_edit_recipient",
    "can_care",
    "can_propose",
    "can_decide",
    "can_assess",
    "can_start_plan",
    "can_approve_plan",
    "can_produce_extract",
)

# What each role in the person's unit may do: written out, not derived from the code.
ALLOWED = {
    Role.CARE_STAFF: {"can_care", "can_start_plan"},
    Role.ASSESSOR: {
        "can_edit_recipient",
        "can_care",
        "can_propose",
        "can_decide",
        "can_start_plan",
    },
    Role.LICENSED_PROFESSIONAL: {
        "can_care",
        "can_propose",
        "can_decide",
        "can_assess",
        "can_start_plan",
    },
    Role.MANAGER: {
        "can_edit_recipient",
        "can_care",
        "can_propose",
        "can_decide",
        "can_start_plan",
        "can_approve_plan",
    },
    Role.ADMINISTRATOR: {"can_edit_recipient", "can_produce_extract"},
}

# The navigation, from roles held in any unit.
NAVIGATION = {
    Role.CARE_STAFF: set(),
    Role.ASSESSOR: set(),
    Role.LICENSED_PROFESSIONAL: set(),
    Role.MANAGER: {"can_review_plans", "can_see_overview", "can_review_log"},
    Role.ADMINISTRATOR: {"can_review_log", "can_administer"},
}


def test_the_table_covers_every_role_and_every_check():
    assert set(ALLOWED) == set(Role.values) == set(NAVIGATION)
    assert set(CHECKS) == set(permissions.ABILITY_NAMES) == set(permissions.ROLES_BY_CHECK)


def holder(role, unit, **extra):
    user = UserFactory(**extra)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("check", CHECKS)
def test_each_check_in_the_persons_unit(world, role, check):
    user = holder(role, world.unit_a)
    expected = check in ALLOWED[role]
    assert getattr(permissions, check)(user, world.alma) is expected
    assert getattr(permissions, check)(user, world.unit_a) is expected
    assert getattr(permissions, check)(user, world.unit_a.pk) is expected
    assert getattr(abilities(user, world.alma), check) is expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("check", CHECKS)
def test_a_role_in_another_unit_allows_nothing_here(world, role, check):
    user = holder(role, world.unit_b)
    assert getattr(permissions, check)(user, world.alma) is False
    assert getattr(abilities(user, world.alma), check) is False


@pytest.mark.parametrize("check", CHECKS)
def test_a_superuser_passes_every_check_an_inactive_user_none(world, check):
    root = UserFactory(is_superuser=True, is_staff=True)
    gone = holder(Role.MANAGER, world.unit_a, is_active=False)
    assert getattr(permissions, check)(root, world.alma) is True
    assert getattr(abilities(root, world.alma), check) is True
    assert getattr(permissions, check)(gone, world.alma) is False
    assert getattr(abilities(gone, world.alma), check) is False


@pytest.mark.parametrize("check", CHECKS)
def test_a_token_narrowed_to_other_units_allows_nothing_here(world, check):
    root = UserFactory(is_superuser=True)
    manager = world.manager
    for user in (root, manager):
        user.token_unit_ids = [world.unit_b.pk]
        assert getattr(permissions, check)(user, world.alma) is False
        assert getattr(abilities(user, world.alma), check) is False
    assert permissions.token_units(manager) == [world.unit_b.pk]


def test_no_token_narrows_nothing(world):
    assert permissions.token_units(world.manager) is None


def test_abilities_take_one_query_and_carry_the_roles(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        answers = abilities(world.manager, world.alma)
    assert answers.roles == {Role.MANAGER}
    assert answers.is_superuser is False


def test_require_raises_with_the_callers_message_or_the_general_one(world):
    require(permissions.can_care, world.staff_a, world.alma)
    with pytest.raises(PermissionDeniedError) as refused:
        require(permissions.can_assess, world.staff_a, world.alma, "Bara legitimerad personal.")
    assert refused.value.message == "Bara legitimerad personal."
    assert refused.value.code == "role_not_allowed"
    with pytest.raises(PermissionDeniedError) as refused:
        require(permissions.can_assess, world.staff_a, world.alma)
    assert refused.value.message == "Din roll i enheten tillåter inte detta."


@pytest.mark.parametrize("role", list(Role))
def test_the_navigation_from_a_role_in_any_unit(world, role, django_assert_num_queries):
    user = holder(role, world.unit_b, is_staff=role == Role.ADMINISTRATOR)
    with django_assert_num_queries(1):
        offered = navigation_abilities(user)
    expected = NAVIGATION[role]
    for name in ("can_review_plans", "can_see_overview", "can_review_log", "can_administer"):
        assert getattr(offered, name) is (name in expected), name


def test_the_navigation_of_a_superuser_and_of_no_one(world):
    root = navigation_abilities(UserFactory(is_superuser=True, is_staff=True))
    assert root.can_review_plans and root.can_see_overview and root.can_review_log
    assert root.can_administer
    assert not any(vars(navigation_abilities(None)).values())


def test_an_administrator_without_staff_status_is_not_offered_the_admin(world):
    user = holder(Role.ADMINISTRATOR, world.unit_a, is_staff=False)
    assert navigation_abilities(user).can_administer is False
