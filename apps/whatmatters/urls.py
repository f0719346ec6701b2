from django.urls import path

from apps.core.views import placeholder_view

app_name = "whatmatters"

urlpatterns = [
    path(
        "omsorgstagare/<uuid:recipient_pk>/samtal/nytt/",
        placeholder_view,
        name="conversation-create",
    ),
    path("omsorgstagare/<uuid:recipient_pk>/mal/nytt/", placeholder_view, name="goal-create"),
    path("mal/<uuid:pk>/andra/", placeholder_view, name="goal-update"),
    path("svar/<uuid:pk>/ersatt/", placeholder_view, name="answer-supersede"),
]
