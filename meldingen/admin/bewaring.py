"""Screens for retention and the rights of persons concerned (docs/retention.md):
case-screen actions (legal hold, art. 17 removal, access requests, encrypted
export) and next week's destruction list. Each calls one service."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern import toegang
from kern.admin import NietGevondenMixin
from kern.kalender import plus_dagen
from kern.models import AuditActie, AuditCategorie
from kern.rollen import werkt_aan_gevallen
from kern.services import auditregel_schrijven
from meldingen import selectors
from meldingen.admin.acties import actie_registreren
from meldingen.constants import OPEN_STATUSSEN, BlokkadeReden, Status
from meldingen.models import Bewaarbeleid, TeVernietigenMelding
from meldingen.services import bewaring, export, inzage, verwijderen


def _mag(request, melding, perm="meldingen.toewijzen") -> bool:
    return toegang.mag(user=request.user, perm=perm, obj=melding)


def _actieve_blokkade(melding):
    return melding.bewaarblokkades.filter(opgeheven_op__isnull=True).first()


class BewaarblokkadeForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=BlokkadeReden.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label=_("Toelichting (zaaknummer, instantie)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OpheffenForm(forms.Form):
    toelichting = forms.CharField(label=_("Waarom kan de blokkade eraf?"), widget=forms.Textarea(attrs={"rows": 3}))


class _MetMelding(forms.Form):
    met_context = True

    def __init__(self, *args, user, melding, **kwargs):
        self.user, self.melding = user, melding
        super().__init__(*args, **kwargs)


class _Keuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.created_at):%d-%m-%Y %H:%M} · {getattr(obj, 'bestandsnaam', '') or obj}"


class IrrelevantForm(_MetMelding):
    bericht = _Keuze(label=_("Bericht"), queryset=None, required=False)
    bijlage = _Keuze(label=_("Bijlage"), queryset=None, required=False)
    passage = forms.CharField(
        label=_("Of: passage uit de omschrijving (letterlijk)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reden = forms.CharField(label=_("Waarom is dit kennelijk niet relevant?"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bericht"].queryset = selectors.berichten_voor(melding=self.melding)
        self.fields["bijlage"].queryset = selectors.bijlagen_voor(melding=self.melding, user=self.user)


class InzageverzoekForm(_MetMelding):
    betrokkene = forms.ModelChoiceField(label=_("Betrokkene"), queryset=None)
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["betrokkene"].queryset = self.melding.betrokkenen.all()
        self.fields["betrokkene"].label_from_instance = lambda b: b.naam


class _VerzoekKeuze(_MetMelding):
    verzoek = forms.ModelChoiceField(label=_("Inzageverzoek"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verzoek"].queryset = self.melding.inzageverzoeken.filter(afgehandeld_op__isnull=True)
        self.fields["verzoek"].label_from_instance = lambda v: f"{v.betrokkene.naam} · {v.ontvangen_op:%d-%m-%Y}"


class InzageUitstelForm(_VerzoekKeuze):
    reden = forms.CharField(label=_("Reden van uitstel (onderzoeksbelang)"), widget=forms.Textarea(attrs={"rows": 3}))
    tot = forms.DateField(label=_("Uitgesteld tot"), widget=forms.DateInput(attrs={"type": "date"}))


class WeglatingForm(_VerzoekKeuze):
    passage = forms.CharField(label=_("Passage (letterlijk)"), widget=forms.Textarea(attrs={"rows": 2}))
    reden = forms.CharField(label=_("Reden om weg te laten"), max_length=300)


class ExportForm(forms.Form):
    doel = forms.ChoiceField(label=_("Waarvoor"), choices=export.ExportDoel.choices)
    wachtwoordzin = forms.CharField(label=_("Wachtwoordzin (ten minste 12 tekens)"), widget=forms.PasswordInput)
    herhaling = forms.CharField(label=_("Wachtwoordzin nogmaals"), widget=forms.PasswordInput)

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("wachtwoordzin") != gegevens.get("herhaling"):
            raise forms.ValidationError(_("De wachtwoordzinnen zijn niet gelijk."))
        return gegevens


def _bestand(data: bytes, naam: str, soort: str) -> HttpResponse:
    antwoord = HttpResponse(data, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


actie_registreren(
    "bewaarblokkade",
    _("Bewaarblokkade plaatsen (niet vernietigen)"),
    BewaarblokkadeForm,
    lambda r, m, d: bewaring.bewaarblokkade_plaatsen(
        melding=m, reden=d["reden"], toelichting=d["toelichting"], door=r.user
    ),
    zichtbaar=lambda r, m: m.status != Status.VERNIETIGD and _actieve_blokkade(m) is None,
)
actie_registreren(
    "bewaarblokkade_opheffen",
    _("Bewaarblokkade opheffen"),
    OpheffenForm,
    lambda r, m, d: bewaring.bewaarblokkade_opheffen(melding=m, toelichting=d["toelichting"], door=r.user),
    zichtbaar=lambda r, m: _actieve_blokkade(m) is not None,
)
actie_registreren(
    "irrelevant_verwijderen",
    _("Kennelijk niet relevante gegevens verwijderen (EU 2019/1937 art. 17)"),
    IrrelevantForm,
    lambda r, m, d: verwijderen.irrelevant_verwijderen(
        melding=m, bericht=d["bericht"], bijlage=d["bijlage"], passage=d["passage"], reden=d["reden"], door=r.user
    ),
    zichtbaar=lambda r, m: m.status in OPEN_STATUSSEN and _mag(r, m),
)
actie_registreren(
    "inzageverzoek",
    _("Inzageverzoek van een betrokkene registreren (AVG art. 15)"),
    InzageverzoekForm,
    lambda r, m, d: inzage.inzageverzoek_registreren(
        betrokkene=d["betrokkene"], ontvangen_op=d["ontvangen_op"], door=r.user
    ),
    zichtbaar=lambda r, m: m.status != Status.VERNIETIGD and _mag(r, m) and m.betrokkenen.exists(),
)
_open_inzage = lambda r, m: _mag(r, m) and m.inzageverzoeken.filter(afgehandeld_op__isnull=True).exists()  # noqa: E731
actie_registreren(
    "inzage_uitstellen",
    _("Inzage uitstellen in het belang van het onderzoek (AVG art. 23; EU 2019/1937 art. 22)"),
    InzageUitstelForm,
    lambda r, m, d: inzage.inzageverzoek_uitstellen(verzoek=d["verzoek"], reden=d["reden"], tot=d["tot"], door=r.user),
    zichtbaar=_open_inzage,
)
actie_registreren(
    "inzage_weglating",
    _("Passage weglaten uit het inzagedossier"),
    WeglatingForm,
    lambda r, m, d: inzage.weglating_toevoegen(
        verzoek=d["verzoek"], passage=d["passage"], reden=d["reden"], door=r.user
    ),
    zichtbaar=_open_inzage,
)
actie_registreren(
    "inzage_afhandelen",
    _("Inzagedossier maken en downloaden (PDF)"),
    _VerzoekKeuze,
    lambda r, m, d: _bestand(
        inzage.inzageverzoek_afhandelen(verzoek=d["verzoek"], door=r.user),
        f"inzage-{m.registernummer}.pdf",
        "application/pdf",
    ),
    zichtbaar=_open_inzage,
)
actie_registreren(
    "dossier_exporteren",
    _("Volledig dossier exporteren, versleuteld (archief of rechter)"),
    ExportForm,
    lambda r, m, d: _bestand(
        export.dossier_exporteren(melding=m, wachtwoordzin=d["wachtwoordzin"], doel=d["doel"], door=r.user),
        f"dossier-{m.registernummer}.meldpunt",
        "application/octet-stream",
    ),
    zichtbaar=lambda r, m: m.status != Status.VERNIETIGD and _mag(r, m),
)


@admin.register(TeVernietigenMelding)
class VernietigingslijstAdmin(NietGevondenMixin, admin.ModelAdmin):
    """Next week's destruction candidates among the cases the user works on:
    register numbers and dates only (the dry-run report, docs/retention.md)."""

    def get_queryset(self, request):
        # The model is a proxy of every case. Its object pages (change, delete,
        # history) find nothing, so they answer 404 alike for an existing and a
        # missing case number (docs/vertrouwelijkheid.md): Django's own lookup
        # answered 403 for one and a redirect for the other, telling anyone with
        # an admin login how many cases there are and when a new one arrives.
        # The list is built by its own view from the selector, not from here.
        return self.model.objects.none()

    def has_module_permission(self, request):
        # Only for those who work on cases (not HR, not the functioneel beheerder).
        return request.user.is_active and request.user.is_staff and werkt_aan_gevallen(request.user)

    def has_view_permission(self, request, obj=None):
        return obj is None and self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):

        # Our list first; the model admin's other URLs stay (404 for every object, 403 for add).
        return [
            path(
                "", self.admin_site.admin_view(self.changelist_view), name="meldingen_tevernietigenmelding_changelist"
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        vandaag = timezone.localdate()
        kandidaten = bewaring.vernietigingslijst_voor(user=request.user, vandaag=vandaag)
        auditregel_schrijven(
            door=request.user,
            actie=AuditActie.BEKEKEN,
            object=request.user,
            toelichting=f"vernietigingslijst {len(kandidaten)} meldingen",
            # About cases (how many of this user's are destroyed next week), not
            # configuration, though its object is the user (docs/threat-model.md §4).
            categorie=AuditCategorie.GEVAL,
        )
        rijen = [
            {
                "kandidaat": k,
                "url": reverse("admin:meldingen_melding_change", args=[k.melding.pk]),
                "blokkade_url": reverse("admin:meldingen_melding_bewaarblokkade", args=[k.melding.pk]),
            }
            for k in kandidaten
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Vernietigingslijst: te vernietigen tot en met %(datum)s")
            % {"datum": plus_dagen(vandaag, settings.MELDPUNT_VERNIETIGING_AANKONDIGING_DAGEN).strftime("%d-%m-%Y")},
            "rijen": rijen,
            "aan": settings.MELDPUNT_VERNIETIGING_AAN,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/meldingen/vernietigingslijst.html", context)


class BewaarbeleidForm(forms.ModelForm):
    class Meta:
        model = Bewaarbeleid
        fields = ("maanden_met_onderzoek", "maanden_zonder_onderzoek", "maanden_ingetrokken", "maanden_adviesvraag")

    def clean(self):
        gegevens = super().clean()
        # Refused as a whole when a period is below the installation minimum.
        bewaring.bewaarbeleid_valideren(waarden={veld: gegevens.get(veld) for veld in self.Meta.fields})
        return gegevens


class BewaarbeleidInline(admin.StackedInline):
    model = Bewaarbeleid
    form = BewaarbeleidForm
    max_num = 1
    can_delete = False
