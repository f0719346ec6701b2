from apps.organisations.api.views import ColleagueViewSet, UnitViewSet

routes = [
    ("units", UnitViewSet, "unit"),
    ("users", ColleagueViewSet, "user"),
]
