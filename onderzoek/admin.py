"""The HL's decisions as actions on the case screen (via the meldingen extension
point), and the investigators' own screen: only their assigned investigations."""

from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kern.models import AuditActie
from kern.services import auditregel_schrijven
from meldingen.admin_triage import actie_registreren
from meldingen.constants import Status, ToewijzingRol
from onderzoek import forms, selectors, services
from onderzoek.models import Onderzoek


def _leidt(request, melding) -> bool:
    rol = ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE if melding.hl_betrokken else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
    return melding.toewijzingen.filter(gebruiker=request.user, rol=rol, beeindigd_op__isnull=True).exists()


actie_registreren(
    "besluit",
    _("Besluiten over de melding (Art. 9.1–9.3)"),
    forms.BesluitForm,
    lambda r, m, d: services.besluit_nemen(
        melding=m, soort=d["soort"], motivering=d["motivering"], door=r.user, totp_code=d["totp_code"]
    ),
    zichtbaar=lambda r, m: m.status == Status.IN_BEHANDELING and _leidt(r, m),
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
    zichtbaar=lambda r, m: m.status == Status.IN_ONDERZOEK and _leidt(r, m),
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
        melding=m, inhoud=d["inhoud"], vervolgstappen=d["vervolgstappen"], door=r.user, totp_code=d["totp_code"]
    ),
    zichtbaar=lambda r, m: m.status == Status.IN_ONDERZOEK and _leidt(r, m),
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
    zichtbaar=lambda r, m: m.status not in (Status.ONTVANGEN, Status.AFGESLOTEN) and _leidt(r, m),
)


@admin.register(Onderzoek)
class OnderzoekAdmin(admin.ModelAdmin):
    """Investigators see only their assigned investigations (Art. 7.1, 10)."""

    list_display = ("__str__", "soort", "status", "created_at")
    list_filter = ("soort", "status")
    fields = ("melding", "soort", "status", "opdracht")
    readonly_fields = fields

    def get_queryset(self, request):
        return selectors.onderzoek_list_visible_for(user=request.user).select_related("melding")

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def has_add_permission(self, request):
        return False  # through the HL's signed mandate only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return selectors.onderzoek_list_visible_for(user=request.user).filter(pk=obj.pk).exists()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            auditregel_schrijven(
                door=request.user, actie=AuditActie.BEKEKEN, object=self.get_object(request, object_id)
            )
        return response
