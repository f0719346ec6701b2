from apps.core.history import TrackedQuerySet
from apps.organisations.choices import Role


class UnitQuerySet(TrackedQuerySet):
    def in_scope(self, user):
        """The units `user` acts in (a superuser: every unit, as a superuser may register a
        person in any unit), narrowed by an API token's units."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        units = self.all() if user.is_superuser else self.of_user(user)
        token_units = getattr(user, "token_unit_ids", None)  # a token narrowed to some units
        return units if token_units is None else units.filter(pk__in=token_units)

    def of_user(self, user):
        """Units where the user holds any membership: the units whose recipients they see."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        # One membership per user and unit, so the join yields each unit at most once.
        return self.filter(memberships__user=user)

    def with_role(self, user, *roles: str):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(memberships__user=user, memberships__role__in=roles)

    def managed_by(self, user):
        return self.with_role(user, Role.MANAGER)

    def administered_by(self, user):
        """Every unit of each organisation in which the user is an administrator."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        from apps.organisations.models import Membership

        orgs = Membership.objects.filter(user=user, role=Role.ADMINISTRATOR).values(
            "unit__organisation_id"
        )
        return self.filter(organisation_id__in=orgs)


class MembershipQuerySet(TrackedQuerySet):
    def in_scope(self, user):
        """Memberships in the units `user` acts in (the roles a colleague list may show)."""
        units = self.model._meta.get_field("unit").related_model.objects.in_scope(user)
        return self.filter(unit_id__in=units.values("pk"))
