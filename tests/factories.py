"""factory_boy factories. Every personal identity number here is synthetic (birth numbers
980–999, the series of Skatteverket's test numbers)."""

import datetime as dt
import itertools

import factory

from apps.accounts.models import User
from apps.organisations.choices import OrganisationKind, Role, UnitKind
from apps.organisations.models import Membership, Organisation, Unit
from apps.recipients.identity import luhn_check_digit
from apps.recipients.models import CareRecipient, Contact, ProtectedIdentityGrant

_serials = itertools.count()


def make_test_number(
    birth: dt.date | None = None, serial: int | None = None, *, coordination=False
) -> str:
    """A valid synthetic number YYYYMMDD-NNNN; unique per call unless serial is given."""
    n = next(_serials)
    birth = birth or dt.date(1930, 1, 1) + dt.timedelta(days=n)
    serial = 980 + (n % 20) if serial is None else serial
    day = birth.day + (60 if coordination else 0)
    yymmdd = f"{birth:%y%m}{day:02d}"
    return f"{birth:%Y%m}{day:02d}-{serial:03d}{luhn_check_digit(yymmdd + f'{serial:03d}')}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    kind = OrganisationKind.MUNICIPALITY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = UnitKind.HOME_CARE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.CARE_STAFF


class CareRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRecipient

    unit = factory.SubFactory(UnitFactory)
    organisation = factory.SelfAttribute("unit.organisation")
    given_name = factory.Sequence(lambda n: f"Förnamn{n}")
    family_name = factory.Sequence(lambda n: f"Testsson{n}")
    personal_number = factory.LazyFunction(make_test_number)
    birth_date = factory.LazyAttribute(
        lambda o: dt.date(
            int(o.personal_number[:4]),
            int(o.personal_number[4:6]),
            int(o.personal_number[6:8]) % 60 or 1,
        )
    )
    start_date = dt.date(2025, 1, 1)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    recipient = factory.SubFactory(CareRecipientFactory)
    kind = "relative"
    name = "Närstående Testsson"


class ProtectedIdentityGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtectedIdentityGrant

    recipient = factory.SubFactory(CareRecipientFactory)
    user = factory.SubFactory(UserFactory)
    reason = "Kontaktman"
