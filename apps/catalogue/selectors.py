from django.db.models import Case, IntegerField, Value, When

from apps.catalogue.filters import TechnologyFilterSet
from apps.catalogue.models import LifeArea, Technology


def technology_list(*, active_only: bool = True, filters=None):
    qs = Technology.objects.prefetch_related("life_areas")
    qs = TechnologyFilterSet.apply(qs, filters)
    return qs.filter(is_active=True) if active_only else qs


def technologies_for_life_area(life_area: LifeArea | str):
    """Active technologies, those that usually serve `life_area` first (the UI offers these
    first when proposing an intervention from an answer)."""
    code = getattr(life_area, "code", life_area)
    serving = Technology.objects.filter(life_areas__code=code).values("id")
    return (
        technology_list()
        .annotate(
            serves_area=Case(
                When(id__in=serving, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-serves_area", "name_sv")
    )


def life_area_list():
    return LifeArea.objects.all()
