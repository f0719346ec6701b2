from apps.interventions.api.views import ConsentViewSet, InterventionViewSet

routes = [
    ("interventions", InterventionViewSet, "intervention"),
    ("consents", ConsentViewSet, "consent"),
]
