from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.catalogue.models import LifeArea, Technology
from apps.organisations.admin import AdministratorAccessMixin


@admin.register(LifeArea)
class LifeAreaAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "source", "sort_order"]
    list_filter = ["source"]
    ordering = ["sort_order"]


@admin.register(Technology)
class TechnologyAdmin(AdministratorAccessMixin, SimpleHistoryAdmin):
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
