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
from meldingen import auditnotities, selectors
from meldingen.handelingen import HANDELINGEN, handeling_registreren
from meldingen.services.adviseur import adviseur_inzien
from meldingen.services.melder import melder_identiteit_inzien
from meldingen.services.meldingsbox import brief_pdf_lezen


def actie_registreren(naam: str, titel, form_class, uitvoeren, *, rijen=(), zichtbaar=None) -> None:
    """Kept for the higher apps' admin modules: see meldingen.handelingen."""
    handeling_registreren(naam, titel, form_class, uitvoeren, rijen=rijen, zichtbaar=zichtbaar)


class TriageAdminMixin:
    # The case screen reads the actions and their rows (meldingen.handelingen);
    # it holds no visibility rules of its own.
    def zichtbare_acties(self, request, melding) -> list:
        return [(h.naam, h.titel) for h in HANDELINGEN.values() if h.is_zichtbaar(request, melding)]

    def get_urls(self):
        eigen = [
            path(
                f"<path:object_id>/{naam}/",
                self.admin_site.admin_view(self._actie_view),
                {"actie": naam},
                name=f"meldingen_melding_{naam}",
            )
            for naam in HANDELINGEN
        ]
        eigen += [
            path(
                "<path:object_id>/identiteit/",
                self.admin_site.admin_view(self.identiteit_view),
                name="meldingen_melding_identiteit",
            ),
            path(
                "<path:object_id>/adviseur/",
                self.admin_site.admin_view(self.adviseur_view),
                name="meldingen_melding_adviseur",
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
        handeling = HANDELINGEN[actie]
        if not handeling.is_zichtbaar(request, melding):
            # An action not offered to this user does not exist for them (the
            # services check again; this keeps the screen and the URLs in step).
            raise Http404
        titel, form_class, uitvoeren = handeling.titel, handeling.form_class, handeling.uitvoeren
        extra = {"user": request.user, "melding": melding} if getattr(form_class, "met_context", False) else {}
        gegevens = (request.POST, request.FILES) if request.method == "POST" else ()
        form = form_class(*gegevens, **extra)
        if extra and request.method == "GET":
            # A form built from the case shows its content (messages, attachment
            # names, persons concerned): a view like the case screen, audited.
            auditregel_schrijven(
                door=request.user,
                actie=AuditActie.BEKEKEN,
                object=melding,
                toelichting=auditnotities.ACTIE_GEOPEND(actie=actie),
            )
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
        auditregel_schrijven(
            door=request.user, actie=AuditActie.BEKEKEN, object=melding, toelichting=auditnotities.INZAGELOG_BEKEKEN()
        )
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
            # AVG art. 17: erased on the melder's request, not "reported anonymously".
            "gewist_op": None if identiteit else selectors.identiteit_gewist_op(melding=melding),
            "opts": self.model._meta,
            "original": melding,
        }
        return TemplateResponse(request, "admin/meldingen/melding/identiteit.html", context)

    def adviseur_view(self, request, object_id):
        """The melder's adviser: for the receiving officer, and for those both melder
        and adviser named in written consent (Art. 7.4). Each look is audited."""

        melding = self._melding(request, object_id, perm="meldingen.view_melding")
        gegevens = adviseur_inzien(melding=melding, door=request.user)  # 404 without consent
        context = {
            **self.admin_site.each_context(request),
            "title": _("Adviseur van de melder"),
            "melding": melding,
            "adviseur": gegevens,
            "opts": self.model._meta,
            "original": melding,
        }
        return TemplateResponse(request, "admin/meldingen/melding/adviseur.html", context)

    def brief_view(self, request, object_id, brief_uuid):
        """A letter's PDF for staff assigned to the case; each download audited."""

        melding = self._melding(request, object_id, perm="meldingen.view_melding")
        brief = melding.brieven.filter(uuid=brief_uuid).first()
        if brief is None or not brief.pdf:
            raise Http404
        response = HttpResponse(brief_pdf_lezen(brief=brief, door=request.user), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="brief-{melding.registernummer}.pdf"'
        return response
