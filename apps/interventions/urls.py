from django.urls import path

from apps.interventions import views
from apps.interventions.choices import InterventionAction as A

app_name = "interventions"

# Swedish path word of each lifecycle action; the URL name is views.ACTION_URL_NAMES.
ACTION_PATHS = {
    A.ACCEPT: "acceptera",
    A.DECLINE: "avboj",
    A.START_TRIAL: "starta-utprovning",
    A.EVALUATE: "utvardera",
    A.START: "starta",
    A.END: "avsluta",
}

urlpatterns = [
    path(
        "omsorgstagare/<uuid:recipient_pk>/insatser/ny/",
        views.intervention_propose_view,
        name="propose",
    ),
    path("insatser/<uuid:pk>/", views.intervention_detail_view, name="detail"),
    *(
        path(
            f"insatser/<uuid:pk>/{word}/",
            views.intervention_action_view,
            {"action": action},
            name=views.ACTION_URL_NAMES[action].split(":")[1],
        )
        for action, word in ACTION_PATHS.items()
    ),
    path("insatser/<uuid:pk>/samtycke/nytt/", views.consent_record_view, name="consent-create"),
    path("samtycken/<uuid:pk>/aterkalla/", views.consent_withdraw_view, name="consent-withdraw"),
]
