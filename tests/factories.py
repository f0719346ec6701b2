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


# --- care-planning records -------------------------------------------------------------------
import datetime as _dt  # noqa: E402

from django.utils import timezone  # noqa: E402

from apps.assessments.models import Assessment  # noqa: E402
from apps.catalogue.models import LifeArea, Technology  # noqa: E402
from apps.followups.models import FollowUp  # noqa: E402
from apps.interventions.models import Consent, Intervention  # noqa: E402
from apps.plans.models import CarePlan, CarePlanVersion  # noqa: E402
from apps.whatmatters.models import Answer, Conversation, Goal  # noqa: E402


class LifeAreaFactory(factory.django.DjangoModelFactory):
    """Tests that need the real list load fixtures/life_areas.json (see conftest `life_areas`)."""

    class Meta:
        model = LifeArea
        django_get_or_create = ("code",)

    code = "sleep"
    source = "project"
    name_sv = factory.LazyAttribute(lambda o: o.code.capitalize())
    name_en = factory.LazyAttribute(lambda o: o.code.capitalize())


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        skip_postgeneration_save = True
        model = Technology
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tech-{n}")
    category = "supervision"
    name_sv = factory.Sequence(lambda n: f"Teknik {n}")
    name_en = factory.Sequence(lambda n: f"Technology {n}")
    requires_consent = False
    is_monitoring = False
    legal_basis = "sol"
    replaced_visit_minutes = 15

    @factory.post_generation
    def life_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.life_areas.set(extracted)


class NightCameraFactory(TechnologyFactory):
    code = "night-camera-test"
    name_sv = "Nattkamera"
    name_en = "Night camera"
    requires_consent = True
    is_monitoring = True


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    recipient = factory.SubFactory(CareRecipientFactory)
    held_at = factory.LazyFunction(timezone.now)
    held_by = factory.SubFactory(UserFactory)
    location = "home_visit"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    conversation = factory.SubFactory(ConversationFactory)
    recipient = factory.SelfAttribute("conversation.recipient")
    life_area = factory.SubFactory(LifeAreaFactory)
    own_words = "Att få sova ostört hela natten."
    importance = 9
    performance = 3


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        skip_postgeneration_save = True
        model = Goal

    recipient = factory.SubFactory(CareRecipientFactory)
    own_words = "Jag vill sova utan att bli väckt."
    indicator = "Sover hela natten minst fem nätter i veckan."
    target_date = factory.LazyFunction(lambda: _dt.date.today() + _dt.timedelta(days=90))

    @factory.post_generation
    def answers(self, create, extracted, **kwargs):
        if create and extracted:
            self.answers.set(extracted)


class InterventionFactory(factory.django.DjangoModelFactory):
    """A proposed intervention. Pass serves_answers=[...] to link answers."""

    class Meta:
        skip_postgeneration_save = True
        model = Intervention

    recipient = factory.SubFactory(CareRecipientFactory)
    technology = factory.SubFactory(TechnologyFactory)
    delivery = "technology"
    title = "Nattkamera i stället för nattlig tillsyn"
    rationale = "Personen vill sova ostört."
    visits_replaced_per_week = 7

    @factory.post_generation
    def serves_answers(self, create, extracted, **kwargs):
        if create and extracted:
            self.serves_answers.set(extracted)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    intervention = factory.SubFactory(InterventionFactory)
    recipient = factory.SelfAttribute("intervention.recipient")
    given_by = "person"
    method = "verbal"
    given_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SubFactory(UserFactory)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    intervention = factory.SubFactory(InterventionFactory)
    recipient = factory.SelfAttribute("intervention.recipient")
    kind = "suitability"
    assessor = factory.SubFactory(UserFactory)
    profession = "nurse"
    decision = "suitable"
    rationale = "Fungerar för personen."
    assessed_at = factory.LazyFunction(timezone.now)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    intervention = factory.SubFactory(InterventionFactory)
    recipient = factory.SelfAttribute("intervention.recipient")
    due_date = factory.LazyFunction(lambda: _dt.date.today() + _dt.timedelta(days=14))
    responsible = factory.SubFactory(UserFactory)


class CarePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePlan

    recipient = factory.SubFactory(CareRecipientFactory)


class CarePlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePlanVersion

    plan = factory.SubFactory(CarePlanFactory)
    number = 1
    summary = "Planen i klartext."
