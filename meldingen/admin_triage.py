"""Triage actions on the case screen (Art. 8). Each view: the case through the
permission-filtered admin queryset (404 otherwise), a form, one service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from kern.models import AuditActie
from kern.selectors import auditregels_voor_object
from kern.services import auditregel_schrijven
from meldingen import selectors
from meldingen.admin_forms import BevestigForm, ContactpersoonForm, KoppelForm, RedenForm
from meldingen.constants import Status, ToewijzingRol
from meldingen.services import triage


def actie_registreren(naam: str, titel, form_class, uitvoeren, *, zichtbaar=None) -> None:
    """Extension point for higher apps (onderzoek, benadeling): add an action to
    the case screen. `uitvoeren(request, melding, cleaned_data)` calls one service;
    `zichtbaar(request, melding) -> bool` decides whether the button is offered.
    Forms may accept `user` and `melding` keyword arguments (see KoppelForm)."""
    TriageAdminMixin.ACTIES[naam] = (titel, form_class, uitvoeren)
    if zichtbaar is not None:
        TriageAdminMixin.ZICHTBAAR[naam] = zichtbaar


def _heeft_rol(request, melding, *rollen) -> bool:
    return melding.toewijzingen.filter(gebruiker=request.user, rol__in=rollen, beeindigd_op__isnull=True).exists()


class TriageAdminMixin:
    # Which buttons are offered; the services decide what is allowed.
    ZICHTBAAR: dict = {
        "doorsturen": lambda r, m: m.status == Status.ONTVANGEN and _heeft_rol(r, m, ToewijzingRol.ONTVANGER),
        "omleiden": lambda r, m: not m.hl_betrokken and _heeft_rol(r, m, ToewijzingRol.ONTVANGER),
        "contactpersoon": lambda r, m: m.status != Status.ONTVANGEN,
    }
    # (url name, title, form, service call(request, melding, cleaned_data))
    ACTIES = {
        "doorsturen": (
            _("Doorsturen naar de hoogste leidinggevende of hoogste verantwoordelijke (Art. 8.3–8.4)"),
            BevestigForm,
            lambda r, m, d: triage.melding_doorsturen(melding=m, door=r.user),
        ),
        "omleiden": (
            _("Omleiden: de hoogste leidinggevende is betrokken (Art. 8.4)"),
            RedenForm,
            lambda r, m, d: triage.melding_omleiden_naar_hoogste_verantwoordelijke(
                melding=m, door=r.user, reden=d["reden"]
            ),
        ),
        "contactpersoon": (
            _("Contactpersoon aanwijzen (Art. 8.6)"),
            ContactpersoonForm,
            lambda r, m, d: triage.contactpersoon_aanwijzen(
                melding=m,
                contactpersoon=d["contactpersoon"],
                afgestemd_met_melder=d["afgestemd_met_melder"],
                door=r.user,
            ),
        ),
        "koppelen": (
            _("Koppelen aan een andere melding"),
            KoppelForm,
            lambda r, m, d: triage.melding_koppelen(
                melding=m, andere=d["registernummer"], reden=d["reden"], door=r.user
            ),
        ),
    }

    def zichtbare_acties(self, request, melding) -> list:
        return [
            (naam, titel)
            for naam, (titel, _form, _call) in self.ACTIES.items()
            if self.ZICHTBAAR.get(naam, lambda r, m: True)(request, melding)
        ]

    def get_urls(self):
        eigen = [
            path(
                f"<path:object_id>/{naam}/",
                self.admin_site.admin_view(self._actie_view),
                {"actie": naam},
                name=f"meldingen_melding_{naam}",
            )
            for naam in self.ACTIES
        ]
        eigen.append(
            path(
                "<path:object_id>/inzage/",
                self.admin_site.admin_view(self.inzage_view),
                name="meldingen_melding_inzage",
            )
        )
        return eigen + super().get_urls()

    def _melding(self, request, object_id, perm="meldingen.change_melding"):
        melding = self.get_object(request, object_id)  # 404 when missing or not assigned
        if not selectors.mag(user=request.user, perm=perm, melding=melding):
            raise Http404
        return melding

    def _actie_view(self, request, object_id, actie):
        melding = self._melding(request, object_id)
        titel, form_class, uitvoeren = self.ACTIES[actie]
        extra = {"user": request.user, "melding": melding} if getattr(form_class, "met_context", False) else {}
        form = form_class(request.POST, request.FILES, **extra) if request.method == "POST" else form_class(**extra)
        if request.method == "POST" and form.is_valid():
            try:
                uitvoeren(request, melding, form.cleaned_data)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("U mag deze stap niet zetten."))
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for veld, fouten in exc.error_dict.items():
                        form.add_error(veld if veld in form.fields else None, fouten)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, _("Gedaan: %(titel)s.") % {"titel": titel})
                return redirect(reverse("admin:meldingen_melding_change", args=[melding.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": titel,
            "melding": melding,
            "form": form,
            "opts": self.model._meta,
            "original": melding,
        }
        return TemplateResponse(request, "admin/meldingen/melding/actie.html", context)

    def inzage_view(self, request, object_id):
        """Who looked at this case and when: for the receiving officer and the HL
        (those holding meldingen.toewijzen on the case)."""
        melding = self._melding(request, object_id, perm="meldingen.toewijzen")
        auditregel_schrijven(door=request.user, actie=AuditActie.BEKEKEN, object=melding, toelichting="inzagelog")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Wie heeft deze melding bekeken of gewijzigd"),
            "melding": melding,
            "regels": auditregels_voor_object(object=melding)[:500],
            "opts": self.model._meta,
            "original": melding,
        }
        return TemplateResponse(request, "admin/meldingen/melding/inzage.html", context)
