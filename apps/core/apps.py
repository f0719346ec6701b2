from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Gemensamt")

    def ready(self) -> None:
        from apps.core import history  # noqa: F401  (connects the history signal)
