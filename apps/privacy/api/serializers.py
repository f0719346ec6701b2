"""Read-only serializers of the change history (entries built by apps.privacy.selectors)."""

from rest_framework import serializers


class HistoryUserSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class HistoryRecordSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        read_only=True,
        choices=[
            "recipient",
            "contact",
            "protected_identity_grant",
            "conversation",
            "answer",
            "goal",
            "intervention",
            "consent",
            "assessment",
            "follow_up",
            "care_plan",
            "care_plan_version",
        ],
        help_text="Which kind of record changed.",
    )
    kind_title = serializers.CharField(read_only=True, help_text="The kind, in words.")
    id = serializers.UUIDField(read_only=True)
    label = serializers.CharField(
        read_only=True, help_text="A short label naming the record (from its own fields)."
    )


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True, help_text="The field's name, in words.")
    before = serializers.JSONField(
        read_only=True, allow_null=True, help_text="The stored value before (null: none)."
    )
    after = serializers.JSONField(read_only=True, allow_null=True)
    before_display = serializers.CharField(
        read_only=True, help_text="The value before as it reads: labels, not codes (empty: none)."
    )
    after_display = serializers.CharField(read_only=True)


class HistoryEntrySerializer(serializers.Serializer):
    """One change to one of the person's records: when, who, from which request, what."""

    at = serializers.DateTimeField(read_only=True)
    change_type = serializers.ChoiceField(read_only=True, choices=["created", "changed", "deleted"])
    change_type_label = serializers.CharField(read_only=True)
    user = HistoryUserSerializer(
        read_only=True, allow_null=True, help_text="Who made the change (null: the system)."
    )
    request_id = serializers.CharField(
        read_only=True,
        help_text="The request that made the change (X-Request-ID; also in the access log).",
    )
    reason = serializers.CharField(read_only=True)
    record = HistoryRecordSerializer(read_only=True)
    changes = HistoryChangeSerializer(many=True, read_only=True)
