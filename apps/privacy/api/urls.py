from apps.privacy.api.views import RecipientHistoryViewSet

# GET /api/v1/recipients/{recipient_pk}/history/: the person's change history, a resource of
# its own (list only) nested under the person.
routes = [
    (
        r"recipients/(?P<recipient_pk>[0-9a-fA-F-]{36})/history",
        RecipientHistoryViewSet,
        "recipient-history",
    )
]
