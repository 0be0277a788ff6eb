"""Retaliation on the case screen (actions through the meldingen extension point)
and read-only screens of the records, each filtered to the cases the user works
on against retaliation (benadeling.selectors); anything else answers 404."""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from benadeling import forms, selectors
from benadeling.constants import VastleggingStatus, VerwijzingUitkomst, VoornemenStatus
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
from benadeling.selectors import BENADELING_ROLLEN, heeft_rol, leiding_rol
from benadeling.services import (
    beschermd,
    dossier,
    maatregelen,
    motivering,
    vastleggingen,
    verwijzingen,
    verzoeken,
)
from kern.models import AuditActie
from kern.services import auditregel_schrijven
from meldingen.admin_triage import actie_registreren
from meldingen.constants import ToewijzingRol

CP, ONTVANGER = ToewijzingRol.CONTACTPERSOON, ToewijzingRol.ONTVANGER


def _rol(*rollen):
    return lambda r, m: heeft_rol(melding=m, user=r.user, rollen=rollen)


def _leiding(*extra):
    return lambda r, m: heeft_rol(melding=m, user=r.user, rollen=[leiding_rol(m), *extra])


def _verwijzing(r, m, d):
    v = verwijzingen.verwijzing_aanbieden(
        melding=m, soort=d["soort"], aangeboden_op=d["aangeboden_op"], toelichting=d["toelichting"], door=r.user
    )
    if d["uitkomst"] != VerwijzingUitkomst.AANGEBODEN:
        verwijzingen.verwijzing_uitkomst_vastleggen(
            verwijzing=v, uitkomst=d["uitkomst"], uitkomst_op=d["uitkomst_op"], door=r.user
        )


def _verzoek_beslissen(r, m, d):
    if d["inwilligen"]:
        verzoeken.onderzoeksverzoek_inwilligen(
            verzoek=d["verzoek"], opdracht=d["opdracht_of_reden"], door=r.user, totp_code=d["totp_code"]
        )
    else:
        verzoeken.onderzoeksverzoek_afwijzen(
            verzoek=d["verzoek"], reden=d["opdracht_of_reden"], door=r.user, totp_code=d["totp_code"]
        )


