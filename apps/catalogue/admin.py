from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from apps.catalogue.models import LifeArea, Technology
from apps.organisations.admin import AdministratorAccessMixin, NeverDeletedAdminMixin


@admin.register(LifeArea)
class LifeAreaAdmin(NeverDeletedAdminMixin, AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "source", "sort_order"]
    list_filter = ["source"]
    ordering = ["sort_order"]


@admin.register(Technology)
class TechnologyAdmin(NeverDeletedAdminMixin, AdministratorAccessMixin, SimpleHistoryAdmin):
    list_display = [
        "name_sv",
        "category",
        "requires_consent",
        "is_monitoring",
        "legal_basis",
        "is_active",
    ]
    list_filter = ["category", "requires_consent", "is_monitoring", "legal_basis", "is_active"]
    search_fields = ["name_sv", "name_en", "code"]
    filter_horizontal = ["life_areas"]
    prepopulated_fields = {"code": ["name_sv"]}

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks the id up unchecked: a malformed one would be a 500, not a 404.
        try:
            Technology._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)
