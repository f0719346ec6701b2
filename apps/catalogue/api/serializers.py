from rest_framework import serializers

from apps.catalogue.models import LifeArea, Technology


class LifeAreaSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = LifeArea
        fields = ["code", "label", "name_sv", "name_en", "source", "sort_order"]


class TechnologySerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    life_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Technology
        fields = [
            "id",
            "code",
            "label",
            "name_sv",
            "name_en",
            "category",
            "description_sv",
            "description_en",
            "life_areas",
            "requires_consent",
            "is_monitoring",
            "replaces_visit_sv",
            "replaces_visit_en",
            "replaced_visit_minutes",
            "legal_basis",
            "is_active",
            "created_at",
            "updated_at",
        ]
