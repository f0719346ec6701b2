from django.urls import path

from apps.whatmatters import views

app_name = "whatmatters"

urlpatterns = [
    path(
        "omsorgstagare/<uuid:recipient_pk>/samtal/nytt/",
        views.conversation_create_view,
        name="conversation-create",
    ),
    path("omsorgstagare/<uuid:recipient_pk>/mal/nytt/", views.goal_create_view, name="goal-create"),
    path("mal/<uuid:pk>/andra/", views.goal_update_view, name="goal-update"),
    path("svar/<uuid:pk>/ersatt/", views.answer_supersede_view, name="answer-supersede"),
]
