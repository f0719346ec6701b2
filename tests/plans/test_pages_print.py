"""The printable plan for the person, on paper and as a PDF."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from apps.interventions.choices import InterventionStatus
from apps.plans import views
from apps.plans.pdf import _no_fetching
from apps.plans.services import (
    plan_start_draft,
    plan_version_approve,
    plan_version_submit,
    plan_version_update,
)
from tests.factories import AnswerFactory, CareRecipientFactory, GoalFactory
from tests.plans.factories import fill_plan

MARKUP = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def approve(world, recipient, summary=""):
    draft = plan_start_draft(actor=world.staff_a, recipient=recipient)
    if summary:
        plan_version_update(actor=world.staff_a, version=draft, summary=summary)
    plan_version_submit(actor=world.staff_a, version=draft)
    return plan_version_approve(actor=world.manager, version=draft)


def get(client, user, name, recipient):
    client.force_login(user)
    return client.get(reverse(name, args=[recipient.pk]))


def article(html: str) -> str:
    return html.split('<article class="plan-doc">')[1].split("</article>")[0]


@pytest.fixture
def approved_plan(world):
    content = fill_plan(world.alma)
    # Decided and in use: a proposed intervention is not printed (see test_pages_print_person).
    content.interventions[0].status = InterventionStatus.ACTIVE
    content.interventions[0].save()
    AnswerFactory(
        conversation=content.answers[0].conversation, recipient=world.alma, own_words=MARKUP
    )
    content.goals[0].indicator = f"Sover gott {MARKUP}"
    content.goals[0].save()
    version = approve(world, world.alma, summary=f"Din plan i korthet. {MARKUP}")
    return content, version


class TestPrintPage:
    def test_it_shows_the_approved_plan_in_plain_language(self, client, world, approved_plan):
        response = get(client, world.staff_a, "plans:print", world.alma)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        for heading in (
            "Din genomförandeplan",
            "Det här är viktigt för dig",
            "Dina mål",
            "Det här gör vi",
            "Så följer vi upp",
            "Godkänd den",
        ):
            assert heading in html
        assert "Alma Andersdemo" in html
        with translation.override("sv"):
            assert f"född {date_format(world.alma.birth_date, 'j F Y')}" in html
        assert "Mål 0" in html and "Insats 0" in html and "Svar 0" in html
        assert 'media="print"' in html and "css/print.css" in html
        assert html.count("<h1") == 1

    def test_it_has_no_navigation_codes_ids_or_identity_numbers(self, client, world, approved_plan):
        neighbour = CareRecipientFactory(unit=world.unit_a, given_name="Granne")
        html = get(client, world.staff_a, "plans:print", world.alma).content.decode()
        assert "<nav" not in html
        assert "site-header" not in html
        for person in (world.alma, world.bo, neighbour):
            assert person.personal_number not in html
            assert person.personal_number.replace("-", "")[2:] not in html
        doc = article(html)
        assert not UUID.search(doc)
        assert "sleep" not in doc and "proposed" not in doc and "active" not in doc

    def test_the_persons_words_are_text_not_markup(self, client, world, approved_plan):
        html = get(client, world.staff_a, "plans:print", world.alma).content.decode()
        assert MARKUP not in html
        assert html.count(ESCAPED) == 3  # an answer, a goal's indicator, the summary

    def test_a_later_change_does_not_reach_the_printed_plan(self, client, world, approved_plan):
        content, _version = approved_plan
        content.goals[0].own_words = "Ändrat efter godkännandet"
        content.goals[0].save()
        GoalFactory(recipient=world.alma, own_words="Nytt efter godkännandet")
        plan_start_draft(actor=world.staff_a, recipient=world.alma)  # a new draft is open
        html = get(client, world.staff_a, "plans:print", world.alma).content.decode()
        assert "Mål 0" in html
        assert "efter godkännandet" not in html

    def test_without_an_approved_plan_it_says_so_and_leads_back(self, client, world):
        plan_start_draft(actor=world.staff_a, recipient=world.alma)
        for name in ("plans:print", "plans:print-pdf"):
            response = get(client, world.staff_a, name, world.alma)
            assert response.status_code == 200, name
            assert response["Content-Type"].startswith("text/html")
            html = response.content.decode()
            assert "Det finns ingen godkänd plan att skriva ut" in html
            assert reverse("plans:recipient", args=[world.alma.pk]) in html
            assert 'class="message' not in html  # no message, least of all a success-styled one
            assert "plan-doc" not in html
        page = client.get(reverse("plans:recipient", args=[world.alma.pk])).content.decode()
        assert "Det finns ingen godkänd plan att skriva ut" not in page

    def test_out_of_scope_people_get_404(self, client, world, approved_plan):
        for user in (world.staff_b, world.outsider):
            for name in ("plans:print", "plans:print-pdf"):
                assert get(client, user, name, world.alma).status_code == 404
        assert get(client, world.staff_a, "plans:print", world.hemlig).status_code == 404


class TestPdf:
    def test_it_is_a_pdf_download_named_without_the_person(
        self, client, world, approved_plan, pdf_html
    ):
        response = get(client, world.staff_a, "plans:print-pdf", world.alma)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        disposition = response["Content-Disposition"]
        assert re.fullmatch(
            r'attachment; filename="genomforandeplan-\d{4}-\d{2}-\d{2}\.pdf"', disposition
        )
        assert "Alma" not in disposition and world.alma.personal_number not in disposition
        assert "no-store" in response["Cache-Control"]

        (html,) = pdf_html
        assert "Det här är viktigt för dig" in html and "Mål 0" in html
        assert MARKUP not in html and html.count(ESCAPED) == 3
        assert "<nav" not in html and "<a " not in html and "<link" not in html
        assert not UUID.search(html)
        assert world.alma.personal_number not in html

    def test_the_pdf_fetches_nothing(self):
        with pytest.raises(ValueError, match="disallowed protocol"):
            _no_fetching().fetch("file:///etc/hostname")
        with pytest.raises(ValueError, match="disallowed protocol"):
            _no_fetching().fetch("http://127.0.0.1:9/x.png")


class TestWithoutPdfSupport:
    """Where WeasyPrint's system libraries are missing, the page still prints."""

    def test_the_pdf_link_is_hidden_and_the_pdf_url_explains(
        self, client, world, approved_plan, monkeypatch
    ):
        monkeypatch.setattr(views, "pdf_available", lambda: False)
        html = get(client, world.staff_a, "plans:print", world.alma).content.decode()
        assert "Ladda ner som PDF" not in html
        response = get(client, world.staff_a, "plans:print-pdf", world.alma)
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:print", args=[world.alma.pk])
        html = client.get(response["Location"]).content.decode()
        assert "PDF kan inte skapas just nu." in html

    def test_with_support_the_link_is_there(self, client, world, approved_plan):
        html = get(client, world.staff_a, "plans:print", world.alma).content.decode()
        assert reverse("plans:print-pdf", args=[world.alma.pk]) in html
