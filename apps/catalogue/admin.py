from django.contrib import admin

from apps.catalogue.models import LifeArea


@admin.register(LifeArea)
class LifeAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "source", "sort_order"]
    list_filter = ["source"]
    ordering = ["sort_order"]