ACTIES = [
    (
        "benadeling_beschermd",
        _("Beschermd persoon toevoegen (Art. 5.1)"),
        forms.BeschermdPersoonForm,
        lambda r, m, d: beschermd.beschermd_persoon_toevoegen(
            melding=m,
            rol=d["rol"],
            naam=d["naam"],
            personeelsnummer=d["personeelsnummer"],
            email=d["email"] or "",
            beschermd_vanaf=d["beschermd_vanaf"],
            door=r.user,
        ),
        _rol(*BENADELING_ROLLEN),
    ),
    (
        "benadeling_risicoanalyse",
        _("Risicogesprek vastleggen (Art. 6.1)"),
        forms.RisicoanalyseForm,
        lambda r, m, d: vastleggingen.risicoanalyse_vastleggen(melding=m, door=r.user, **d),
        _rol(CP),
    ),
    (
        "benadeling_vastleggen",
        _("Benadeling vastleggen na gesprek met de melder (Art. 6.2)"),
        forms.BenadelingForm,
        lambda r, m, d: vastleggingen.benadeling_vastleggen(
            melding=m, omschrijving=d["omschrijving"], types=d["types"], door=r.user
        ),
        _rol(CP),
    ),
    (
        "benadeling_papier",
        _("Ondertekend papieren verslag van de melder toevoegen"),
        forms.PapierGoedkeuringForm,
        lambda r, m, d: vastleggingen.vastlegging_papier_goedgekeurd(
            vastlegging=d["vastlegging"], ondertekend_exemplaar=d["ondertekend_exemplaar"].read(), door=r.user
        ),
        lambda r, m: (
            _rol(CP)(r, m)
            and (
                m.risicoanalyses.exclude(status=VastleggingStatus.GOEDGEKEURD).exists()
                or m.benadelingsmeldingen.exclude(status=VastleggingStatus.GOEDGEKEURD).exists()
            )
        ),
    ),
    (
        "benadeling_maatregel",
        _("Maatregel tegen benadeling nemen en ondertekenen (Art. 6.3, 5.6)"),
        forms.MaatregelForm,
        lambda r, m, d: maatregelen.maatregel_vastleggen(
            melding=m,
            soort=d["soort"],
            omschrijving=d["omschrijving"],
            mededeling_aan_melder=d["mededeling_aan_melder"],
            benadelingsmelding=d["benadelingsmelding"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        _leiding(),
    ),
    (
        "benadeling_afhandelen",
        _("Benadelingsmelding afhandelen"),
        forms.AfhandelenForm,
        lambda r, m, d: maatregelen.benadelingsmelding_afhandelen(
            benadelingsmelding=d["benadelingsmelding"],
            uitkomst=d["uitkomst"],
            toelichting=d["toelichting"],
            door=r.user,
        ),
        lambda r, m: _leiding()(r, m) and m.benadelingsmeldingen.filter(uitkomst="").exists(),
    ),
    (
        "benadeling_voornemen",
        _("Voorgenomen benadelende maatregel vastleggen (Art. 5.2, 5.4)"),
        forms.VoornemenForm,
        lambda r, m, d: motivering.maatregel_voornemen(
            melding=m,
            beschermd_persoon=d["beschermd_persoon"],
            soort=d["soort"],
            beoogd_op=d["beoogd_op"],
            omschrijving=d["omschrijving"],
            door=r.user,
        ),
        lambda r, m: _leiding(CP)(r, m) and m.beschermde_personen.exists(),
    ),
    (
        "benadeling_motivering_vragen",
        _("Motivering vragen aan de hoogste leidinggevende (Art. 5.4)"),
        forms.MotiveringVragenForm,
        lambda r, m, d: motivering.motivering_vragen(voornemen=d["voornemen"], door=r.user),
        lambda r, m: (
            _rol(ONTVANGER, CP)(r, m)
            and m.voorgenomen_maatregelen.filter(status=VoornemenStatus.MOTIVERING_VEREIST).exists()
        ),
    ),
    (
        "benadeling_motivering",
        _("Motivering vastleggen en ondertekenen (Art. 5.4)"),
        forms.MotiveringForm,
        lambda r, m, d: motivering.motivering_vastleggen(
            voornemen=d["voornemen"],
            waarom_nodig=d["waarom_nodig"],
            geen_verband=d["geen_verband"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        lambda r, m: _leiding()(r, m) and m.voorgenomen_maatregelen.filter(motivering_vereist=True).exists(),
    ),
    (
        "benadeling_genomen",
        _("Maatregel als genomen vastleggen"),
        forms.GenomenForm,
        lambda r, m, d: motivering.maatregel_als_genomen_vastleggen(voornemen=d["voornemen"], door=r.user),
        lambda r, m: _leiding(CP, ONTVANGER)(r, m) and m.voorgenomen_maatregelen.exists(),
    ),
    (
        "benadeling_onderzoeksverzoek",
        _("Verzoek om onderzoek naar benadeling vastleggen (Art. 13.1)"),
        forms.OnderzoeksverzoekForm,
        lambda r, m, d: verzoeken.onderzoeksverzoek_indienen(melding=m, verzoek=d["verzoek"], door=r.user),
        _rol(CP, ONTVANGER),
    ),
    (
        "benadeling_verzoek_beslissen",
        _("Beslissen op verzoek om onderzoek naar benadeling (Art. 13)"),
        forms.VerzoekBeslissenForm,
        _verzoek_beslissen,
        lambda r, m: _leiding()(r, m) and m.benadeling_verzoeken.filter(uitkomst="open").exists(),
    ),
    (
        "benadeling_standpunt",
        _("Standpunt na het onderzoek naar benadeling (Art. 13.2, 11.1)"),
        forms.StandpuntForm,
        lambda r, m, d: verzoeken.onderzoeksverzoek_standpunt_vaststellen(
            verzoek=d["verzoek"],
            uitkomst=d["uitkomst"],
            standpunt=d["standpunt"],
            vervolgstappen=d["vervolgstappen"],
            door=r.user,
            totp_code=d["totp_code"],
        ),
        lambda r, m: (
            _leiding()(r, m)
            and m.benadeling_verzoeken.filter(onderzoek__status="afgerond", standpunt_op__isnull=True).exists()
        ),
    ),
    (
        "benadeling_verwijzing",
        _("Verwijzing of ondersteuning vastleggen"),
        forms.VerwijzingForm,
        _verwijzing,
        _rol(*BENADELING_ROLLEN),
    ),
    (
        "benadeling_dossier",
        _("Dossier benadeling exporteren (PDF)"),
        forms.DossierForm,
        lambda r, m, d: dossier.dossier_exporteren(melding=m, ontvangers=d["ontvangers"], door=r.user),
        _leiding(),
    ),
]

for naam, titel, form_class, uitvoeren, zichtbaar in ACTIES:
    actie_registreren(naam, titel, form_class, uitvoeren, zichtbaar=zichtbaar)


class BenadelingAdmin(admin.ModelAdmin):
    """Read-only records of one case, for those who work on it against retaliation."""

    def get_queryset(self, request):
        return selectors.zichtbaar_voor(model=self.model, user=request.user).select_related("melding")

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404  # missing and forbidden alike
        return obj

    def has_add_permission(self, request):
        return False  # through the services on the case screen

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            auditregel_schrijven(
                door=request.user, actie=AuditActie.BEKEKEN, object=self.get_object(request, object_id)
            )
        return response


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
    )
    readonly_fields = fields


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
    list_display = ("organisatie", "motiveringsperiode_maanden", "motivering_voor_alle_beschermden")
    filter_horizontal = ("personeelszaken",)
