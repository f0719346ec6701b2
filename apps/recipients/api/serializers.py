from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers import StrictModelSerializer, StrictSerializer
from apps.organisations.selectors import units_in_scope
from apps.recipients.identity import parse_identity_number
from apps.recipients.models import CareRecipient, Contact
from apps.recipients.services import RECIPIENT_FIELDS


class ContactSerializer(serializers.ModelSerializer):
    is_legal_representative = serializers.BooleanField(read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "kind",
            "name",
            "relation",
            "phone",
            "email",
            "lives_with_recipient",
            "is_legal_representative",
            "notes",
        ]


class RecipientSerializer(serializers.ModelSerializer):
    """What an integration reads about a care recipient."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = CareRecipient
        fields = [
            "id",
            "organisation",
            "unit",
            "unit_name",
            "given_name",
            "family_name",
            "personal_number",
            "is_coordination_number",
            "birth_date",
            "protected_identity",
            "preferred_language",
            "needs_interpreter",
            "hearing_impairment",
            "visual_impairment",
            "cognitive_impairment",
            "communication_notes",
            "status",
            "start_date",
            "end_date",
            "contacts",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UnitInScopeField(serializers.PrimaryKeyRelatedField):
    """A unit the requesting user holds a membership in; anything else is 'does not exist'."""

    def get_queryset(self):
        return units_in_scope(self.context["request"].user)


# What the schema says a number looks like (a plus only after a two-digit year). The server
# checks more (date, check digit) and says what is wrong in each case, the same words as the
# page form (apps/recipients/identity.py): the field itself does not refuse by the pattern,
# which could only say "does not match".
PERSONAL_NUMBER_PATTERN = r"^\s*(\d{8}\s*-?|\d{6}\s*[-+]?)\s*\d{4}\s*$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": PERSONAL_NUMBER_PATTERN,
        "maxLength": 20,
        "example": "19121212-1212",
    }
)
class PersonalNumberField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=20, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            return parse_identity_number(value).normalised
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code=exc.code) from exc


class RecipientWriteSerializer(StrictModelSerializer):
    unit = UnitInScopeField()
    personal_number = PersonalNumberField()

    class Meta:
        model = CareRecipient
        fields = list(RECIPIENT_FIELDS)
        # Uniqueness is checked by the service (model constraints) with a clear message.
        validators = []


class RecipientSearchSerializer(StrictSerializer):
    personal_number = PersonalNumberField()
