from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.catalogue.choices import LegalBasis, LifeAreaSource, TechnologyCategory
from apps.core import fields
from apps.core.models import TrackedModel


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


class Technology(TrackedModel, BilingualLabelMixin):
    """A kind of welfare technology (välfärdsteknik) in the catalogue."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    category = models.CharField(_("kategori"), max_length=30, choices=TechnologyCategory.choices)
    description_sv = models.TextField(_("beskrivning (svenska)"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    life_areas = models.ManyToManyField(
        LifeArea, related_name="technologies", blank=True, verbose_name=_("livsområden")
    )
    requires_consent = models.BooleanField(
        _("kräver samtycke"),
        default=False,
        help_text=_("Kameror, sensorer och lås kräver uttryckligt samtycke."),
    )
    is_monitoring = models.BooleanField(
        _("övervakande teknik"),
        default=False,
        help_text=_("Kräver även samtycke från samboende närstående (från 1 mars 2024)."),
    )
    replaces_visit_sv = models.CharField(_("ersätter besök (svenska)"), max_length=200, blank=True)
    replaces_visit_en = models.CharField(_("ersätter besök (engelska)"), max_length=200, blank=True)
    replaced_visit_minutes = models.PositiveSmallIntegerField(
        _("besökets längd (minuter)"), null=True, blank=True
    )
    legal_basis = models.CharField(_("lagrum"), max_length=10, choices=LegalBasis.choices)
    is_active = models.BooleanField(_("aktiv i katalogen"), default=True)

    _history_m2m_fields = ("life_areas",)

    class Meta:
        verbose_name = _("teknik")
        verbose_name_plural = _("tekniker")
        ordering = ["name_sv"]
        constraints = [
            fields.choice_check("category", TechnologyCategory, "technology_category_valid"),
            fields.choice_check("legal_basis", LegalBasis, "technology_legal_basis_valid"),
            models.CheckConstraint(
                condition=models.Q(is_monitoring=False) | models.Q(requires_consent=True),
                name="technology_monitoring_requires_consent",
            ),
        ]

    @property
    def replaces_visit(self) -> str:
        language = (get_language() or "sv").split("-")[0]
        return self.replaces_visit_en if language == "en" else self.replaces_visit_sv

    @property
    def description(self) -> str:
        language = (get_language() or "sv").split("-")[0]
        return self.description_en if language == "en" else self.description_sv
