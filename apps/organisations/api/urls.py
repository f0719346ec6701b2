from apps.organisations.api.views import UnitViewSet

routes = [
    ("units", UnitViewSet, "unit"),
]
