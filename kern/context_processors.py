from django.conf import settings
from django.utils.functional import SimpleLazyObject

from kern.foutpaginas import is_personeelsadres
from kern.selectors import hartslag_status


def meldpunt(request):
    """Banners for staff pages: the demo's relaxed second factor, a stopped scheduler;
    and whether the address is a staff one (the error pages' way back, kern.foutpaginas)."""

    def planner_ok():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return True

        return hartslag_status()["ok"]

    return {
        "meldpunt_demo": settings.MELDPUNT_DEMO,
        "tweede_factor_verplicht": settings.MELDPUNT_TWEEDE_FACTOR_VERPLICHT,
        "planner_ok": SimpleLazyObject(planner_ok),
        "personeelsomgeving": is_personeelsadres(getattr(request, "path_info", "") or ""),
    }
