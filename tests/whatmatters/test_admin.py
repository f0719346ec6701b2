"""The admin shows conversations, answers and goals read-only, scoped like everything else."""

import pytest
from django.urls import reverse

from apps.whatmatters.services import goal_create

MODELS = ["conversation", "answer", "goal"]


@pytest.fixture
def records(world, talk):
    def make(actor, recipient, words):
        conversation = talk(actor, recipient, {"own_words": words})
        answer = conversation.answers.get()
        goal = goal_create(actor=actor, recipient=recipient, answers=[answer], own_words=words)
        return {"conversation": conversation, "answer": answer, "goal": goal}

    return {
        "alma": make(world.manager, world.alma, "Almas egna ord"),
        "hemlig": make(world.manager, world.hemlig, "Hemligs egna ord"),
        "ulla": make(world.outsider, world.other_org_person, "Ullas egna ord"),
    }


def admin_url(model, action, *args):
    return reverse(f"admin:whatmatters_{model}_{action}", args=args)


@pytest.mark.parametrize("model", ["answer", "goal"])
def test_the_changelist_shows_only_records_in_scope(client, world, records, model):
    client.force_login(world.admin_user)
    html = client.get(admin_url(model, "changelist")).content.decode()
    assert "Almas egna ord" in html
    assert "Hemligs egna ord" not in html and "Ullas egna ord" not in html


def test_the_conversation_changelist_is_scoped(client, world, records):
    client.force_login(world.admin_user)
    html = client.get(admin_url("conversation", "changelist")).content.decode()
    assert "Andersdemo" in html
    assert "Skyddadsson" not in html and "Utomsson" not in html


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("who", ["hemlig", "ulla"])
def test_out_of_scope_change_and_history_pages_are_not_found(client, world, records, model, who):
    client.force_login(world.admin_user)
    pk = records[who][model].pk
    change = client.get(admin_url(model, "change", pk), follow=True)
    assert change.status_code == 404 and not change.redirect_chain
    assert "egna ord" not in change.content.decode()
    assert client.get(admin_url(model, "history", pk)).status_code == 404
    version = records[who][model].history.first().history_id
    assert client.get(admin_url(model, "simple_history", pk, version)).status_code == 404


@pytest.mark.parametrize("model", MODELS)
def test_records_in_scope_can_be_viewed_with_history_but_not_added_or_changed(
    client, world, records, model
):
    client.force_login(world.admin_user)
    obj = records["alma"][model]
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "history", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 403
    version = obj.history.first().history_id
    revert = client.post(admin_url(model, "simple_history", obj.pk, version), {})
    assert revert.status_code == 403


def test_staff_without_an_administrator_role_cannot_use_it(client, world, records):
    world.staff_a.is_staff = True
    world.staff_a.save()
    client.force_login(world.staff_a)
    assert client.get(admin_url("answer", "changelist")).status_code == 403
