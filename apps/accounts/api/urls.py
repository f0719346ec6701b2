from apps.accounts.api.views import ColleagueViewSet

routes = [
    ("users", ColleagueViewSet, "user"),
]
