"""The application's URLs plus the baseline of the intake benchmark: a minimal
Django view that stores one row, behind the same middleware and server settings.
Bench-only (benchmarks.hulp.instellingen); not in production URLs."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as applicatie
from kern.models import Hartslag


@csrf_exempt
def een_rij(request):
    Hartslag.objects.create(taak="bench.een_rij")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/een-rij/", een_rij), *applicatie]
