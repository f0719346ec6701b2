from apps.plans.api.views import CarePlanVersionViewSet

routes = [("care-plans", CarePlanVersionViewSet, "care-plan")]
