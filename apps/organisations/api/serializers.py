"""What an integration reads about units: enough to name a unit (the staff who work in
them: `apps.accounts.api`)."""

from rest_framework import serializers

from apps.organisations.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "kind",
            "organisation",
            "organisation_name",
            "phone",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
