"""The API operations of the authorization matrix, by the schema's operationId (see
matrix_registry for what an entry says). Writes carry a body that would succeed for an allowed
persona, so that a role refusal (403) is told apart from a bad request (400)."""

from tests.security.matrix_registry import (
    ASSESSORS,
    CARE,
    DECIDERS,
    RECIPIENT_EDITORS,
    REVIEWERS,
    UNIT_SETS,
    Route,
    fixed,
    now,
    today,
)


def _lst(shows=None) -> Route:
    return fixed(shows=shows)


def _get(obj) -> Route:
    return Route(obj=obj)


def _patch(obj, roles, body=None) -> Route:
    return Route(
        obj=obj, roles=roles, method="patch", if_match=True, body=body or (lambda w, s: {})
    )


def _post(obj, roles, body=None) -> Route:
    return Route(obj=obj, roles=roles, method="post", body=body or (lambda w, s: {}))


def _create(ref, obj, roles, body, **kwargs) -> Route:
    return Route(obj=obj, ref=ref, roles=roles, method="post", body=body, **kwargs)


API: dict[str, Route] = {
    # recipients
    "v1_recipients_list": _lst("recipient"),
    "v1_recipients_create": _create(
        "unit",
        "unit",
        RECIPIENT_EDITORS,
        lambda w, s: {
            "unit": str(s.unit.pk),
            "given_name": "Ny",
            "family_name": "Matrisnyperson",
            "personal_number": w.new_personal_number(),
            "start_date": today(),
        },
        scope="unit",
        sets=UNIT_SETS,
    ),
    "v1_recipients_retrieve": _get("recipient"),
    "v1_recipients_partial_update": _patch("recipient", RECIPIENT_EDITORS),
    "v1_recipients_overview_retrieve": _get("recipient"),
    "v1_recipients_history_list": _get("recipient"),  # the change history, nested
    "v1_recipients_search_create": Route(
        obj="recipient",
        method="post",
        body=lambda w, s: {"personal_number": s.recipient.personal_number},
        read_only_ok=True,
        search=True,
    ),
    # catalogue (not about anyone)
    "v1_technologies_list": _lst(),
    "v1_technologies_retrieve": Route(obj="technology", sets=(None,)),
    "v1_life_areas_list": _lst(),
    "v1_life_areas_retrieve": Route(obj="life_area", sets=(None,)),
    # units and their staff (not about anyone: the caller's units, as a recipient's unit is
    # named; `staff` of each set is a member of that set's unit only)
    "v1_units_list": _lst("unit"),
    "v1_units_retrieve": Route(obj="unit", scope="unit", sets=UNIT_SETS),
    "v1_users_list": _lst("staff"),
    "v1_users_retrieve": Route(obj="user", scope="unit", sets=UNIT_SETS),
    # what matters
    "v1_conversations_list": _lst("conversation"),
    "v1_conversations_create": _create(
        "recipient",
        "recipient",
        CARE,
        lambda w, s: {
            "recipient": str(s.recipient.pk),
            "held_at": now(-1),
            "location": "home_visit",
        },
    ),
    "v1_conversations_retrieve": _get("conversation"),
    "v1_answers_list": _lst("answer"),
    "v1_answers_create": _create(
        "conversation",
        "conversation",
        CARE,
        lambda w, s: {
            "conversation": str(s.conversation.pk),
            "life_area": w.life_area.code,
            "own_words": "Att få vara ute varje dag.",
            "importance": 8,
            "performance": 4,
        },
    ),
    "v1_answers_retrieve": _get("answer"),
    "v1_answers_partial_update": _patch("answer", CARE),
    "v1_answers_supersede_create": _post(
        "answer", CARE, lambda w, s: {"own_words": "Att få sova längre på morgonen."}
    ),
    "v1_goals_list": _lst("goal"),
    "v1_goals_create": _create(
        "recipient",
        "recipient",
        CARE,
        lambda w, s: {
            "recipient": str(s.recipient.pk),
            "answers": [str(s.answer.pk)],
            "own_words": "Jag vill sova hela natten.",
            "indicator": "Sover fem nätter av sju.",
            "target_date": today(60),
        },
    ),
    "v1_goals_retrieve": _get("goal"),
    "v1_goals_partial_update": _patch("goal", CARE),
    # interventions and consents
    "v1_interventions_list": _lst("intervention"),
    "v1_interventions_create": _create(
        "recipient",
        "recipient",
        DECIDERS,
        lambda w, s: {
            "recipient": str(s.recipient.pk),
            "serves_answers": [str(s.answer.pk)],
            "delivery": "technology",
            "technology": str(w.technology.pk),
            "title": "Ny insats",
            "rationale": "Personen vill sova ostört.",
        },
    ),
    "v1_interventions_retrieve": _get("intervention"),
    "v1_interventions_partial_update": _patch("intervention", DECIDERS),
    "v1_interventions_accept_create": _post("intervention", DECIDERS),
    "v1_interventions_decline_create": _post(
        "intervention", DECIDERS, lambda w, s: {"reason": "Personen vill inte."}
    ),
    "v1_interventions_start_trial_create": _post(
        "intervention_accepted",
        DECIDERS,
        lambda w, s: {"trial_start": today(), "trial_end": today(30)},
    ),
    "v1_interventions_evaluate_create": _post("intervention_trial", DECIDERS),
    "v1_interventions_start_create": _post("intervention_accepted", DECIDERS),
    "v1_interventions_end_create": _post(
        "intervention_active",
        DECIDERS,
        lambda w, s: {"reason": "Målet är nått.", "end_reason": "completed"},
    ),
    "v1_consents_list": _lst("consent"),
    "v1_consents_create": _create(
        "intervention",
        "intervention",
        CARE,
        lambda w, s: {
            "intervention": str(s.intervention.pk),
            "given_by": "person",
            "method": "verbal",
            "given_at": now(-1),
        },
    ),
    "v1_consents_retrieve": _get("consent"),
    "v1_consents_withdraw_create": _post(
        "consent", CARE, lambda w, s: {"reason": "Personen har ångrat sig."}
    ),
    "v1_assessments_list": _lst("assessment"),
    "v1_assessments_create": _create(
        "intervention",
        "intervention_trial",
        ASSESSORS,
        lambda w, s: {
            "intervention": str(s.intervention_trial.pk),
            "kind": "suitability",
            "profession": "nurse",
            "decision": "suitable",
            "rationale": "Fungerar för personen.",
        },
    ),
    "v1_assessments_retrieve": _get("assessment"),
    # follow-ups
    "v1_follow_ups_list": _lst("followup"),
    "v1_follow_ups_create": _create(
        "intervention",
        "intervention_active",
        CARE,
        lambda w, s: {
            "intervention": str(s.intervention_active.pk),
            "due_date": today(14),
            "responsible": str(s.staff.pk),
        },
    ),
    "v1_follow_ups_retrieve": _get("followup"),
    "v1_follow_ups_partial_update": _patch("followup", CARE),
    "v1_follow_ups_cancel_create": _post(
        "followup", CARE, lambda w, s: {"reason": "Behövs inte längre."}
    ),
    "v1_follow_ups_complete_create": _post(
        "followup",
        CARE,
        lambda w, s: {
            "own_words": "Jag sover bättre nu.",
            "performance": 7,
            "still_matters": "yes",
            "decision": "end",
        },
    ),
    # care plans (the submitted version: approve/return succeed, submit/update answer 409)
    "v1_care_plans_list": _lst("plan_submitted"),
    "v1_care_plans_create": _create(
        "recipient", "recipient", CARE, lambda w, s: {"recipient": str(s.recipient.pk)}
    ),
    "v1_care_plans_retrieve": _get("plan_submitted"),
    "v1_care_plans_partial_update": _patch(
        "plan_submitted", CARE, lambda w, s: {"summary": "Ny klartext."}
    ),
    "v1_care_plans_submit_create": _post("plan_submitted", CARE),
    "v1_care_plans_approve_create": _post("plan_submitted", REVIEWERS),
    "v1_care_plans_return_create": _post(
        "plan_submitted", REVIEWERS, lambda w, s: {"comment": "Komplettera målen."}
    ),
}
