from apps.people.api.views import RecipientViewSet

# The recipients resource with the person's overview (apps.recipients has no routes of its
# own: one registration per prefix).
routes = [("recipients", RecipientViewSet, "recipient")]
