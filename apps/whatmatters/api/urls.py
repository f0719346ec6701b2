from apps.whatmatters.api.views import AnswerViewSet, ConversationViewSet, GoalViewSet

routes = [
    ("conversations", ConversationViewSet, "conversation"),
    ("answers", AnswerViewSet, "answer"),
    ("goals", GoalViewSet, "goal"),
]
