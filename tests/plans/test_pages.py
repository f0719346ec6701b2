"""The care plan pages, driven as a browser without JavaScript would: GET, POST, redirect."""

import re

import pytest
from django.urls import reverse

from apps.plans.choices import PlanVersionStatus
from apps.plans.models import CarePlanVersion
from apps.plans.services import plan_start_draft, plan_version_approve, plan_version_submit
from apps.whatmatters.choices import AnswerStatus
from tests.factories import AnswerFactory, GoalFactory
from tests.helpers import page_error_codes
from tests.plans.factories import fill_plan

MARKUP = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def recipient_url(recipient):
    return reverse("plans:recipient", args=[recipient.pk])


def version_url(version, name="version"):
    return reverse(f"plans:{name}", args=[version.pk])


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def post(client, user, url, data=None, **extra):
    client.force_login(user)
    return client.post(url, data or {}, **extra)


def reload(version):
    return CarePlanVersion.objects.get(pk=version.pk)


def submitted(recipient, actor, summary=""):
    draft = plan_start_draft(actor=actor, recipient=recipient)
    return plan_version_submit(actor=actor, version=draft)


def approved(world, recipient):
    return plan_version_approve(actor=world.manager, version=submitted(recipient, world.manager))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


class TestTheManagerFlow:
    def test_drafted_submitted_returned_resubmitted_approved_and_printed(self, client, world):
        content = fill_plan(world.alma)
        AnswerFactory(
            conversation=content.answers[0].conversation, recipient=world.alma, own_words=MARKUP
        )

        # Staff start the plan and submit it with a plain-language summary.
        response, html = page(client, world.staff_a, recipient_url(world.alma))
        assert response.status_code == 200
        assert "Det finns ingen plan ännu." in html and "Starta en plan" in html
        response = post(client, world.staff_a, reverse("plans:start", args=[world.alma.pk]))
        assert response.status_code == 302 and response["Location"] == recipient_url(world.alma)
        version = CarePlanVersion.objects.get(plan__recipient=world.alma)
        assert version.status == PlanVersionStatus.DRAFT and version.created_by == world.staff_a

        response = post(
            client,
            world.staff_a,
            version_url(version, "submit"),
            {"summary": "Du vill sova ostört.", "row_version": version.version},
        )
        assert response.status_code == 302
        version = reload(version)
        assert version.status == PlanVersionStatus.SUBMITTED
        assert version.summary == "Du vill sova ostört."
        assert version.submitted_by == world.staff_a

        # The manager finds it in the queue and opens the review.
        response, html = page(client, world.manager, reverse("plans:review-list"))
        assert response.status_code == 200
        assert "Alma Andersdemo" in html and version_url(version) in html
        response, html = page(client, world.manager, version_url(version))
        assert response.status_code == 200
        assert "Första versionen" in html
        assert "Godkänn planen" in html and "Återsänd med kommentar" in html
        assert ESCAPED in html and MARKUP not in html

        # Returning needs a comment: without one the page says so and nothing changes.
        response = post(
            client,
            world.manager,
            version_url(version, "return"),
            {"return-comment": "   ", "return-row_version": version.version},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert page_error_codes(response) == {"return-comment": {"required"}}
        assert 'class="error-summary"' in html
        assert reload(version).status == PlanVersionStatus.SUBMITTED

        response = post(
            client,
            world.manager,
            version_url(version, "return"),
            {
                "return-comment": "Lägg till ett mål om promenader.",
                "return-row_version": reload(version).version,
            },
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:review-list")
        version = reload(version)
        assert version.status == PlanVersionStatus.RETURNED
        assert version.review_comment == "Lägg till ett mål om promenader."

        # Staff see the comment, change the summary and the content, and resubmit.
        response, html = page(client, world.staff_a, recipient_url(world.alma))
        assert "Lägg till ett mål om promenader." in html
        assert "Återsänd med kommentar" in html
        response = post(
            client,
            world.staff_a,
            version_url(version, "update-summary"),
            {"summary": "Du vill sova ostört och promenera.", "row_version": version.version},
        )
        assert response.status_code == 302
        assert reload(version).summary == "Du vill sova ostört och promenera."
        GoalFactory(recipient=world.alma, own_words="Promenera till affären")
        version = reload(version)
        response = post(
            client, world.staff_a, version_url(version, "submit"), {"row_version": version.version}
        )
        assert response.status_code == 302
        assert reload(version).status == PlanVersionStatus.SUBMITTED

        # The manager approves it.
        response, html = page(client, world.manager, version_url(version))
        token = re.search(r'name="approve-content" value="([0-9a-f]{64})"', html).group(1)
        response = post(
            client,
            world.manager,
            version_url(version, "approve"),
            {
                "approve-comment": "",
                "approve-row_version": reload(version).version,
                "approve-content": token,
            },
        )
        assert response.status_code == 302
        version = reload(version)
        assert version.status == PlanVersionStatus.APPROVED
        assert version.reviewed_by == world.manager
        response, html = page(client, world.staff_a, version_url(version))
        assert "Godkänd av" in html and "<form" not in html.split('id="main"')[1]
        assert "Godkänn planen" not in html

        # The print page shows the approved content, and later changes do not reach it.
        response, html = page(client, world.staff_a, reverse("plans:print", args=[world.alma.pk]))
        assert response.status_code == 200
        assert "Promenera till affären" in html
        assert "Du vill sova ostört och promenera." in html
        content.goals[0].own_words = "Ett helt nytt mål"
        content.goals[0].save()
        GoalFactory(recipient=world.alma, own_words="Ännu ett mål")
        response, html = page(client, world.staff_a, reverse("plans:print", args=[world.alma.pk]))
        assert "Mål 0" in html
        assert "Ett helt nytt mål" not in html and "Ännu ett mål" not in html

    def test_a_second_version_shows_what_was_added_removed_and_changed(self, client, world):
        content = fill_plan(world.alma)
        approved(world, world.alma)
        goal = content.goals[0]
        goal.indicator = "Sover sju nätter av sju"
        goal.status = "achieved"
        goal.save()
        GoalFactory(recipient=world.alma, own_words=f"Nytt mål {MARKUP}")
        gone = content.answers[0]
        gone.status = AnswerStatus.NO_LONGER_RELEVANT
        gone.save()
        version = submitted(world.alma, world.staff_a)

        html = page(client, world.manager, version_url(version))[1]
        assert "Ändringar sedan version 1 (godkänd)" in html
        diff = html.split('id="diff-heading"')[1].split("</section>")[0]
        assert "Tillagt" in diff and f"Nytt mål {ESCAPED}" in diff
        assert "Borttaget" in diff and "Svar 0" in diff
        assert "Ändrat" in diff
        assert "Sover hela natten minst fem nätter i veckan." in diff
        assert "Sover sju nätter av sju" in diff
        assert "Pågående" in diff and "Uppnått" in diff  # labels, not the codes
        assert "achieved" not in diff and "→" in diff
        assert MARKUP not in html

    def test_an_unchanged_resubmission_says_so(self, client, world):
        fill_plan(world.alma)
        approved(world, world.alma)
        version = submitted(world.alma, world.staff_a)
        html = page(client, world.manager, version_url(version))[1]
        assert "Inget har ändrats sedan den godkända versionen." in html


class TestScopeAndRoles:
    def test_people_outside_the_unit_organisation_or_grant_get_404(self, client, world):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        secret = plan_start_draft(actor=world.manager, recipient=world.hemlig)
        for user in (world.staff_b, world.outsider):
            assert page(client, user, recipient_url(world.alma))[0].status_code == 404
            assert page(client, user, version_url(version))[0].status_code == 404
            response = post(client, user, reverse("plans:start", args=[world.alma.pk]))
            assert response.status_code == 404
            response = post(client, user, version_url(version, "submit"))
            assert response.status_code == 404
        assert page(client, world.staff_a, recipient_url(world.hemlig))[0].status_code == 404
        assert page(client, world.staff_a, version_url(secret))[0].status_code == 404
        assert page(client, world.manager, version_url(secret))[0].status_code == 200
        assert reload(version).status == PlanVersionStatus.DRAFT

    def test_the_review_list_is_for_managers_only(self, client, world):
        for user in (world.staff_a, world.assessor_a, world.admin_user):
            response, html = page(client, user, reverse("plans:review-list"))
            assert response.status_code == 403
            assert "Ingen behörighet" in html
        assert page(client, world.manager, reverse("plans:review-list"))[0].status_code == 200

    def test_the_review_list_holds_only_the_units_the_user_manages(self, client, world, people):
        in_a = submitted(world.alma, world.staff_a)
        in_b = submitted(world.bo, world.staff_b)
        elsewhere = submitted(world.other_org_person, world.outsider)
        html = page(client, people.staff_a_manager_b, reverse("plans:review-list"))[1]
        assert version_url(in_b) in html
        assert version_url(in_a) not in html and version_url(elsewhere) not in html
        html = page(client, world.outsider, reverse("plans:review-list"))[1]
        assert (
            version_url(elsewhere) in html and "Andersdemo" not in html and "Bengtdemo" not in html
        )

    def test_staff_see_no_review_forms_and_a_review_post_is_refused(self, client, world, people):
        version = submitted(world.alma, world.staff_a)
        for user in (world.staff_a, people.staff_a_manager_b):
            response, html = page(client, user, version_url(version))
            assert response.status_code == 200
            assert "Godkänn planen" not in html and "Återsänd med kommentar" not in html
            response = post(client, user, version_url(version, "approve"), {})
            assert response.status_code == 403
            response = post(client, user, version_url(version, "return"), {"return-comment": "x"})
            assert response.status_code == 403
        response = post(client, people.manager_b, version_url(version, "approve"), {})
        assert response.status_code == 404
        assert reload(version).status == PlanVersionStatus.SUBMITTED

    def test_an_administrator_may_read_but_not_start_a_plan(self, client, world):
        response, html = page(client, world.admin_user, recipient_url(world.alma))
        assert response.status_code == 200 and "Starta en plan" not in html
        response = post(client, world.admin_user, reverse("plans:start", args=[world.alma.pk]))
        assert response.status_code == 403
        assert not CarePlanVersion.objects.exists()

    def test_a_manager_sees_the_review_button_staff_see_the_waiting_text(self, client, world):
        version = submitted(world.alma, world.staff_a)
        html = page(client, world.manager, recipient_url(world.alma))[1]
        assert "Granska planen" in html and version_url(version) in html
        html = page(client, world.staff_a, recipient_url(world.alma))[1]
        assert "Väntar på granskning av enhetschef." in html and "Granska planen" not in html
        assert "Spara och skicka in" not in html and "Starta en ny version" not in html


class TestForms:
    def test_a_second_draft_while_one_is_open_is_refused_with_a_message(self, client, world):
        plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = post(
            client, world.staff_a, reverse("plans:start", args=[world.alma.pk]), follow=True
        )
        assert "Planen har redan en version under arbete (version 1)." in response.content.decode()
        assert CarePlanVersion.objects.count() == 1

    def test_an_oversize_summary_is_shown_with_the_text_kept(self, client, world):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        text = "Lång text. " * 800
        response = post(
            client,
            world.staff_a,
            version_url(version, "update-summary"),
            {"summary": text, "row_version": version.version},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="field-error"' in html and "8000" in html
        assert text.strip() in html
        assert reload(version).summary == ""

    def test_a_stale_page_keeps_the_typed_text_and_saves_nothing(self, client, world):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        stale = version.version
        post(
            client,
            world.assessor_a,
            version_url(version, "update-summary"),
            {"summary": "Någon annans text", "row_version": stale},
        )
        response = post(
            client,
            world.staff_a,
            version_url(version, "update-summary"),
            {"summary": f"Min text {MARKUP}", "row_version": stale},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert page_error_codes(response) == {"__all__": {"version_mismatch"}}
        assert "har ändrats av någon annan sedan du öppnade sidan." in html
        assert f"Min text {ESCAPED}" in html and MARKUP not in html
        assert f'name="row_version" value="{stale + 1}"' in html
        assert reload(version).summary == "Någon annans text"

    def test_saving_the_summary_with_htmx_answers_with_the_card_only(self, client, world):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        response = post(
            client,
            world.staff_a,
            version_url(version, "update-summary"),
            {"summary": "Ny text", "row_version": version.version},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith('<section class="card" id="summary-card"')
        assert "Texten har sparats." in html
        assert f'name="row_version" value="{version.version + 1}"' in html
        assert "<html" not in html and "<nav" not in html
        assert reload(version).summary == "Ny text"

    def test_an_approved_version_cannot_be_edited_through_the_page(self, client, world):
        version = approved(world, world.alma)
        response = post(
            client,
            world.manager,
            version_url(version, "update-summary"),
            {"summary": "Ändrad i efterhand"},
            follow=True,
        )
        assert "kan inte ändras" in response.content.decode()
        assert reload(version).summary == ""
        assert reload(version).status == PlanVersionStatus.APPROVED

    def test_approving_content_that_changed_during_the_review_is_refused(self, client, world):
        fill_plan(world.alma)
        version = submitted(world.alma, world.staff_a)
        html = page(client, world.manager, version_url(version))[1]
        token = re.search(r'name="approve-content" value="([0-9a-f]{64})"', html).group(1)
        GoalFactory(recipient=world.alma, own_words="Tillkom under granskningen")
        data = {"approve-row_version": version.version, "approve-content": token}
        response = post(client, world.manager, version_url(version, "approve"), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert page_error_codes(response) == {"approve-__all__": {"content_changed"}}
        assert "Tillkom under granskningen" in html
        assert reload(version).status == PlanVersionStatus.SUBMITTED
        fresh = re.search(r'name="approve-content" value="([0-9a-f]{64})"', html).group(1)
        data["approve-content"] = fresh
        response = post(client, world.manager, version_url(version, "approve"), data)
        assert response.status_code == 302
        assert reload(version).status == PlanVersionStatus.APPROVED

    def test_a_second_approval_of_the_same_version_is_a_message_not_an_error(self, client, world):
        version = submitted(world.alma, world.staff_a)
        data = {"approve-row_version": version.version}
        assert post(client, world.manager, version_url(version, "approve"), data).status_code == 302
        response = post(client, world.manager, version_url(version, "approve"), data, follow=True)
        assert response.status_code == 200
        assert "har ändrats av någon annan sedan du öppnade sidan." in response.content.decode()
        assert reload(version).status == PlanVersionStatus.APPROVED

    @pytest.mark.parametrize("name", ["approve", "return", "submit", "update-summary"])
    def test_actions_answer_post_only(self, client, world, name):
        version = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        assert page(client, world.manager, version_url(version, name))[0].status_code == 405


class TestOwnWordsAreText:
    def test_markup_in_anyones_words_is_shown_as_text_on_every_page(self, client, world):
        content = fill_plan(world.alma)
        AnswerFactory(
            conversation=content.answers[0].conversation, recipient=world.alma, own_words=MARKUP
        )
        GoalFactory(recipient=world.alma, own_words=MARKUP, indicator=MARKUP)
        content.interventions[0].title = MARKUP
        content.interventions[0].save()
        version = submitted(world.alma, world.staff_a)
        plan_version_approve(actor=world.manager, version=version, comment=MARKUP)
        draft = plan_start_draft(actor=world.staff_a, recipient=world.alma)
        post(
            client,
            world.staff_a,
            version_url(draft, "update-summary"),
            {"summary": MARKUP, "row_version": draft.version},
        )
        urls = [
            recipient_url(world.alma),
            version_url(version),
            version_url(draft),
            reverse("plans:print", args=[world.alma.pk]),
        ]
        for url in urls:
            response, html = page(client, world.manager, url)
            assert response.status_code == 200, url
            assert MARKUP not in html, url
            assert ESCAPED in html, url
