from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.assessments.api.serializers import AssessmentSerializer
from apps.followups.api.serializers import FollowUpSerializer
from apps.interventions.api.serializers import ConsentSerializer
from apps.people.selectors import PersonOverview
from apps.plans.snapshot import snapshot_from_records
from apps.recipients.api.serializers import RecipientSerializer


def _version_summary(version) -> dict | None:
    if version is None:
        return None
    return {
        "id": str(version.pk),
        "number": version.number,
        "status": version.status,
        "submitted_at": version.submitted_at.isoformat() if version.submitted_at else None,
        "reviewed_at": version.reviewed_at.isoformat() if version.reviewed_at else None,
    }


class RecipientOverviewSerializer(serializers.Serializer):
    """The recipient and their whole plan, what the person's page shows: `content` holds
    `answers` (current, in their own words, with life area and 0–10 ratings), `goals`,
    `interventions` (not declined) and `follow_ups` (scheduled), as a care-plan version
    freezes them; `care_plan` says which version is approved and which is being worked on,
    and lists every version (`versions`, newest first); `consents`, `assessments` and
    `follow_up_history` (the newest ten done or cancelled) as their own resources show them."""

    recipient = RecipientSerializer()
    content = serializers.SerializerMethodField()
    care_plan = serializers.SerializerMethodField()
    consents = ConsentSerializer(many=True)
    assessments = AssessmentSerializer(many=True)
    follow_up_history = FollowUpSerializer(many=True, source="past_followups")

    @extend_schema_field(serializers.JSONField())
    def get_content(self, overview: PersonOverview) -> dict:
        return snapshot_from_records(
            recipient=overview.recipient,
            answers=overview.answers,
            goals=overview.goals,
            interventions=overview.interventions,
            follow_ups=overview.open_followups,
        )

    @extend_schema_field(serializers.JSONField())
    def get_care_plan(self, overview: PersonOverview) -> dict:
        return {
            "approved_version": _version_summary(overview.plan_in_force),
            "open_version": _version_summary(overview.plan_open),
            "versions": [_version_summary(v) for v in overview.plan_versions],
        }
