from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhatMattersConfig(AppConfig):
    name = "apps.whatmatters"
    label = "whatmatters"
    verbose_name = _("Vad är viktigt")
