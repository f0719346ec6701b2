from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The person's pages: what the apps below hold about one person, read together (no
    models of its own)."""

    name = "apps.people"
    label = "people"
    verbose_name = _("Personens sidor")
