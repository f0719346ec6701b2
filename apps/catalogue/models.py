from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.catalogue.choices import LifeAreaSource


class BilingualLabelMixin(models.Model):
    name_sv = models.CharField(_("namn (svenska)"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "sv").split("-")[0]
        return self.name_en if language == "en" else self.name_sv


class LifeArea(BilingualLabelMixin):
    """A life area (livsområde): the nine of IBIC, its two extra categories, and the body
    functions this project adds (sleep, pain, medication, nutrition). Data, not code: loaded
    from fixtures/life_areas.json."""

    code = models.SlugField(_("kod"), max_length=40, primary_key=True)
    source = models.CharField(_("källa"), max_length=20, choices=LifeAreaSource.choices)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("livsområde")
        verbose_name_plural = _("livsområden")
        ordering = ["sort_order", "code"]
