"""The HL's decisions as actions on the case screen (via the meldingen extension
point), and the investigators' own screen: only their assigned investigations."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kern import toegang
from kern.admin import AlleenLezenMixin, BekekenAuditMixin, NietGevondenMixin
from meldingen.admin.acties import actie_registreren
from meldingen.admin.formulieren import RedenForm
from meldingen.constants import Status
from meldingen.services import betrokkenen as betrokkenen_services
from onderzoek import forms, selectors, services
from onderzoek.models import Onderzoek, Onderzoeksstuk, Verhoor
from onderzoek.services.besluiten import BESLUIT_NAAR_STATUS
from onderzoek.workflow import zijstap_mogelijk


def _leidt(request, melding) -> bool:
    return toegang.heeft_toewijzing(melding=melding, user=request.user, rollen=[melding.leiding_rol])


actie_registreren(
    "besluit",
    _("Besluiten over de melding (Art. 9.1–9.3)"),
    forms.BesluitForm,
    lambda r, m, d: services.besluit_nemen(
        melding=m, soort=d["soort"], motivering=d["motivering"], door=r.user, totp_code=d["totp_code"]
    ),
    rijen=[(Status.IN_BEHANDELING, naar) for naar in BESLUIT_NAAR_STATUS.values()],
)
actie_registreren(
    "onderzoek",
    _("Onderzoeksopdracht geven (Art. 9.4–9.5)"),
    forms.OnderzoekForm,
    lambda r, m, d: services.onderzoek_instellen(
        melding=m,
        soort=d["soort"],
        opdracht=d["opdracht"],
        door=r.user,
        totp_code=d["totp_code"],
        ernstige_bezwaren_afschrift=d["ernstige_bezwaren_afschrift"],
    ),
    zichtbaar=lambda r, m: zijstap_mogelijk("onderzoek", m) and _leidt(r, m),
)
actie_registreren(
    "onderzoeker",
    _("Onderzoeker toewijzen (Art. 9.4)"),
    forms.OnderzoekerForm,
    lambda r, m, d: services.onderzoeker_toewijzen(
        onderzoek=d["onderzoek"],
        gebruiker=d["gebruiker"],
        externe_naam=d["externe_naam"],
        verklaring=d["verklaring"],
        verklaart_geen_betrokkenheid=d["verklaart_geen_betrokkenheid"],
        door=r.user,
    ),
    zichtbaar=lambda r, m: m.onderzoeken.exists() and _leidt(r, m),
)
actie_registreren(
    "standpunt",
    _("Standpunt vaststellen en ondertekenen (Art. 11.1)"),
    forms.StandpuntForm,
    lambda r, m, d: services.standpunt_vaststellen(
        uitkomst=d["uitkomst"],
        melding=m,
        inhoud=d["inhoud"],
        vervolgstappen=d["vervolgstappen"],
        door=r.user,
        totp_code=d["totp_code"],
    ),
    rijen=[(Status.IN_ONDERZOEK, Status.STANDPUNT_VERZONDEN)],
)
actie_registreren(
    "kennisgeving",
    _("Externe instantie in kennis stellen (Art. 9.3, 11.3)"),
    forms.KennisgevingForm,
    lambda r, m, d: services.externe_kennisgeving_doen(
        melding=m,
        instantie=d["instantie"],
        inhoud=d["inhoud"],
        door=r.user,
        totp_code=d["totp_code"],
        ernstige_bezwaren_afschrift=d["ernstige_bezwaren_afschrift"],
    ),
    zichtbaar=lambda r, m: zijstap_mogelijk("kennisgeving", m) and _leidt(r, m),
)
actie_registreren(
    "melder_informeren",
    _("Melder informeren: onderzoek ingesteld, door wie (Art. 9.5)"),
    forms.MelderInformerenForm,
    lambda r, m, d: services.onderzoek_melder_informeren(onderzoek=d["onderzoek"], door=r.user),
    zichtbaar=lambda r, m: _leidt(r, m) and m.onderzoeken.filter(melder_geinformeerd_op__isnull=True).exists(),
)
actie_registreren(
    "betrokkene_toevoegen",
    _("Betrokkene vastleggen"),
    forms.BetrokkeneToevoegenForm,
    lambda r, m, d: betrokkenen_services.betrokkene_toevoegen(
        melding=m, naam=d["naam"], functie=d["functie"], door=r.user
    ),
    zichtbaar=lambda r, m: zijstap_mogelijk("betrokkene_toevoegen", m) and _leidt(r, m),
)


def _betrokkene_informeren(request, melding, d):
    if d["keuze"] == forms.BetrokkeneInformerenForm.INFORMEREN:
        return betrokkenen_services.betrokkene_geinformeerd(betrokkene=d["betrokkene"], door=request.user)
    return betrokkenen_services.betrokkene_informeren_uitstellen(
        betrokkene=d["betrokkene"], reden=d["reden"], herzien_op=d["herzien_op"], door=request.user
    )


actie_registreren(
    "betrokkenen",
    _("Betrokkenen informeren, of vastleggen waarom nog niet (Art. 9.6, 11.4)"),
    forms.BetrokkeneInformerenForm,
    _betrokkene_informeren,
    zichtbaar=lambda r, m: _leidt(r, m) and m.betrokkenen.exists(),
)
actie_registreren(
    "verlengen",
    _("Standpunt verlengen en ondertekenen (Art. 11.2)"),
    forms.VerlengingForm,
    lambda r, m, d: services.standpunt_verlenging_ondertekenen(
        melding=m,
        nieuwe_datum=d["nieuwe_datum"],
        reden=d["reden"],
        met_terugkoppeling=d["met_terugkoppeling"],
        beoordeling=d["beoordeling"],
        door=r.user,
        totp_code=d["totp_code"],
    ),
    zichtbaar=lambda r, m: zijstap_mogelijk("verlengen", m) and _leidt(r, m),
)
actie_registreren(
    "wederhoor_extern",
    _("Reactie van de melder naar de externe instantie (Art. 12.3)"),
    forms.WederhoorExternForm,
    lambda r, m, d: services.wederhoor_naar_externe_instantie(wederhoor=d["wederhoor"], door=r.user),
    zichtbaar=lambda r, m: (
        _leidt(r, m)
        and m.externe_kennisgevingen.exists()
        and m.wederhoren.filter(extern_doorgestuurd_op__isnull=True).exists()
    ),
)
actie_registreren(
    "wederhoor",
    _("Reactie van de melder beantwoorden (Art. 12.2)"),
    forms.WederhoorAntwoordForm,
    lambda r, m, d: services.wederhoor_beantwoorden(
        wederhoor=d["wederhoor"],
        antwoord=d["antwoord"],
        aanvullend_onderzoek=d["aanvullend_onderzoek"],
        opdracht=d["opdracht"],
        totp_code=d["totp_code"],
        door=r.user,
    ),
    rijen=[(Status.WEDERHOOR, Status.IN_ONDERZOEK)],
    zichtbaar=lambda r, m: _leidt(r, m) and m.wederhoren.filter(beantwoord_op__isnull=True).exists(),
)

actie_registreren(
    "afsluiten",
    _("Melding afsluiten na het standpunt (Art. 12)"),
    RedenForm,
    lambda r, m, d: services.melding_afsluiten_na_standpunt(melding=m, reden=d["reden"], door=r.user),
    rijen=[(Status.STANDPUNT_VERZONDEN, Status.AFGESLOTEN), (Status.WEDERHOOR, Status.AFGESLOTEN)],
)


# --- The investigators' steps (Art. 10), on the case screen of their own investigation.


def _onderzoekt(request, melding) -> bool:
    return selectors.onderzoeken_in_uitvoering(user=request.user, melding=melding).exists()


actie_registreren(
    "verhoor_melder",
    _("Verhoor van de melder vastleggen (Art. 10.1)"),
    forms.VerhoorMelderForm,
    lambda r, m, d: services.verhoor_melder_vastleggen(
        onderzoek=d["onderzoek"], titel=d["titel"], tekst=d["tekst"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)
actie_registreren(
    "verhoor_ander",
    _("Verhoor van een ander vastleggen (Art. 10.2)"),
    forms.VerhoorAnderForm,
    lambda r, m, d: services.verhoor_ander_vastleggen(
        onderzoek=d["onderzoek"], naam_gehoorde=d["naam_gehoorde"], titel=d["titel"], tekst=d["tekst"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)
actie_registreren(
    "verhoor_papier",
    _("Getekend verslag van een verhoor uploaden (Art. 10.1–10.2)"),
    forms.VerhoorPapierForm,
    lambda r, m, d: services.verhoor_op_papier_goedgekeurd(
        verhoor=d["verhoor"], getekend_pdf=d["getekend"].read(), door=r.user
    ),
    zichtbaar=lambda r, m: selectors.verhoren_te_tekenen(user=r.user, melding=m).exists(),
)
actie_registreren(
    "stuk",
    _("Document toevoegen aan het onderzoek (Art. 10.3–10.4)"),
    forms.StukForm,
    lambda r, m, d: services.onderzoeksstuk_toevoegen(
        onderzoek=d["onderzoek"],
        herkomst=d["herkomst"],
        omschrijving=d["omschrijving"],
        bestandsnaam=d["bestand"].name,
        inhoud=d["bestand"].read(),
        door=r.user,
    ),
    zichtbaar=_onderzoekt,
)
actie_registreren(
    "concept",
    _("Conceptrapport schrijven (Art. 10.5)"),
    forms.RapportForm,
    lambda r, m, d: services.rapport_concept_opslaan(onderzoek=d["onderzoek"], tekst=d["tekst"], door=r.user),
    zichtbaar=_onderzoekt,
)
actie_registreren(
    "concept_voorleggen",
    _("Conceptrapport aan de melder voorleggen (Art. 10.5)"),
    forms.ConceptVoorleggenForm,
    lambda r, m, d: services.rapport_concept_voorleggen(
        onderzoek=d["onderzoek"], ernstige_bezwaren=d["ernstige_bezwaren"], door=r.user
    ),
    zichtbaar=_onderzoekt,
)


def _rapport_vaststellen(request, melding, d):
    rapport = selectors.concept_van(onderzoek=d["onderzoek"])
    if rapport is None:
        raise ValidationError(_("Schrijf eerst een conceptrapport."))
    return services.rapport_vaststellen(
        rapport=rapport,
        ernstige_bezwaren=d["ernstige_bezwaren"],
        zonder_opmerkingen_reden=d["zonder_opmerkingen_reden"],
        door=request.user,
    )


actie_registreren(
    "rapport_vaststellen",
    _("Onderzoeksrapport vaststellen (Art. 10.6)"),
    forms.RapportVaststellenForm,
    _rapport_vaststellen,
    zichtbaar=_onderzoekt,
)


class _OnderzoekInline(AlleenLezenMixin, admin.TabularInline):
    """Read-only rows of the investigation on its own screen: visible to whoever
    may see that investigation (checked by its selector), never editable here."""

    extra = 0
    can_delete = False

    def get_queryset(self, request):
        # Django empties an inline's queryset without a model permission; the rows
        # are limited to the parent investigation, whose access has_view_permission checks.
        return self.model._default_manager.select_related("onderzoek")

    def has_view_permission(self, request, obj=None):
        return obj is not None and selectors.onderzoeken_zichtbaar_voor(user=request.user).filter(pk=obj.pk).exists()


class VerhoorInline(_OnderzoekInline):
    """The hearings of the investigation and whether their record is final (Art. 10.1–10.2)."""

    model = Verhoor
    fields = ("gehoorde", "created_at", "goedgekeurd")
    readonly_fields = fields

    @admin.display(description=_("goedgekeurd"), boolean=True)
    def goedgekeurd(self, obj):
        return obj.vastlegging.is_definitief


class OnderzoeksstukInline(_OnderzoekInline):
    """Documents of the investigation (Art. 10.3–10.4)."""

    model = Onderzoeksstuk
    fields = ("herkomst", "omschrijving", "created_at")
    readonly_fields = fields


@admin.register(Onderzoek)
class OnderzoekAdmin(BekekenAuditMixin, NietGevondenMixin, AlleenLezenMixin, admin.ModelAdmin):
    """Read-only; investigations are made through the HL's signed mandate."""

    """Investigators see only their assigned investigations (Art. 7.1, 10)."""

    list_display = ("__str__", "soort", "status", "created_at")
    inlines = [VerhoorInline, OnderzoeksstukInline]
    list_filter = ("soort", "status")
    fields = ("melding", "soort", "status", "opdracht")
    readonly_fields = fields

    def get_queryset(self, request):
        return selectors.onderzoeken_zichtbaar_voor(user=request.user).select_related("melding")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return selectors.onderzoeken_zichtbaar_voor(user=request.user).filter(pk=obj.pk).exists()
