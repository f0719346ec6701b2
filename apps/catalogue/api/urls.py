from apps.catalogue.api.views import LifeAreaViewSet, TechnologyViewSet

routes = [
    ("technologies", TechnologyViewSet, "technology"),
    ("life-areas", LifeAreaViewSet, "life-area"),
]
