"""What the person reads on their printed plan: only what is decided, each intervention in
its real state, how to withdraw a consent, and whom to contact; and where the print is
offered at all."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from apps.core.history import allow_untracked_writes
from apps.interventions.choices import InterventionStatus
from apps.plans.models import CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from tests.factories import (
    AnswerFactory,
    ConversationFactory,
    FollowUpFactory,
    InterventionFactory,
    NightCameraFactory,
    TechnologyFactory,
    UserFactory,
)

S = InterventionStatus
WITHDRAW = "Du kan när som helst ta tillbaka ditt samtycke."
PRINT_LINK = "Utskrift för personen"


def long(day: dt.date) -> str:
    return format_date(day, "j F Y")


def on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def approve(world, recipient):
    draft = plan_start_draft(actor=world.staff_a, recipient=recipient)
    plan_version_submit(actor=world.staff_a, version=draft)
    return plan_version_approve(actor=world.manager, version=draft)


def article(client, user, recipient, name="plans:print") -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=[recipient.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('<article class="plan-doc">')[1].split("</article>")[0]


def section(doc: str, heading: str) -> str:
    """The text of one section of the printed plan, from its heading to the next."""
    part = doc.split(f"<h2>{heading}</h2>")[1]
    return part.split("<h2>")[0]


def intervention(recipient, answer, title, status, *, technology=None, **dates):
    return InterventionFactory(
        recipient=recipient,
        title=title,
        status=status,
        technology=technology or TechnologyFactory(),
        serves_answers=[answer],
        **dates,
    )


@pytest.fixture
def answer(world):
    conversation = ConversationFactory(recipient=world.alma)
    return AnswerFactory(conversation=conversation, recipient=world.alma, own_words="Sova ostört")


@pytest.fixture
def every_state(world, answer):
    """One intervention in each state: a proposed and a declined camera (needing consent), a
    trial running now, a camera in use after a finished trial, and an ended one."""
    camera = NightCameraFactory()
    made = {
        "proposed": intervention(
            world.alma, answer, "Föreslagen kamera", S.PROPOSED, technology=camera
        ),
        "declined": intervention(
            world.alma, answer, "Avböjd kamera", S.DECLINED, technology=camera
        ),
        "trial": intervention(
            world.alma,
            answer,
            "Trygghetslarm på prov",
            S.TRIAL,
            trial_start=on(-7),
            trial_end=on(7),
            started_on=on(-7),
        ),
        "active": intervention(
            world.alma,
            answer,
            "Nattkamera i stället för tillsyn",
            S.ACTIVE,
            technology=camera,
            trial_start=on(-30),
            trial_end=on(-16),
            started_on=on(-30),
        ),
        "ended": intervention(
            world.alma,
            answer,
            "Dörrlarm",
            S.ENDED,
            started_on=on(-60),
            ended_on=on(-3),
            end_reason="no_longer_needed",
        ),
    }
    return made


class TestWhatIsPrinted:
    def test_only_decided_interventions_each_in_its_real_state(self, client, world, every_state):
        approve(world, world.alma)
        doc = article(client, world.staff_a, world.alma)
        assert "Föreslagen kamera" not in doc and "Avböjd kamera" not in doc

        doing = section(doc, "Det här gör vi")
        assert "Trygghetslarm på prov" in doing
        assert f"Vi provar det till och med {long(on(7))}." in doing
        assert "Nattkamera i stället för tillsyn" in doing
        assert f"Det här används sedan {long(on(-30))}." in doing
        assert f"Först provade vi det från {long(on(-30))} till {long(on(-16))}." in doing
        assert "Vi provar det från" not in doing  # nothing is described as still to come
        assert "Dörrlarm" not in doing

        ended = section(doc, "Det här har vi avslutat")
        assert "Dörrlarm" in ended and f"Det här avslutades den {long(on(-3))}." in ended

    def test_a_planned_trial_and_a_trial_past_its_end(self, client, world, answer):
        intervention(world.alma, answer, "Kommande", S.TRIAL, trial_start=on(3), trial_end=on(17))
        intervention(world.alma, answer, "Passerad", S.TRIAL, trial_start=on(-20), trial_end=on(-6))
        intervention(world.alma, answer, "Beslutad", S.ACCEPTED)
        approve(world, world.alma)
        doing = section(article(client, world.staff_a, world.alma), "Det här gör vi")
        assert f"Vi provar det från {long(on(3))} till {long(on(17))}." in doing
        assert f"Vi provade det från {long(on(-20))} till {long(on(-6))}." in doing
        assert "Nu bestämmer vi tillsammans med dig om vi fortsätter." in doing
        assert "Det här har vi bestämt. Vi börjar snart." in doing

    def test_the_state_is_the_approved_one_not_a_later_change(self, client, world, every_state):
        approve(world, world.alma)
        every_state["proposed"].status = S.ACTIVE
        every_state["proposed"].save()
        doc = article(client, world.staff_a, world.alma)
        assert "Föreslagen kamera" not in doc

    def test_a_follow_up_of_a_proposed_intervention_does_not_name_it(
        self, client, world, every_state
    ):
        FollowUpFactory(recipient=world.alma, intervention=every_state["proposed"], due_date=on(5))
        approve(world, world.alma)
        follow_ups = section(article(client, world.staff_a, world.alma), "Så följer vi upp")
        assert f"Den {long(on(5))} pratar vi med dig" in follow_ups
        assert "Föreslagen kamera" not in follow_ups


class TestConsent:
    def test_withdrawal_is_explained_where_a_printed_intervention_needs_consent(
        self, client, world, every_state
    ):
        world.unit_a.phone = "08-123 456 78"
        world.unit_a.save()
        approve(world, world.alma)
        doc = article(client, world.staff_a, world.alma)
        camera = section(doc, "Det här gör vi").split("Nattkamera i stället för tillsyn")[1]
        assert "Du kan när som helst ta tillbaka det." in camera.split("plan-doc__lead")[0]
        how = section(doc, "Om du ändrar dig")
        assert WITHDRAW in how
        assert "ring Enhet A på telefon 08-123 456 78" in how
        # Once: the trial's alarm needs no consent.
        assert doc.count("Du kan när som helst ta tillbaka det.") == 1

    def test_no_withdrawal_text_when_only_an_undecided_one_needs_consent(
        self, client, world, answer
    ):
        intervention(
            world.alma, answer, "Föreslagen kamera", S.PROPOSED, technology=NightCameraFactory()
        )
        intervention(
            world.alma, answer, "Avslutad kamera", S.ENDED, technology=NightCameraFactory()
        )
        intervention(world.alma, answer, "Trygghetslarm", S.ACTIVE)
        approve(world, world.alma)
        doc = article(client, world.staff_a, world.alma)
        assert "Trygghetslarm" in doc
        assert "samtycke" not in doc and "Om du ändrar dig" not in doc

    def test_without_a_unit_phone_the_way_to_withdraw_still_reads(self, client, world, every_state):
        approve(world, world.alma)
        how = section(article(client, world.staff_a, world.alma), "Om du ändrar dig")
        assert "Säg det till personalen som hjälper dig." in how
        assert "telefon" not in how.lower()

    def test_an_older_snapshot_without_the_flag_asks_the_catalogue(
        self, client, world, every_state
    ):
        version = approve(world, world.alma)
        snapshot = version.snapshot
        for item in snapshot["interventions"]:
            item.pop("requires_consent")
            item.pop("started_on")
        with allow_untracked_writes():  # a version approved before the snapshot had these
            CarePlanVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
        doc = article(client, world.staff_a, world.alma)
        assert "Om du ändrar dig" in doc
        assert "Det här används nu." in doc


class TestContact:
    def test_the_next_follow_ups_responsible_and_the_units_phone(self, client, world, answer):
        world.unit_a.phone = "0470-123 45"
        world.unit_a.save()
        active = intervention(world.alma, answer, "Trygghetslarm", S.ACTIVE)
        past = UserFactory(first_name="Förra", last_name="Gången")
        coming = UserFactory(first_name="Karin", last_name="Kontaktdemo")
        later = UserFactory(first_name="Senare", last_name="Personal")
        for who, days in ((past, -2), (coming, 4), (later, 30)):
            FollowUpFactory(
                recipient=world.alma, intervention=active, responsible=who, due_date=on(days)
            )
        approve(world, world.alma)
        doc = article(client, world.staff_a, world.alma)
        foot = doc.split('<footer class="plan-doc__foot">')[1]
        assert "Din kontakt för planen är Karin Kontaktdemo, Enhet A." in foot
        assert "Telefon: 0470-123 45" in foot

    def test_without_follow_ups_the_author_and_no_empty_phone(self, client, world, answer):
        world.staff_a.first_name, world.staff_a.last_name = "Sara", "Skrivdemo"
        world.staff_a.save()
        intervention(world.alma, answer, "Trygghetslarm", S.ACTIVE)
        approve(world, world.alma)
        foot = article(client, world.staff_a, world.alma).split("plan-doc__foot")[1]
        assert "Din kontakt för planen är Sara Skrivdemo, Enhet A." in foot
        assert "Telefon" not in foot


class TestPdf:
    def test_the_pdf_prints_the_same(self, client, world, every_state, pdf_html):
        world.unit_a.phone = "08-123 456 78"
        world.unit_a.save()
        approve(world, world.alma)
        client.force_login(world.staff_a)
        response = client.get(reverse("plans:print-pdf", args=[world.alma.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        (html,) = pdf_html
        assert "Föreslagen kamera" not in html
        assert f"Vi provar det till och med {long(on(7))}." in html
        assert WITHDRAW in html and "Telefon: 08-123 456 78" in html


class TestWhereThePrintIsOffered:
    def pages(self, client, world, version=None):
        client.force_login(world.staff_a)
        urls = [
            reverse("recipients:detail", args=[world.alma.pk]),
            reverse("plans:recipient", args=[world.alma.pk]),
        ]
        if version is not None:
            urls.append(reverse("plans:version", args=[version.pk]))
        return {url: client.get(url).content.decode() for url in urls}

    def test_not_without_an_approved_plan(self, client, world, answer):
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        plan_version_submit(actor=world.staff_a, version=draft)
        for url, html in self.pages(client, world, draft).items():
            assert PRINT_LINK not in html, url
            assert reverse("plans:print", args=[world.alma.pk]) not in html, url

    def test_on_every_page_once_approved(self, client, world, answer):
        version = approve(world, world.alma)
        plan_start_draft(actor=world.staff_a, recipient=world.alma)  # a new draft is open
        for url, html in self.pages(client, world, version).items():
            assert PRINT_LINK in html, url
            assert reverse("plans:print", args=[world.alma.pk]) in html, url
