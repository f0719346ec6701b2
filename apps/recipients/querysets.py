"""The scoping chokepoint: which care recipients, and which of their records, a user may see.

Every page, API endpoint and admin screen reaches recipient data through `visible_to(user)`.
Rules:
- a user sees recipients of the units where they hold a membership (any role);
- a superuser is not limited to units, but is still bound by the protected-identity rule;
- a recipient with protected identity (skyddad identitet) is visible only to users with an
  explicit ProtectedIdentityGrant for that person, whatever their units;
- an API token narrowed to some units (ApiToken.units) sees only those units, whatever
  its user could see (`apps.organisations.permissions.token_units`);
- inactive or anonymous users see nothing.
Anything outside this set answers 404, so that its existence does not leak.
"""

from django.core.exceptions import ValidationError
from django.db import models

from apps.core.history import TrackedQuerySet
from apps.organisations.permissions import token_units


def _can_see_anything(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class CareRecipientQuerySet(TrackedQuerySet):
    def visible_to(self, user):
        if not _can_see_anything(user):
            return self.none()
        from apps.organisations.models import Membership
        from apps.recipients.models import CareRecipient, ProtectedIdentityGrant

        granted = ProtectedIdentityGrant.objects.filter(user=user).order_by().values("recipient_id")
        if user.is_superuser:
            qs = self.filter(models.Q(protected_identity=False) | models.Q(id__in=granted))
        else:
            # The people of the user's units who are not protected, plus everyone the user
            # holds an explicit grant for (even outside their units). Written as one UNION of
            # ids rather than an OR of two subqueries, so that the database starts from the
            # user's units (index on unit) instead of scanning every person in the register.
            units = Membership.objects.filter(user=user).values("unit_id")
            in_units = CareRecipient.objects.filter(unit_id__in=units, protected_identity=False)
            qs = self.filter(id__in=in_units.order_by().values("id").union(granted))
        narrowed = token_units(user)
        if narrowed is not None:
            qs = qs.filter(unit_id__in=narrowed)
        return qs

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        from apps.recipients.identity import parse_identity_number

        digits = "".join(ch for ch in term if ch.isdigit())
        if len(digits) in (10, 12):
            try:
                return self.filter(personal_number=parse_identity_number(term).normalised)
            except ValidationError:
                pass  # not a whole valid number: fall through to a partial match
        if digits and len(digits) == len(term.replace("-", "").replace(" ", "")):
            return self.filter(personal_number__contains=term.replace(" ", ""))
        q = models.Q()
        for word in term.split():
            q &= models.Q(given_name__icontains=word) | models.Q(family_name__icontains=word)
        return self.filter(q)


class RecipientOwnedQuerySet(TrackedQuerySet):
    """For every record that belongs to one care recipient through a `recipient` foreign key."""

    recipient_field = "recipient"

    def visible_to(self, user):
        from apps.recipients.models import CareRecipient

        visible = CareRecipient.objects.visible_to(user).values("id")
        return self.filter(**{f"{self.recipient_field}__in": visible})
