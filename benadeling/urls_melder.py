"""The melder's retaliation pages, mounted at /melden/box/benadeling/ (config/urls.py),
inside the mailbox session (benadeling.views_melder)."""

from django.urls import path

from benadeling import views_melder

app_name = "benadeling_melder"

urlpatterns = [
    path("", views_melder.benadeling, name="benadeling"),
    path("melden/", views_melder.benadeling_melden, name="melden"),
    path("onderzoek/", views_melder.onderzoek_vragen, name="onderzoek"),
    path("huis/", views_melder.huis_route, name="huis"),
]
