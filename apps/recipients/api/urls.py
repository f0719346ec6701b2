from apps.recipients.api.views import RecipientViewSet

routes = [("recipients", RecipientViewSet, "recipient")]
