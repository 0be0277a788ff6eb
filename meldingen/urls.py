"""Public URLs of the melder's side, mounted at /melden/ (config/urls.py)."""

from django.urls import path

from meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("box/", views.box_openen, name="box_openen"),
    path("box/inhoud/", views.box, name="box"),
    path("box/bericht/", views.box_bericht, name="box_bericht"),
    path("box/e-mail/", views.box_notificatie, name="box_notificatie"),
    path("box/verzoek/<uuid:uuid>/", views.box_verzoek, name="box_verzoek"),
    path("box/bijlage/<uuid:uuid>/", views.box_bijlage, name="box_bijlage"),
    path("box/brief/<uuid:uuid>/", views.box_brief, name="box_brief"),
    path("box/sluiten/", views.box_sluiten, name="box_sluiten"),
    path("box/intrekken/", views.box_intrekken, name="box_intrekken"),
    path("box/identiteit-wissen/", views.box_identiteit_wissen, name="box_identiteit_wissen"),
    path("personeel/bijlage/<uuid:uuid>/", views.personeel_bijlage, name="personeel_bijlage"),
    path("personeel/melding/<uuid:uuid>/nieuwe-code/", views.personeel_nieuwe_code, name="personeel_nieuwe_code"),
    path("personeel/<slug:slug>/registreren/", views.personeel_registreren, name="personeel_registreren"),
    path("personeel/<slug:slug>/ontvangstbewijs/", views.personeel_ontvangstbewijs, name="personeel_ontvangstbewijs"),
    path("<slug:slug>/", views.melden, name="melden"),
    path("<slug:slug>/ontvangen/", views.ontvangen, name="ontvangen"),
]
