"""Read-only screens of the retaliation records (the case-screen actions are in
benadeling.admin.acties), each filtered to the cases the user works
on against retaliation (benadeling.selectors); anything else answers 404."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from benadeling import selectors

# The case-screen actions register themselves on import.
from benadeling.admin import acties  # noqa: F401
from benadeling.models import (
    Afschrift,
    BenadelingInstelling,
    Benadelingsmelding,
    BeschermdPersoon,
    DossierExport,
    Maatregel,
    Motivering,
    Onderzoeksverzoek,
    Risicoanalyse,
    Verwijzing,
    VoorgenomenMaatregel,
)
from benadeling.selectors.standpunt import standpunt_kennisgeving
from benadeling.services import (
    dossier,
)
from kern.admin import AlleenLezenMixin, BekekenAuditMixin, NietGevondenMixin
from meldingen.constants import ToewijzingRol


class BenadelingAdmin(BekekenAuditMixin, NietGevondenMixin, AlleenLezenMixin, admin.ModelAdmin):
    """Read-only records of one case, for those who work on it against retaliation."""

    def get_queryset(self, request):
        zichtbaar = selectors.benadelingsrecords_zichtbaar_voor(model=self.model, user=request.user)
        return zichtbaar.select_related("melding")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return self.get_queryset(request).filter(pk=obj.pk).exists()


@admin.register(BeschermdPersoon)
class BeschermdPersoonAdmin(BenadelingAdmin):
    list_display = ("melding", "rol", "beschermd_vanaf")
    fields = ("melding", "rol", "naam", "beschermd_vanaf")
    readonly_fields = fields


@admin.register(Risicoanalyse)
class RisicoanalyseAdmin(BenadelingAdmin):
    list_display = ("melding", "gesprek_op", "status")
    fields = (
        "melding",
        "gesprek_op",
        "risicos",
        "beperking",
        "wat_melder_kan_doen",
        "status",
        "goedkeuringswijze",
        "goedgekeurd_op",
        "correctie",
        "opgesteld_door",
        "document_hash",
    )
    readonly_fields = fields


@admin.register(Benadelingsmelding)
class BenadelingsmeldingAdmin(BenadelingAdmin):
    list_display = ("melding", "created_at", "status", "doorgestuurd_op", "uitkomst")
    fields = (
        "melding",
        "omschrijving",
        "soorten",
        "status",
        "goedkeuringswijze",
        "goedgekeurd_op",
        "correctie",
        "doorgestuurd_op",
        "doorgestuurd_aan",
        "uitkomst",
        "uitkomst_toelichting",
        "afgehandeld_op",
        "document_hash",
    )
    readonly_fields = fields

    @admin.display(description=_("soorten benadeling"))
    def soorten(self, obj):
        return "; ".join(obj.type_labels())


@admin.register(Maatregel)
class MaatregelAdmin(BenadelingAdmin):
    list_display = ("melding", "soort", "created_at")
    fields = ("melding", "soort", "benadelingsmelding", "omschrijving", "mededeling_aan_melder", "hash")
    readonly_fields = fields

    @admin.display(description="SHA-256")
    def hash(self, obj):
        return obj.ondertekening.document_hash


class MotiveringInline(admin.TabularInline):
    model = Motivering
    fields = ("versie", "waarom_nodig", "geen_verband", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VoorgenomenMaatregel)
class VoorgenomenMaatregelAdmin(BenadelingAdmin):
    list_display = ("melding", "soort", "beoogd_op", "status", "bron")
    list_filter = ("status", "bron")
    fields = (
        "melding",
        "beschermd_persoon",
        "bron",
        "soort",
        "omschrijving",
        "beoogd_op",
        "motivering_vereist",
        "status",
        "motivering_gevraagd_op",
        "genomen_op",
    )
    readonly_fields = fields
    inlines = [MotiveringInline]


@admin.register(Onderzoeksverzoek)
class OnderzoeksverzoekAdmin(BenadelingAdmin):
    list_display = ("melding", "created_at", "uitkomst")
    fields = (
        "melding",
        "verzoek",
        "uitkomst",
        "reden",
        "onderzoek",
        "beslist_op",
        "standpunt_uitkomst",
        "standpunt",
        "vervolgstappen",
        "standpunt_op",
        "externe_kennisgeving",
        "reactie_op",
        "reactie",
        "onderbouwd_bezwaar",
        "antwoord",
        "beantwoord_op",
        "afgesloten_op",
        "afsluitreden",
    )
    readonly_fields = fields

    @admin.display(description=_("Beoordeling externe kennisgeving (Art. 11.3)"))
    def externe_kennisgeving(self, obj):
        kennisgeving = standpunt_kennisgeving(verzoek=obj)
        if kennisgeving is None:
            return "-"
        if kennisgeving.melden:
            return f"{kennisgeving.instantie}: {kennisgeving.motivering}"
        return f"{_('Geen externe instantie')}: {kennisgeving.motivering}"


@admin.register(Verwijzing)
class VerwijzingAdmin(BenadelingAdmin):
    list_display = ("melding", "soort", "aangeboden_op", "uitkomst", "uitkomst_op")
    fields = ("melding", "soort", "aangeboden_op", "uitkomst", "uitkomst_op", "toelichting")
    readonly_fields = fields


@admin.register(Afschrift)
class AfschriftAdmin(BenadelingAdmin):
    list_display = ("melding", "onderwerp", "created_at", "bezorgd_op")
    fields = ("melding", "onderwerp", "soort", "document_hash", "created_at", "bezorgd_op")
    readonly_fields = fields


@admin.register(DossierExport)
class DossierExportAdmin(BenadelingAdmin):
    """Exports are for the HL (or RvC) of the case only; the download is audited."""

    list_display = ("melding", "created_at", "door")
    fields = ("melding", "ontvangers", "door", "created_at", "document_hash")
    readonly_fields = fields
    change_form_template = "admin/benadeling/dossierexport/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(
                melding__toewijzingen__gebruiker=request.user,
                melding__toewijzingen__rol__in=[
                    ToewijzingRol.HOOGSTE_LEIDINGGEVENDE,
                    ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE,
                ],
                melding__toewijzingen__beeindigd_op__isnull=True,
            )
            .distinct()
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="benadeling_dossierexport_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, object_id):
        export = self.get_object(request, object_id)
        pdf = dossier.dossier_pdf_lezen(export=export, door=request.user)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="dossier-{export.melding.registernummer}.pdf"'
        return response


@admin.register(BenadelingInstelling)
class BenadelingInstellingAdmin(admin.ModelAdmin):
    list_display = (
        "organisatie",
        "motiveringsperiode_maanden",
        "motivering_voor_alle_beschermden",
        "risicogesprek_dagen",
    )
    filter_horizontal = ("personeelszaken",)
