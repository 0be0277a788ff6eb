"""Triage actions on the case screen (Art. 8). Each view: the case through the
permission-filtered admin queryset (404 otherwise), a form, one service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from kern import toegang
from kern.forms import validatiefout_naar_formulier
from kern.models import AuditActie
from kern.selectors import auditregels_voor_object
from kern.services import auditregel_schrijven
from meldingen.admin.formulieren import (
    BerichtForm,
    BevestigForm,
    BriefDoorsturenForm,
    CategorieForm,
    ContactpersoonForm,
    KoppelForm,
    OntvangstbevestigingForm,
    RedenForm,
    ToestemmingForm,
    ToestemmingPapierForm,
    VastleggingForm,
    VastleggingPapierForm,
)
from meldingen.constants import Kanaal, Status, ToewijzingRol
from meldingen.services import brieven, meldingsbox, toestemming, triage
from meldingen.services.melder import melder_identiteit_inzien
from meldingen.services.meldingsbox import brief_pdf_lezen


def actie_registreren(naam: str, titel, form_class, uitvoeren, *, zichtbaar=None) -> None:
    """Extension point for higher apps: add an action to
    the case screen. `uitvoeren(request, melding, cleaned_data)` calls one service;
    `zichtbaar(request, melding) -> bool` decides whether the button is offered.
    Forms may accept `user` and `melding` keyword arguments (see KoppelForm)."""
    TriageAdminMixin.ACTIES[naam] = (titel, form_class, uitvoeren)
    if zichtbaar is not None:
        TriageAdminMixin.ZICHTBAAR[naam] = zichtbaar


def _toegewezen(request, melding, *rollen) -> bool:
    return toegang.heeft_toewijzing(melding=melding, user=request.user, rollen=rollen)


class TriageAdminMixin:
    # Which buttons are offered; the services decide what is allowed.
    ZICHTBAAR: dict = {
        "doorsturen": lambda r, m: m.status == Status.ONTVANGEN and _toegewezen(r, m, ToewijzingRol.ONTVANGER),
        "omleiden": lambda r, m: not m.hl_betrokken and _toegewezen(r, m, ToewijzingRol.ONTVANGER),
        "contactpersoon": lambda r, m: m.status != Status.ONTVANGEN,
        "categorie": lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER, m.leiding_rol),
        "vastlegging": lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER),
        "vastlegging_papier": lambda r, m: (
            _toegewezen(r, m, ToewijzingRol.ONTVANGER) and m.vastleggingen.exclude(status="goedgekeurd").exists()
        ),
        "ontvangstbevestiging": lambda r, m: not m.brieven.filter(soort="ontvangstbevestiging").exists(),
        "toestemming": lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER),
        "toestemming_papier": lambda r, m: _toegewezen(r, m, ToewijzingRol.ONTVANGER),
        "brief_doorsturen": lambda r, m: (
            _toegewezen(r, m, ToewijzingRol.ONTVANGER)
            and m.brieven.filter(via_vertrouwenspersoon=True, bij_melder_op__isnull=True).exists()
        ),
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
        "categorie": (
            _("Aard van de melding vastleggen"),
            CategorieForm,
            lambda r, m, d: triage.melding_categorie_wijzigen(melding=m, categorie=d["categorie"], door=r.user),
        ),
        "vastlegging": (
            _("Mondelinge melding schriftelijk vastleggen en ter goedkeuring voorleggen (Art. 8.1–8.2)"),
            VastleggingForm,
            lambda r, m, d: meldingsbox.vastlegging_voorleggen(
                melding=m,
                titel=d["titel"],
                tekst=d["tekst"],
                artikel="Art. 8.2" if m.kanaal == Kanaal.VERTROUWENSPERSOON else "Art. 8.1",
                door=r.user,
            ),
        ),
        "vastlegging_papier": (
            _("Getekende vastlegging uploaden (Art. 8.1–8.2)"),
            VastleggingPapierForm,
            lambda r, m, d: meldingsbox.vastlegging_op_papier_goedgekeurd(
                vastlegging=d["vastlegging"], getekend_pdf=d["document"].read(), door=r.user
            ),
        ),
        "ontvangstbevestiging": (
            _("Ontvangstbevestiging sturen (Art. 8.5)"),
            OntvangstbevestigingForm,
            lambda r, m, d: brieven.ontvangstbevestiging_sturen(melding=m, samenvatting=d["samenvatting"], door=r.user),
        ),
        "bericht": (
            _("Bericht aan de melder"),
            BerichtForm,
            lambda r, m, d: meldingsbox.bericht_aan_melder(melding=m, tekst=d["tekst"], door=r.user),
        ),
        "toestemming": (
            _("Melder om schriftelijke toestemming vragen (Art. 7.2)"),
            ToestemmingForm,
            lambda r, m, d: toestemming.toestemming_vragen(
                melding=m, soort=d["soort"], ontvangers=d["ontvangers"], door=r.user
            ),
        ),
        "toestemming_papier": (
            _("Getekende toestemming uploaden (Art. 7.2)"),
            ToestemmingPapierForm,
            lambda r, m, d: toestemming.toestemming_op_papier(
                melding=m, soort=d["soort"], ontvangers=d["ontvangers"], getekend_pdf=d["document"].read(), door=r.user
            ),
        ),
        "brief_doorsturen": (
            _("Brief doorsturen aan de melder (Art. 7.3)"),
            BriefDoorsturenForm,
            lambda r, m, d: meldingsbox.brief_doorsturen_door_vertrouwenspersoon(brief=d["brief"], door=r.user),
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
        eigen += [
            path(
                "<path:object_id>/identiteit/",
                self.admin_site.admin_view(self.identiteit_view),
                name="meldingen_melding_identiteit",
            ),
            path(
                "<path:object_id>/brief/<uuid:brief_uuid>/",
                self.admin_site.admin_view(self.brief_view),
                name="meldingen_melding_brief",
            ),
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
        if not toegang.mag(user=request.user, perm=perm, obj=melding):
            raise Http404
        return melding

    def _actie_view(self, request, object_id, actie):
        melding = self._melding(request, object_id)
        if not self.ZICHTBAAR.get(actie, lambda r, m: True)(request, melding):
            # An action not offered to this user does not exist for them (the
            # services check again; this keeps the screen and the URLs in step).
            raise Http404
        titel, form_class, uitvoeren = self.ACTIES[actie]
        extra = {"user": request.user, "melding": melding} if getattr(form_class, "met_context", False) else {}
        gegevens = (request.POST, request.FILES) if request.method == "POST" else ()
        form = form_class(*gegevens, **extra)
        if request.method == "POST" and form.is_valid():
            try:
                resultaat = uitvoeren(request, melding, form.cleaned_data)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("U mag deze stap niet zetten."))
            except ValidationError as exc:
                validatiefout_naar_formulier(form, exc)
            else:
                if isinstance(resultaat, HttpResponseBase):
                    # An action that hands over a file (an export, an access file).
                    return resultaat
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

    def identiteit_view(self, request, object_id):
        """The melder's identity: for the receiving officer, and for those the melder
        named in written consent (Art. 7.2). Each look is audited."""

        melding = self._melding(request, object_id, perm="meldingen.view_melding")
        identiteit = melder_identiteit_inzien(melding=melding, door=request.user)  # 404 without permission
        context = {
            **self.admin_site.each_context(request),
            "title": _("Identiteit van de melder"),
            "melding": melding,
            "identiteit": identiteit,
            "opts": self.model._meta,
            "original": melding,
        }
        return TemplateResponse(request, "admin/meldingen/melding/identiteit.html", context)

    def brief_view(self, request, object_id, brief_uuid):
        """A letter's PDF for staff assigned to the case; each download audited."""

        melding = self._melding(request, object_id, perm="meldingen.view_melding")
        brief = melding.brieven.filter(uuid=brief_uuid).first()
        if brief is None or not brief.pdf:
            raise Http404
        response = HttpResponse(brief_pdf_lezen(brief=brief, door=request.user), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="brief-{melding.registernummer}.pdf"'
        return response
