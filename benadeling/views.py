"""The HR check form (Art. 5.4): a staff page outside the admin. HR sees no case,
ever, and the answer is the same for every employee, protected or not."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from benadeling.forms import ToetsForm
from benadeling.services.toetsen import maatregel_toetsen
from kern.admin_site import tweede_factor_in_orde


@csrf_protect
@never_cache
def toets(request):
    if not tweede_factor_in_orde(request):
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("benadeling.add_personeelstoets"):
        raise Http404
    form = ToetsForm(request.POST or None, user=request.user)
    ontvangen = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        maatregel_toetsen(
            organisatie=data["organisatie"],
            soort=data["soort"],
            beoogd_op=data["beoogd_op"],
            personeelsnummer=data["personeelsnummer"],
            email=data["email"] or "",
            omschrijving=data["omschrijving"],
            door=request.user,
        )
        # One answer for everyone: the page never depends on whether anyone matched.
        ontvangen = True
        form = ToetsForm(user=request.user)
    return TemplateResponse(request, "benadeling/toets.html", {"form": form, "ontvangen": ontvangen})
