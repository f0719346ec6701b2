"""What an integration reads about the staff of its units: enough to name a follow-up's
`responsible`, never e-mail, user names of people, tokens or admin flags."""

from rest_framework import serializers

from apps.accounts.models import User
from apps.organisations.models import Membership


class ColleagueRoleSerializer(serializers.ModelSerializer):
    unit = serializers.UUIDField(source="unit_id", read_only=True)

    class Meta:
        model = Membership
        fields = ["unit", "role"]
        read_only_fields = fields


class ColleagueSerializer(serializers.ModelSerializer):
    """`id` is the id a follow-up's `responsible` takes; `roles` are the user's roles in the
    caller's units only."""

    name = serializers.SerializerMethodField(
        help_text="The name shown for the user, as elsewhere in the API (an integration "
        "without a personal name goes by its account name)."
    )
    roles = ColleagueRoleSerializer(
        source="scoped_memberships",
        many=True,
        read_only=True,
        help_text="The user's role in each of the caller's units where they hold one.",
    )

    class Meta:
        model = User
        fields = ["id", "name", "is_integration", "roles"]
        read_only_fields = fields

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()
