from apps.followups.api.views import FollowUpViewSet

routes = [("follow-ups", FollowUpViewSet, "follow-up")]
